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
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.Projection;
import org.vecsnn.core.ProjectionBuilder;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.connect.SplitMix64;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.plasticity.InhibitoryStdp;
import org.vecsnn.models.plasticity.PairStdp;
import org.vecsnn.models.plasticity.Pairing;
import org.vecsnn.models.plasticity.TripletStdp;
import org.vecsnn.models.synapse.ExponentialReceptor;

/**
 * The cost of STDP on every excitatory synapse of COBA 4000 (BenchmarkNetworks' parameters, 256,000 E synapses),
 * µs per step of one thread: {@code none} is the static network; subtract it, and divide by the plastic events per
 * step (the synapse updates of the rows of presynaptic spikes and the columns of postsynaptic ones) that the set-up
 * counts in a run of the same network and prints, for ns per plastic event. Learning rates of 1e-7 keep the activity
 * that of the static network (21 Hz).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class PlasticityBenchmark {
    private static final int N = 4000;
    public static final int EXCITATORY = 3200;
    /** Steps of the count run (1 s). */
    private static final int COUNTED = 10_000;

    @Param({"none", "pair", "pair_nearest", "triplet", "inhibitory"})
    String rule;

    private Network network;

    /** COBA 4000 with {@code rule} on its E projection; returns that projection. */
    public static Projection coba(Network network, String rule) {
        NeuronPopulation neurons = network.addNeurons("coba", N, new Lif(-60, -60, -50, 20, 1, 5, Integrator.EULER));
        SplitMix64 init = SplitMix64.stream(7, -1);
        neurons.set("V", i -> -55 + 5 * init.nextGaussian());
        ProjectionBuilder e = network.connect(neurons.range(0, EXCITATORY),
                        new ExponentialReceptor(neurons, "ge", 5, SynapticOutput.conductance(0)))
                .name("E").connector(Connectors.fixedProbability(0.02, true)).weight(0.6);
        switch (rule) {
            case "none" -> { }
            case "pair" -> e.plasticity(PairStdp.additive(1e-7, 1e-7, 20, 20, 1.2, Pairing.ALL_TO_ALL));
            case "pair_nearest" -> e.plasticity(PairStdp.additive(1e-7, 1e-7, 20, 20, 1.2, Pairing.NEAREST));
            case "triplet" -> e.plasticity(new TripletStdp(1e-7, 1e-7, 1e-7, 1e-7, 16.8, 33.7, 101, 125, 1.2,
                    Pairing.ALL_TO_ALL));
            case "inhibitory" -> e.plasticity(new InhibitoryStdp(1e-7, 20, 5, 1.2));
            default -> throw new IllegalArgumentException("rule = " + rule);
        }
        Projection projection = e.build();
        network.connect(neurons.range(EXCITATORY, N),
                        new ExponentialReceptor(neurons, "gi", 10, SynapticOutput.conductance(-80)))
                .name("I").connector(Connectors.fixedProbability(0.02, true)).weight(6.7).build();
        network.addCurrent(TimedCurrent.constant(neurons.all(), 20));
        return projection;
    }

    @Setup
    public void build() {
        Network counted = new Network(0.1, KernelProvider.get()).seed(7);
        Projection e = coba(counted, rule);
        SpikeMonitor spikes = counted.addMonitor(new SpikeMonitor(counted.populations().get(0)));
        counted.runSteps(COUNTED, ProgressListener.SILENT);
        int[] rowStart = e.csr().rowStart();
        int[] column = new int[N];
        for (int t : e.csr().targets()) {
            column[t]++;
        }
        long events = 0;
        for (int u : spikes.units()) {
            events += (u < EXCITATORY ? rowStart[u + 1] - rowStart[u] : 0) + column[u];
        }
        System.out.printf("%n%s: %d spikes in 1 s, %.1f plastic events per step (if plastic)%n", rule,
                spikes.count(), events / (double) COUNTED);
        network = new Network(0.1, KernelProvider.get()).seed(7);
        coba(network, rule);
        network.runSteps(2000, ProgressListener.SILENT);
    }

    @Benchmark
    public void step() {
        network.step();
    }
}
