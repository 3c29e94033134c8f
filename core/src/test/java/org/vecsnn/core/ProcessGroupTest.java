package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vecsnn.core.connect.Connector;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.connect.Csr;
import org.vecsnn.core.connect.Distribution;
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

        @Override
        public void alltoallv(int[] send, int[] sendCounts, int[] receive, int[] receiveCounts) {
            try {
                shared[rank] = send;
                shared[size + rank] = sendCounts;
                barrier.await();
                int at = 0;
                for (int q = 0; q < size; q++) {
                    int[] counts = shared[size + q];
                    if (counts[rank] != receiveCounts[q]) {
                        barrier.reset(); // the other ranks stop too, not wait at the next barrier
                        throw new IllegalStateException("rank " + rank + " expects " + receiveCounts[q]
                                + " ints from rank " + q + ", which sends " + counts[rank]);
                    }
                    int offset = 0;
                    for (int r = 0; r < rank; r++) {
                        offset += counts[r];
                    }
                    System.arraycopy(shared[q], offset, receive, at, counts[rank]);
                    at += counts[rank];
                }
                barrier.await();
            } catch (java.util.concurrent.BrokenBarrierException | InterruptedException e) {
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
        int[][] shared = new int[2 * ranks][]; // each rank's block, then (all-to-all) its counts
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

    private static Connector rule(String name) {
        return switch (name) {
            case "fixedTotalNumber" -> Connectors.fixedTotalNumber(9000, false);
            case "fixedProbability" -> Connectors.fixedProbability(0.1, false);
            case "fixedOutDegree" -> Connectors.fixedOutDegree(40, false, false);
            case "fixedInDegree" -> Connectors.fixedInDegree(30, false, true);
            case "allToAll" -> Connectors.allToAll(false);
            case "oneToOne" -> Connectors.oneToOne();
            case "fromList" -> {
                java.util.Random random = new java.util.Random(5);
                int[] pre = new int[5000];
                int[] post = new int[5000];
                for (int s = 0; s < pre.length; s++) {
                    pre[s] = random.nextInt(293);
                    post[s] = random.nextInt(293);
                }
                yield Connectors.fromList(pre, post, null, null);
            }
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * A recurrent projection of 333 units onto units [40, 333) of themselves (so neither the rows nor the columns
     * line up with the processes' blocks), with drawn weights and delays, each draw counted in {@code draws}.
     */
    private static Projection recurrent(String rule, AtomicLong draws) {
        Network net = new Network(0.1, KernelProvider.get()).seed(4);
        NeuronPopulation lif = net.addNeurons("lif", 333, new Lif(-60, -60, -50, 10, 1, 2,
                Integrator.EXPONENTIAL_EULER));
        ExponentialReceptor ge = new ExponentialReceptor(lif, "ge", 5, SynapticOutput.conductance(0));
        Distribution normal = Distribution.normal(0.5, 0.1, 0, 1);
        Distribution counted = rng -> {
            draws.incrementAndGet();
            return normal.sample(rng);
        };
        boolean square = rule.equals("oneToOne") || rule.equals("fromList");
        return net.connect(lif.range(square ? 40 : 0, 333), ge).toRange(40, 333).connector(rule(rule))
                .weights(counted).delays(Distribution.normal(1.0, 0.5, 0.1, 3)).build();
    }

    /**
     * Each process draws its share of the rows and receives the synapses onto its neurons: it holds exactly the
     * synapses one process builds onto those columns (rows, targets, weights, delays, in order), and the processes
     * together draw each synapse's weight once, not once each.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fixedTotalNumber", "fixedProbability", "fixedOutDegree", "fixedInDegree", "allToAll",
        "oneToOne", "fromList"})
    void eachProcessHoldsTheSynapsesOntoItsNeuronsAndDrawsItsShare(String rule) throws Exception {
        AtomicLong oneDraws = new AtomicLong();
        Csr one = recurrent(rule, oneDraws).csr();
        assertTrue(one.synapseCount() > 250, rule + ": " + one.synapseCount() + " synapses");
        AtomicLong draws = new AtomicLong();
        List<SharedGroup> groups = new ArrayList<>();
        List<Csr> shares = onRanks(3, () -> recurrent(rule, draws).csr(), groups);
        assertEquals(oneDraws.get(), draws.get(), "weights drawn by the three processes together");
        for (int rank = 0; rank < 3; rank++) {
            int[] units = groups.get(rank).range(336); // 333 units padded to whole blocks of 16
            int from = units[0] - 40;
            int to = units[1] - 40;
            List<Integer> targets = new ArrayList<>();
            List<Float> weights = new ArrayList<>();
            List<Short> delays = new ArrayList<>();
            int[] rowStart = new int[one.rows() + 1];
            for (int row = 0; row < one.rows(); row++) {
                rowStart[row + 1] = rowStart[row];
                for (int e = one.rowStart()[row]; e < one.rowStart()[row + 1]; e++) {
                    if (one.targets()[e] >= from && one.targets()[e] < to) {
                        targets.add(one.targets()[e]);
                        weights.add(one.weights()[e]);
                        delays.add(one.delays()[e]);
                        rowStart[row + 1]++;
                    }
                }
            }
            Csr share = shares.get(rank);
            assertArrayEquals(rowStart, share.rowStart(), rule + ", rank " + rank);
            assertEquals(targets, java.util.Arrays.stream(share.targets()).boxed().toList(), rule + ", rank " + rank);
            for (int e = 0; e < share.synapseCount(); e++) {
                assertEquals(weights.get(e), share.weights()[e], rule + ", rank " + rank);
                assertEquals(delays.get(e), share.delays()[e], rule + ", rank " + rank);
            }
        }
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
        // the projection's shape while it is built (four ints each), the shortest delay (one int each), then blocks of 1 + 2 populations · 2 steps + 64 ints, grown for a third
        // of a burst, shrunk after a window of 128 slices without one, grown for the second, shrunk to what the
        // population it drives needs
        List<Integer> sizes = groups.get(0).blocks;
        assertEquals(7, sizes.size(), sizes.toString());
        assertEquals(List.of(4, 1, 69), sizes.subList(0, 3));
        assertTrue(sizes.get(3) > 667 && sizes.get(5) > 667, sizes.toString());
        assertTrue(sizes.get(4) < 69 && sizes.get(6) < sizes.get(5) / 4, sizes.toString());
    }

    private record Traces(double[] times, float[][] traces) {}

    /**
     * COBA with V recorded on units spread over every process (one each side of each bound, the first and the last),
     * in two runs, with a ring of 150 samples when {@code kept} is set (so the second run overwrites part of the first).
     */
    private static Traces recorded(int threads, boolean kept) {
        EiNetwork net = BenchmarkNetworks.coba(4000, 0.1, 3, KernelProvider.get());
        net.network().threads(threads);
        StateMonitor v = new StateMonitor(net.neurons(), "V", new int[] {0, 1327, 1328, 2655, 2656, 3999, 17}, 0.2);
        net.network().addMonitor(kept ? v.keepLast(150) : v);
        net.network().run(20, ProgressListener.SILENT);
        net.network().run(30.1, ProgressListener.SILENT);
        net.network().close();
        float[][] traces = new float[7][];
        for (int k = 0; k < traces.length; k++) {
            traces[k] = v.trace(k);
        }
        return new Traces(v.times(), traces);
    }

    /** After every run each process holds every recorded trace, value for value as one process records them. */
    @ParameterizedTest(name = "keep the last samples: {0}")
    @ValueSource(booleans = {false, true})
    void aStateMonitorHoldsEveryTraceOnEveryProcess(boolean kept) throws Exception {
        Traces one = recorded(1, kept);
        assertEquals(kept ? 150 : 251, one.times().length);
        for (Traces run : onRanks(3, () -> recorded(2, kept))) {
            assertArrayEquals(one.times(), run.times());
            for (int k = 0; k < one.traces().length; k++) {
                assertArrayEquals(one.traces()[k], run.traces()[k], "trace " + k);
            }
        }
    }

    @Test
    void aMonitorOfAProjectionsSynapsesIsRefusedOnSeveralProcesses() throws Exception {
        List<String> messages = onRanks(2, () -> {
            Network net = new Network(0.1, KernelProvider.get()).seed(2);
            NeuronPopulation lif = net.addNeurons("lif", 100, new Lif(-60, -60, -50, 10, 1, 2,
                    Integrator.EXPONENTIAL_EULER));
            ExponentialReceptor ge = new ExponentialReceptor(lif, "ge", 5, SynapticOutput.conductance(0));
            Projection plastic = net.connect(lif, ge).connector(Connectors.fixedProbability(0.1, false))
                    .weights(Distribution.constant(0.1))
                    .plasticity(org.vecsnn.models.plasticity.PairStdp.songMillerAbbott(0.2)).build();
            net.addMonitor(new StateMonitor(plastic, "w", new int[] {0}, 0.1));
            return assertThrows(IllegalArgumentException.class, net::prepare).getMessage();
        });
        assertTrue(messages.get(0).contains("processes = 2") && messages.get(0).contains("must run on one process"),
                messages.get(0));
    }
}
