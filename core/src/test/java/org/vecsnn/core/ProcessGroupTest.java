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
        private final int[][] shared;
        private final CyclicBarrier barrier;
        /** The block sizes of the all-gathers, each listed when it changes. */
        final List<Integer> blocks = new ArrayList<>();

        SharedGroup(int rank, int size, int[][] shared, CyclicBarrier barrier) {
            this.rank = rank;
            this.size = size;
            this.shared = shared;
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
            if (this.blocks.isEmpty() || this.blocks.getLast() != perProcess) {
                this.blocks.add(perProcess);
            }
            try {
                shared[rank] = java.util.Arrays.copyOf(send, perProcess);
                barrier.await();
                for (int q = 0; q < size; q++) {
                    System.arraycopy(shared[q], 0, receive, q * perProcess, perProcess);
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
        return onRanks(ranks, build, new ArrayList<>());
    }

    /** {@link #onRanks(int, java.util.function.Supplier)}, adding each rank's group to {@code groups}. */
    private static <T> List<T> onRanks(int ranks, java.util.function.Supplier<T> build, List<SharedGroup> groups)
            throws Exception {
        int[][] shared = new int[ranks][];
        CyclicBarrier barrier = new CyclicBarrier(ranks);
        ExecutorService pool = Executors.newFixedThreadPool(ranks);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int r = 0; r < ranks; r++) {
                SharedGroup group = new SharedGroup(r, ranks, shared, barrier);
                groups.add(group);
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

    /**
     * 2000 units firing at once, twice: the exchange's blocks (room for 64 spikes at first) grow on every process
     * alike, and shrink again after {@link ProcessExchange#SHRINK_EVERY} slices, before the second burst.
     */
    private static Spikes burst() {
        Network net = new Network(0.1, KernelProvider.get()).seed(9);
        int[] units = new int[4000];
        double[] times = new double[4000];
        for (int i = 0; i < units.length; i++) {
            units[i] = i % 2000;
            times[i] = i < 2000 ? 1.0 : 60.0;
        }
        SpikeTimesSource source = net.add(new SpikeTimesSource("burst", 2000, units, times));
        NeuronPopulation lif = net.addNeurons("lif", 500, new Lif(-60, -60, -50, 10, 1, 2,
                Integrator.EXPONENTIAL_EULER));
        ExponentialReceptor ge = new ExponentialReceptor(lif, "ge", 5, SynapticOutput.conductance(0));
        net.connect(source, ge).connector(Connectors.fixedProbability(0.05, true)).weight(0.5).delaySteps(3)
                .build();
        SpikeMonitor sources = net.addMonitor(new SpikeMonitor(source));
        SpikeMonitor m = net.addMonitor(new SpikeMonitor(lif));
        net.run(105, ProgressListener.SILENT);
        assertEquals(4000, sources.count(), "every given spike is exchanged");
        return new Spikes(m.steps(), m.units(), net.synapseCount());
    }

    @Test
    void aBurstLargerThanTheBlocksGivesTheSameSpikes() throws Exception {
        Spikes one = burst();
        assertTrue(one.units().length > 100, "the burst drives the population: " + one.units().length);
        List<SharedGroup> groups = new ArrayList<>();
        for (Spikes run : onRanks(3, ProcessGroupTest::burst, groups)) {
            assertArrayEquals(one.steps(), run.steps());
            assertArrayEquals(one.units(), run.units());
        }
        // the shortest delay (one int each), then blocks of 1 + 2 populations · 2 steps + 64 ints, grown for a third
        // of a burst, shrunk after a window of 128 slices without one, grown for the second, shrunk to what the
        // population it drives needs
        List<Integer> sizes = groups.get(0).blocks;
        assertEquals(6, sizes.size(), sizes.toString());
        assertEquals(List.of(1, 69), sizes.subList(0, 2));
        assertTrue(sizes.get(2) > 667 && sizes.get(4) > 667, sizes.toString());
        assertTrue(sizes.get(3) < 69 && sizes.get(5) < sizes.get(4) / 4, sizes.toString());
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
