package org.vecsnn.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vecsnn.core.Network;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.core.synapse.VoltageJump;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.DualExponentialReceptor;
import org.vecsnn.models.synapse.DualExponentialReceptor.Normalisation;
import org.vecsnn.models.synapse.ExponentialReceptor;
import org.vecsnn.models.synapse.KineticModel;
import org.vecsnn.models.synapse.KineticReceptor;

/**
 * The cost of one step of each synapse model in a 4000-neuron network with 80 inputs per neuron: 4000 Poisson
 * units at 10 Hz project with p = 0.02 onto 4000 LIF neurons through the model (weights too small to make them
 * fire). {@code none} is the same network without synapses: subtract it for the synapses' own cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class SynapseModelBenchmark {
    @Param({"none", "exponential", "exponential_mg", "dual", "alpha", "AMPA", "GABA_A", "NMDA", "BioNMDA", "GABA_B",
        "GABA_B_DESENSITIZED", "exponential_stp", "voltage_jump"})
    String model;

    private Network network;

    static SynapticInput add(NeuronPopulation post, String model) {
        return switch (model) {
            case "exponential", "exponential_stp" ->
                    new ExponentialReceptor(post, "s", 5, SynapticOutput.conductance(0));
            case "exponential_mg" -> new ExponentialReceptor(post, "s", 5, SynapticOutput.mgBlock());
            case "dual" -> DualExponentialReceptor.dualExponential(post, "s", 1, 10, Normalisation.PEAK,
                    SynapticOutput.conductance(0));
            case "alpha" -> DualExponentialReceptor.alpha(post, "s", 2, Normalisation.PEAK,
                    SynapticOutput.conductance(0));
            case "AMPA" -> new KineticReceptor(post, "s", KineticModel.ampa());
            case "GABA_A" -> new KineticReceptor(post, "s", KineticModel.gabaA());
            case "NMDA" -> new KineticReceptor(post, "s", KineticModel.nmda());
            case "BioNMDA" -> new KineticReceptor(post, "s", KineticModel.bioNmda());
            case "GABA_B" -> new KineticReceptor(post, "s", KineticModel.gabaB());
            case "GABA_B_DESENSITIZED" -> new KineticReceptor(post, "s", KineticModel.gabaBDesensitized());
            case "voltage_jump" -> new VoltageJump(post, "s", true);
            default -> throw new IllegalArgumentException("model = " + model);
        };
    }

    @Setup
    public void build() {
        network = new Network(0.1, KernelProvider.get()).seed(1);
        PoissonSource drive = network.add(new PoissonSource("drive", 4000, 10, 2));
        NeuronPopulation neurons = network.addNeurons("neurons", 4000,
                new Lif(-60, -60, -50, 20, 1, 5, Integrator.EXPONENTIAL_EULER));
        if (!model.equals("none")) {
            var builder = network.connect(drive, add(neurons, model))
                    .connector(Connectors.fixedProbability(0.02, true)).weight(1e-4);
            if (model.equals("exponential_stp")) {
                builder.plasticity(org.vecsnn.models.synapse.ShortTermPlasticity.tsodyksMarkram());
            }
            builder.build();
        }
        for (int s = 0; s < 2000; s++) {
            network.step();
        }
    }

    @Benchmark
    public void step() {
        network.step();
    }
}
