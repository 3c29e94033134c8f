package org.vecsnn.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.ExponentialReceptor;

/**
 * Spike propagation over CSR: 1000 Poisson sources at a given rate, each with a row of fixed length onto a
 * postsynaptic population of 100,000 neurons (one exponential receptor), targets sorted or in random order, one
 * delay or per-synapse delays (1–20 steps). The secondary result {@code events} is synaptic events delivered per
 * second, counted over each step (the step's fixed work, about 100,000 neurons' updates, included).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class PropagationBenchmark {
    static final int SOURCES = 1000;
    static final int TARGETS = 100_000;

    @Param({"10", "100", "1000", "10000"})
    int rowLength;

    @Param({"1", "10", "50"})
    double rateHz;

    @Param({"sorted", "random"})
    String targets;

    @Param({"false", "true"})
    boolean perSynapseDelays;

    private Network network;
    private PoissonSource sources;

    /** Synaptic events delivered, reported by JMH per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events {
        public long events;
    }

    @Setup
    public void setup() {
        network = new Network(0.1, KernelProvider.get()).threads(1); // events per second on one core
        sources = network.add(new PoissonSource("sources", SOURCES, rateHz, 5));
        NeuronPopulation post = network.addNeurons("post", TARGETS, Lif.defaults());
        var receptor = new ExponentialReceptor(post, "g", 5, SynapticOutput.current());
        int synapses = SOURCES * rowLength;
        int[] pre = new int[synapses];
        int[] postIndex = new int[synapses];
        double[] delays = perSynapseDelays ? new double[synapses] : null;
        java.util.Random random = new java.util.Random(3);
        for (int s = 0; s < synapses; s++) {
            pre[s] = s / rowLength;
            int j = s % rowLength;
            postIndex[s] = targets.equals("sorted") ? (int) ((long) j * TARGETS / rowLength + pre[s] % 7)
                    : random.nextInt(TARGETS);
            if (delays != null) {
                delays[s] = 0.1 * (1 + random.nextInt(20));
            }
        }
        network.connect(sources, receptor).connector(Connectors.fromList(pre, postIndex, null, delays)).weight(1e-3)
                .build();
        network.prepare();
    }

    @Benchmark
    public void step(Events counter) {
        network.step();
        counter.events += (long) sources.spikeCount() * rowLength;
    }
}
