package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.ExponentialReceptor;
import org.vecsnn.networks.BenchmarkNetworks;
import org.vecsnn.networks.EiNetwork;

/**
 * A network distributed over a process group gives every spike at the same step as in one process: here the
 * "processes" are threads of this JVM sharing an in-memory all-gather, so the engine's side of the distribution
 * (ranges, kept synapses, the exchange and its growing blocks) is checked without MPI; the distributed module runs
 * the same over Open MPI.
 */
class ProcessGroupTest {
    /** Ranks as threads: each all-gather copies every rank's block through one shared array between barriers. */
    private static final class SharedGroup implements ProcessGroup {
        private final int rank;
        private final int size;
        private final int[][] blocks;
        private final CyclicBarrier barrier;

        SharedGroup(int rank, int size, int[][] blocks, CyclicBarrier barrier) {
            this.rank = rank;
            this.size = size;
            this.blocks = blocks;
            this.barrier = barrier;
        }

        @Override
        public int rank() {
            return rank;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public void allgather(int[] send, int[] receive, int perProcess) {
            try {
                blocks[rank] = java.util.Arrays.copyOf(send, perProcess);
                barrier.await();
                for (int q = 0; q < size; q++) {
                    System.arraycopy(blocks[q], 0, receive, q * perProcess, perProcess);
                }
                barrier.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private record Spikes(long[] steps, int[] units, long synapses) {}

    private static Spikes coba(int threads) {
        EiNetwork net = BenchmarkNetworks.coba(4000, 0.1, 3, KernelProvider.get());
        net.network().threads(threads);
        SpikeMonitor m = net.network().addMonitor(new SpikeMonitor(net.neurons()));
        net.network().run(200, ProgressListener.SILENT);
        net.network().close();
        return new Spikes(m.steps(), m.units(), net.network().synapseCount());
    }

    /** Runs {@code build} on {@code ranks} threads, each the rank of a shared group, and returns each rank's result. */
    private static <T> List<T> onRanks(int ranks, java.util.function.Supplier<T> build) throws Exception {
        int[][] blocks = new int[ranks][];
        CyclicBarrier barrier = new CyclicBarrier(ranks);
        ExecutorService pool = Executors.newFixedThreadPool(ranks);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int r = 0; r < ranks; r++) {
                SharedGroup group = new SharedGroup(r, ranks, blocks, barrier);
                futures.add(pool.submit(() -> ProcessGroup.build(group, build)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0} processes × {1} threads")
    @CsvSource({"2, 1", "3, 2"})
    void cobaHasTheSameSpikesOnEveryProcessAsInOne(int ranks, int threads) throws Exception {
        Spikes one = coba(1);
        assertTrue(one.units().length > 1000, "the reference run spikes");
        List<Spikes> runs = onRanks(ranks, () -> coba(threads));
        long synapses = 0;
        for (Spikes run : runs) {
            assertArrayEquals(one.steps(), run.steps());
            assertArrayEquals(one.units(), run.units());
            synapses += run.synapses();
        }
        assertEquals(one.synapses(), synapses, "each synapse is kept by exactly one process");
    }

    /** 2000 units firing at once: the exchange's blocks (room for 64 spikes at first) grow on every process alike. */
    private static Spikes burst() {
        Network net = new Network(0.1, KernelProvider.get()).seed(9);
        int[] units = new int[4000];
        double[] times = new double[4000];
        for (int i = 0; i < units.length; i++) {
            units[i] = i % 2000;
            times[i] = i < 2000 ? 1.0 : 3.0;
        }
        SpikeTimesSource source = net.add(new SpikeTimesSource("burst", 2000, units, times));
        NeuronPopulation lif = net.addNeurons("lif", 500, new Lif(-60, -60, -50, 10, 1, 2,
                Integrator.EXPONENTIAL_EULER));
        ExponentialReceptor ge = new ExponentialReceptor(lif, "ge", 5, SynapticOutput.conductance(0));
        net.connect(source, ge).connector(Connectors.fixedProbability(0.05, true)).weight(0.5).delaySteps(3)
                .build();
        SpikeMonitor sources = net.addMonitor(new SpikeMonitor(source));
        SpikeMonitor m = net.addMonitor(new SpikeMonitor(lif));
        net.run(20, ProgressListener.SILENT);
        assertEquals(4000, sources.count(), "every given spike is exchanged");
        return new Spikes(m.steps(), m.units(), net.synapseCount());
    }

    @Test
    void aBurstLargerThanTheBlocksGivesTheSameSpikes() throws Exception {
        Spikes one = burst();
        assertTrue(one.units().length > 100, "the burst drives the population: " + one.units().length);
        for (Spikes run : onRanks(3, ProcessGroupTest::burst)) {
            assertArrayEquals(one.steps(), run.steps());
            assertArrayEquals(one.units(), run.units());
        }
    }

    @Test
    void aStateMonitorIsRefusedOnSeveralProcesses() throws Exception {
        List<String> messages = onRanks(2, () -> {
            EiNetwork net = BenchmarkNetworks.coba(100, 0.1, 3, KernelProvider.get());
            net.network().addMonitor(new StateMonitor(net.neurons(), "V", new int[] {0}, 0.1));
            return assertThrows(IllegalArgumentException.class, () -> net.network().prepare()).getMessage();
        });
        assertTrue(messages.get(0).contains("processes = 2") && messages.get(0).contains("must run on one process"),
                messages.get(0));
    }
}
