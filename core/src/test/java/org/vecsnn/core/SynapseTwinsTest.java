package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.simd.PlainKernels;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.models.neuron.Lif;

/**
 * Every synapse model on the JVM's kernels and on the plain twin: Poisson drive through the model onto LIF
 * neurons, with per-synapse delays on half the synapses: identical spikes and state, including the models whose
 * kernels use exp (NMDA, BioNMDA: the saturation and the Mg block).
 */
@Tag("kernels")
class SynapseTwinsTest {
    private record Run(SpikeMonitor spikes, NeuronPopulation post) {}

    private static Run run(String model, Kernels kernels) {
        Network net = new Network(0.1, kernels).seed(8);
        PoissonSource drive = net.add(new PoissonSource("drive", 100, 40, 3));
        NeuronPopulation post = net.addNeurons("post", 200, new Lif(-65, -65, -50, 10, 1, 2,
                Integrator.EXPONENTIAL_EULER));
        post.set("V", i -> -65 + (i % 13));
        SynapticInput input = SynapseCatalogueTest.receptor(post, model);
        double weight = switch (model) {
            case "alpha" -> 0.5;
            case "NMDA" -> 5;
            case "GABA_A" -> 0.04;
            case "GABA_B" -> 0.02;
            case "GABA_B_DESENSITIZED" -> 0.002;
            default -> 1;
        };
        net.connect(drive.range(0, 50), input).connector(Connectors.fixedProbability(0.2, true)).weight(weight)
                .delaySteps(3).build();
        int n = 400;
        int[] pre = new int[n];
        int[] postIndex = new int[n];
        double[] delays = new double[n];
        for (int s = 0; s < n; s++) {
            pre[s] = s % 50;
            postIndex[s] = (s * 37) % 200;
            delays[s] = 0.1 * (1 + s % 9);
        }
        net.connect(drive.range(50, 100), input).connector(Connectors.fromList(pre, postIndex, null, delays))
                .weight(weight).build();
        net.addCurrent(org.vecsnn.core.input.TimedCurrent.constant(post.all(), 18));
        SpikeMonitor spikes = net.addMonitor(new SpikeMonitor(post));
        net.run(200, ProgressListener.SILENT);
        return new Run(spikes, post);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exponential", "dual", "alpha", "AMPA", "GABA_A", "GABA_B", "GABA_B_DESENSITIZED",
            "NMDA", "BioNMDA"})
    void twinsGiveIdenticalSpikesAndState(String model) {
        Run vector = run(model, KernelProvider.get());
        Run plain = run(model, new PlainKernels());
        assertTrue(plain.spikes().count() > 20, model + ": the network must be active");
        assertArrayEquals(plain.spikes().steps(), vector.spikes().steps(), model);
        assertArrayEquals(plain.spikes().units(), vector.spikes().units(), model);
        assertArrayEquals(plain.post().state("s"), vector.post().state("s"), 0f, model);
        assertArrayEquals(plain.post().v(), vector.post().v(), 0f, model);
    }
}
