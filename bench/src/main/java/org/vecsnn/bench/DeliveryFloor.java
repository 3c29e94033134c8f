package org.vecsnn.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vecsnn.core.Network;
import org.vecsnn.core.Population;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.Projection;
import org.vecsnn.core.connect.Csr;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.Microcircuit;

/**
 * What bounds the microcircuit's delivery on this machine (issue 22, item 3). The real network (DC drive) runs a
 * warm-up, then a recorded stretch on the engine (timed), and the recorded spikes are replayed through bare loops
 * over the network's own synapses, with nothing of the engine around them:
 * <ul>
 *   <li>{@code rows}: each spike walks its thread's part of its rows (targets, weights, delays as stored) and adds
 *       each weight into a ring of its target population at its delay's slot, as the engine's delivery does;</li>
 *   <li>{@code ahead}: the same, each batch of 32 rows read ahead (one element per cache line) before it is walked,
 *       as the engine does;</li>
 *   <li>{@code compact}, {@code compact ahead}: {@code rows} and {@code ahead} over targets in 16 bits and delays in
 *       8 (6 B per synapse against 10);</li>
 *   <li>{@code delay order ahead}: {@code ahead} over a copy of each thread's part of every row with its synapses
 *       in order of delay (stable), so that consecutive writes stay within one slot of the ring;</li>
 *   <li>{@code packed ahead}: {@code ahead} over a copy with each synapse's target, delay and weight side by side
 *       in one array (8 B per synapse, one stream per row instead of three);</li>
 *   <li>{@code lists ahead}: no ring: each synapse appends its target and weight to a list of its arrival step,
 *       added into one reused array of the population's width when that step comes;</li>
 *   <li>{@code events}: the same additions with every ring address worked out beforehand (untimed), read from one
 *       sequential buffer: a ring scatter without any row read, the floor of a delivery into arrival rings.</li>
 * </ul>
 * Each of 1 and 2 threads takes an even part of every target population, as the engine splits them, and replays
 * all steps without barriers. The rings have the width of their population and the depth of the engine's deepest;
 * each thread clears its part of the slot a step consumes before the step's spikes arrive. Before each round but the
 * first the network runs on for as long as it recorded, timed, so that every round has the engine's whole step
 * beside its replays (this VM's speed drifts by 10–50 % from hour to hour).
 * <pre>
 * java -Xmx18g --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.vecsnn.bench.DeliveryFloor \
 *     [scale 1] [recorded ms 200] [rounds 3]
 * </pre>
 */
public final class DeliveryFloor {
    private static final double DT = 0.1;
    private static final double WARMUP_MS = 200;
    /** The engine's read-ahead: spikes per batch and bytes of each row (10 B per synapse here). */
    private static final int BATCH = 32;
    private static final int AHEAD_BYTES = 8192;
    private static final String[] VARIANTS = {"rows", "ahead", "compact", "compact ahead", "delay order ahead",
        "packed ahead", "lists ahead", "events"};

    private final List<Projection> projections;
    /** Per projection: its source and target populations' indices. */
    private final int[] sourceOf;
    private final int[] targetOf;
    private final int[] populationSizes;
    private final int depth;
    private final int steps;
    /** Per population: where each recorded step's spikes start in {@link #spikeUnits}[population]. */
    private final int[][] stepStart;
    private final int[][] spikeUnits;
    private final long events;
    /** Per projection: targets in 16 bits and delays in 8 (6 B per synapse with the weight, against 10). */
    private final char[][] compactTargets;
    private final byte[][] compactDelays;

    private DeliveryFloor(Network net, List<SpikeMonitor> monitors, long firstStep, int steps) {
        this.projections = net.projections();
        List<Population> populations = net.populations();
        this.populationSizes = populations.stream().mapToInt(Population::size).toArray();
        this.sourceOf = projections.stream().mapToInt(p -> populations.indexOf(p.source().population())).toArray();
        this.targetOf = projections.stream().mapToInt(p -> populations.indexOf(p.target().target())).toArray();
        this.depth = projections.stream().mapToInt(p -> p.target().arrivals().depth()).max().orElseThrow();
        this.steps = steps;
        stepStart = new int[monitors.size()][];
        spikeUnits = new int[monitors.size()][];
        for (int p = 0; p < monitors.size(); p++) {
            long[] at = monitors.get(p).steps();
            spikeUnits[p] = monitors.get(p).units();
            stepStart[p] = new int[steps + 1];
            for (int s = 0, k = 0; s <= steps; s++) {
                while (k < at.length && at[k] < firstStep + s) {
                    k++;
                }
                stepStart[p][s] = k;
            }
        }
        long n = 0;
        for (int i = 0; i < projections.size(); i++) {
            int source = sourceOf[i];
            for (int k = stepStart[source][0]; k < stepStart[source][steps]; k++) {
                n += projections.get(i).csr().rowLength(spikeUnits[source][k]);
            }
        }
        this.events = n;
        compactTargets = new char[projections.size()][];
        compactDelays = new byte[projections.size()][];
        for (int i = 0; i < projections.size(); i++) {
            Csr csr = projections.get(i).csr();
            compactTargets[i] = new char[csr.synapseCount()];
            compactDelays[i] = new byte[csr.synapseCount()];
            for (int j = 0; j < csr.synapseCount(); j++) {
                if (csr.targets()[j] > Character.MAX_VALUE || csr.delays()[j] > Byte.MAX_VALUE) {
                    throw new IllegalArgumentException("the compact layout holds targets below 65,536 and delays"
                            + " below 128 steps; projection " + projections.get(i).name() + " has target "
                            + csr.targets()[j] + ", delay " + csr.delays()[j] + " steps (a smaller scale fits)");
                }
                compactTargets[i][j] = (char) csr.targets()[j];
                compactDelays[i][j] = (byte) csr.delays()[j];
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        double recordMs = args.length > 1 ? Double.parseDouble(args[1]) : 200;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Microcircuit.Built built = Microcircuit.build(scale, DT, 1, KernelProvider.get(), Microcircuit.Drive.DC);
        Network net = built.network().threads(2);
        List<SpikeMonitor> monitors = new ArrayList<>();
        for (Population p : net.populations()) {
            monitors.add(net.addMonitor(new SpikeMonitor(p)));
        }
        net.run(WARMUP_MS, ProgressListener.SILENT);
        long first = net.stepIndex();
        double engine = timed(net, recordMs);
        DeliveryFloor floor = new DeliveryFloor(net, monitors, first, (int) (net.stepIndex() - first));
        double perBioSecond = floor.events / (recordMs * 1e-3);
        System.out.printf(Locale.ROOT, "microcircuit, scale %s, DC drive, dt = %s ms: %d synapses; %d steps recorded"
                + " after %.0f ms of warm-up, %d synaptic events (%.3g per biological s)%n", scale, DT,
                net.synapseCount(), floor.steps, WARMUP_MS, floor.events, perBioSecond);
        for (int round = 0; round < rounds; round++) {
            if (round > 0) { // the network goes on from where it stopped: its time beside each round's replays
                engine = timed(net, recordMs);
            }
            System.out.printf(Locale.ROOT, "round %d, the engine, 2 threads, the whole step: %.3f wall s per"
                    + " biological s%n", round + 1, engine);
            for (int threads = 1; threads <= 2; threads++) {
                for (String variant : VARIANTS) {
                    double ns = floor.replay(threads, variant) / floor.events;
                    System.out.printf(Locale.ROOT, "round %d, %-17s %d thread(s): %.2f ns per event (wall), delivery"
                            + " alone %.3f wall s per biological s%n", round + 1, variant, threads, ns,
                            ns * 1e-9 * perBioSecond);
                }
            }
        }
    }

    /** Runs the network for {@code ms}: wall s per biological s. */
    private static double timed(Network net, double ms) {
        long start = System.nanoTime();
        net.run(ms, ProgressListener.SILENT);
        return (System.nanoTime() - start) * 1e-9 / (ms * 1e-3);
    }

    /** Replays the recorded spikes on {@code threads} threads; the wall time in ns. */
    private double replay(int threads, String variant) throws InterruptedException {
        float[][] rings = new float[populationSizes.length][];
        for (int p = 0; p < rings.length; p++) {
            rings[p] = new float[depth * populationSizes[p]];
        }
        long[] elapsed = new long[threads];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            Part part = new Part(t, threads, rings);
            int index = t;
            workers[t] = new Thread(() -> elapsed[index] = switch (variant) {
                case "rows" -> part.rows(part.engineLayout(), false);
                case "ahead" -> part.rows(part.engineLayout(), true);
                case "delay order ahead" -> part.rows(part.delayOrder(), true);
                case "compact" -> part.compact(false);
                case "compact ahead" -> part.compact(true);
                case "packed ahead" -> part.packed();
                case "lists ahead" -> part.lists();
                default -> part.events();
            });
        }
        for (Thread w : workers) {
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        if (Arrays.stream(elapsed).anyMatch(ns -> ns == 0)) {
            throw new IllegalStateException(variant + " replay on " + threads + " threads failed (see above)");
        }
        return Arrays.stream(elapsed).max().orElseThrow();
    }

    /** Synapses of every projection (targets, weights, delays) and where this part of each row starts and ends. */
    private record Layout(int[][] targets, float[][] weights, short[][] delays, int[][] from, int[][] to) {}

    /**
     * One thread's part: neurons {@code [lo[p], hi[p])} of every population p, columns {@code [from[i], to[i])} of
     * projection i.
     */
    private final class Part {
        private final float[][] rings;
        private final int[] lo;
        private final int[] hi;
        private final int[] from;
        private final int[] to;
        /** Per projection: where this part of each row starts and ends. */
        private final int[][] rowFrom;
        private final int[][] rowTo;
        private final int[] addresses;
        private final float[] weights;
        private final int[] slots = new int[depth + 1];
        /** Where the read-ahead's sums are kept, so that its reads are not optimised away. */
        private long readAheadSum;

        Part(int thread, int threads, float[][] rings) {
            this.rings = rings;
            lo = new int[populationSizes.length];
            hi = new int[populationSizes.length];
            for (int p = 0; p < lo.length; p++) {
                lo[p] = (int) ((long) populationSizes[p] * thread / threads);
                hi[p] = (int) ((long) populationSizes[p] * (thread + 1) / threads);
            }
            int n = projections.size();
            from = new int[n];
            to = new int[n];
            rowFrom = new int[n][];
            rowTo = new int[n][];
            int widest = 0;
            for (int i = 0; i < n; i++) {
                Projection p = projections.get(i);
                from[i] = lo[targetOf[i]] - p.targetFrom();
                to[i] = hi[targetOf[i]] - p.targetFrom();
                Csr csr = p.csr();
                rowFrom[i] = new int[csr.rows()];
                rowTo[i] = new int[csr.rows()];
                for (int r = 0; r < csr.rows(); r++) {
                    int j = csr.rowStart()[r];
                    int end = csr.rowStart()[r + 1];
                    while (j < end && csr.targets()[j] < from[i]) { // targets ascend within a row
                        j++;
                    }
                    rowFrom[i][r] = j;
                    while (j < end && csr.targets()[j] < to[i]) {
                        j++;
                    }
                    rowTo[i][r] = j;
                    widest = Math.max(widest, csr.rowLength(r));
                }
            }
            int mostPerStep = 0;
            for (int s = 0; s < steps; s++) {
                int perStep = 0;
                for (int i = 0; i < n; i++) {
                    int source = sourceOf[i];
                    perStep += (stepStart[source][s + 1] - stepStart[source][s]) * widest;
                }
                mostPerStep = Math.max(mostPerStep, perStep);
            }
            addresses = new int[mostPerStep];
            weights = new float[mostPerStep];
        }

        /**
         * Rows of {@code layout}; {@code ahead}: in batches of {@link #BATCH} spikes, one element of each of the first
         * {@link #AHEAD_BYTES} of every row's cache lines is read before the batch's rows are walked.
         */
        long rows(Layout layout, boolean ahead) {
            int[][] rowFrom = layout.from();
            int[][] rowTo = layout.to();
            long start = System.nanoTime();
            int touched = 0;
            for (int s = 0; s < steps; s++) {
                clear(s);
                for (int i = 0; i < projections.size(); i++) {
                    int[] targets = layout.targets()[i];
                    float[] w = layout.weights()[i];
                    short[] delays = layout.delays()[i];
                    float[] ring = rings[targetOf[i]];
                    fillSlots(s, populationSizes[targetOf[i]], projections.get(i).targetFrom());
                    int source = sourceOf[i];
                    int[] units = spikeUnits[source];
                    for (int b = stepStart[source][s]; b < stepStart[source][s + 1]; b += BATCH) {
                        int batchEnd = Math.min(b + BATCH, stepStart[source][s + 1]);
                        if (ahead) {
                            touched += readAhead(targets, w, delays, rowFrom[i], rowTo[i], units, b, batchEnd);
                        }
                        for (int k = b; k < batchEnd; k++) {
                            int row = units[k];
                            for (int j = rowFrom[i][row], end = rowTo[i][row]; j < end; j++) {
                                ring[slots[delays[j]] + targets[j]] += w[j];
                            }
                        }
                    }
                }
            }
            readAheadSum += touched;
            return System.nanoTime() - start;
        }

        /**
         * {@link #rows} over the compact layout: the same loops written again for char targets and byte delays, as a
         * walk shared over both layouts would cost a call per synapse in the loop being measured.
         */
        long compact(boolean ahead) {
            long start = System.nanoTime();
            int touched = 0;
            for (int s = 0; s < steps; s++) {
                clear(s);
                for (int i = 0; i < projections.size(); i++) {
                    char[] targets = compactTargets[i];
                    byte[] delays = compactDelays[i];
                    float[] w = projections.get(i).csr().weights();
                    float[] ring = rings[targetOf[i]];
                    fillSlots(s, populationSizes[targetOf[i]], projections.get(i).targetFrom());
                    int source = sourceOf[i];
                    int[] units = spikeUnits[source];
                    for (int b = stepStart[source][s]; b < stepStart[source][s + 1]; b += BATCH) {
                        int batchEnd = Math.min(b + BATCH, stepStart[source][s + 1]);
                        for (int k = ahead ? b : batchEnd; k < batchEnd; k++) {
                            int row = units[k];
                            int end = Math.min(rowTo[i][row], rowFrom[i][row] + AHEAD_BYTES / 6);
                            for (int j = rowFrom[i][row]; j < end; j += 16) {
                                touched += targets[j] + Float.floatToRawIntBits(w[j]) + delays[j];
                            }
                        }
                        for (int k = b; k < batchEnd; k++) {
                            int row = units[k];
                            for (int j = rowFrom[i][row], end = rowTo[i][row]; j < end; j++) {
                                ring[slots[delays[j]] + targets[j]] += w[j];
                            }
                        }
                    }
                }
            }
            readAheadSum += touched;
            return System.nanoTime() - start;
        }

        /**
         * Reads one element of each of the first {@link #AHEAD_BYTES} of cache lines of the rows of spikes
         * {@code units[b, batchEnd)}, as the engine's delivery does before walking a batch; the sum keeps the reads.
         */
        private static int readAhead(int[] targets, float[] w, short[] delays, int[] rowFrom, int[] rowTo, int[] units,
                                     int b, int batchEnd) {
            int touched = 0;
            for (int k = b; k < batchEnd; k++) {
                int row = units[k];
                int end = Math.min(rowTo[row], rowFrom[row] + AHEAD_BYTES / 10);
                for (int j = rowFrom[row]; j < end; j += 16) {
                    touched += targets[j] + Float.floatToRawIntBits(w[j]) + delays[j];
                }
            }
            return touched;
        }

        /** The network's own synapses, this part of each row. */
        Layout engineLayout() {
            int n = projections.size();
            Layout l = new Layout(new int[n][], new float[n][], new short[n][], rowFrom, rowTo);
            for (int i = 0; i < n; i++) {
                Csr csr = projections.get(i).csr();
                l.targets()[i] = csr.targets();
                l.weights()[i] = csr.weights();
                l.delays()[i] = csr.delays();
            }
            return l;
        }

        /**
         * A copy of this part of each row with its synapses in order of delay (stable: each ring slot receives its
         * weights in the engine's order), so that consecutive writes stay within one slot of the ring.
         */
        Layout delayOrder() {
            int n = projections.size();
            Layout l = new Layout(new int[n][], new float[n][], new short[n][], new int[n][], new int[n][]);
            int[] count = new int[depth + 2];
            for (int i = 0; i < n; i++) {
                Csr csr = projections.get(i).csr();
                int rows = csr.rows();
                l.from()[i] = new int[rows];
                l.to()[i] = new int[rows];
                int total = 0;
                for (int r = 0; r < rows; r++) {
                    l.from()[i][r] = total;
                    total += rowTo[i][r] - rowFrom[i][r];
                    l.to()[i][r] = total;
                }
                l.targets()[i] = new int[total];
                l.weights()[i] = new float[total];
                l.delays()[i] = new short[total];
                for (int r = 0; r < rows; r++) {
                    Arrays.fill(count, 0);
                    for (int j = rowFrom[i][r]; j < rowTo[i][r]; j++) {
                        count[csr.delays()[j] + 1]++;
                    }
                    for (int d = 0; d <= depth; d++) {
                        count[d + 1] += count[d];
                    }
                    for (int j = rowFrom[i][r]; j < rowTo[i][r]; j++) {
                        int at = l.from()[i][r] + count[csr.delays()[j]]++;
                        l.targets()[i][at] = csr.targets()[j];
                        l.weights()[i][at] = csr.weights()[j];
                        l.delays()[i][at] = csr.delays()[j];
                    }
                }
            }
            return l;
        }

        /**
         * This part of each row in one array, each synapse two ints (delay &lt;&lt; 24 | target, the weight's bits):
         * one stream per row instead of three, 8 B per synapse. Its loops are {@link #rows}' written again, as are
         * {@link #compact}'s.
         */
        long packed() {
            int n = projections.size();
            int[][] packedRows = new int[n][];
            int[][] packedStart = new int[n][];
            for (int i = 0; i < n; i++) {
                Csr csr = projections.get(i).csr();
                int rows = csr.rows();
                packedStart[i] = new int[rows + 1];
                for (int r = 0; r < rows; r++) {
                    packedStart[i][r + 1] = packedStart[i][r] + 2 * (rowTo[i][r] - rowFrom[i][r]);
                }
                int[] out = new int[packedStart[i][rows]];
                for (int r = 0; r < rows; r++) {
                    int at = packedStart[i][r];
                    for (int j = rowFrom[i][r]; j < rowTo[i][r]; j++) {
                        if (csr.targets()[j] >= 1 << 24 || csr.delays()[j] > 255) {
                            throw new IllegalArgumentException("the packed layout holds targets below 2^24 and"
                                    + " delays below 256 steps; projection " + projections.get(i).name() + " has"
                                    + " target " + csr.targets()[j] + ", delay " + csr.delays()[j] + " steps");
                        }
                        out[at++] = csr.delays()[j] << 24 | csr.targets()[j];
                        out[at++] = Float.floatToRawIntBits(csr.weights()[j]);
                    }
                }
                packedRows[i] = out;
            }
            long start = System.nanoTime();
            int touched = 0;
            for (int s = 0; s < steps; s++) {
                clear(s);
                for (int i = 0; i < n; i++) {
                    int[] rowsOf = packedRows[i];
                    int[] rowStart = packedStart[i];
                    float[] ring = rings[targetOf[i]];
                    fillSlots(s, populationSizes[targetOf[i]], projections.get(i).targetFrom());
                    int source = sourceOf[i];
                    int[] units = spikeUnits[source];
                    for (int b = stepStart[source][s]; b < stepStart[source][s + 1]; b += BATCH) {
                        int batchEnd = Math.min(b + BATCH, stepStart[source][s + 1]);
                        for (int k = b; k < batchEnd; k++) {
                            int row = units[k];
                            int end = Math.min(rowStart[row + 1], rowStart[row] + AHEAD_BYTES / 4);
                            for (int j = rowStart[row]; j < end; j += 16) {
                                touched += rowsOf[j];
                            }
                        }
                        for (int k = b; k < batchEnd; k++) {
                            int row = units[k];
                            for (int j = rowStart[row], end = rowStart[row + 1]; j < end; j += 2) {
                                int p = rowsOf[j];
                                ring[slots[p >>> 24] + (p & 0xFFFFFF)] += Float.intBitsToFloat(rowsOf[j + 1]);
                            }
                        }
                    }
                }
            }
            readAheadSum += touched;
            return System.nanoTime() - start;
        }

        /**
         * No ring: each synapse appends its target and weight, in delivery order, to a list of its arrival step (per
         * target population); when that step comes its list is added into one array of the population's width, which
         * every step reuses (so it stays in L2), and cleared, as the neurons' pass would. The same sums in the same
         * order as a ring slot; the random additions fall into 77,169 floats instead of 64 times as many.
         */
        long lists() {
            int pops = populationSizes.length;
            int capacity = mostArrivalsPerStep();
            int[][] listTargets = new int[pops][depth * capacity];
            float[][] listWeights = new float[pops][depth * capacity];
            int[][] fill = new int[pops][depth];
            float[][] due = new float[pops][];
            for (int p = 0; p < pops; p++) {
                due[p] = new float[populationSizes[p]];
                for (int q = 0; q < depth; q++) {
                    fill[p][q] = q * capacity;
                }
            }
            int[] listOf = new int[depth + 1];
            long start = System.nanoTime();
            int touched = 0;
            for (int s = 0; s < steps; s++) {
                int now = s % depth;
                for (int p = 0; p < pops; p++) {
                    int[] a = listTargets[p];
                    float[] w = listWeights[p];
                    float[] d = due[p];
                    for (int e = now * capacity, end = fill[p][now]; e < end; e++) {
                        d[a[e]] += w[e];
                    }
                    fill[p][now] = now * capacity;
                    Arrays.fill(d, lo[p], hi[p], 0f);
                }
                for (int d = 0; d <= depth; d++) {
                    listOf[d] = (s + d) % depth;
                }
                for (int i = 0; i < projections.size(); i++) {
                    Csr csr = projections.get(i).csr();
                    int[] targets = csr.targets();
                    float[] w = csr.weights();
                    short[] delays = csr.delays();
                    int shift = projections.get(i).targetFrom();
                    int[] f = fill[targetOf[i]];
                    int[] a = listTargets[targetOf[i]];
                    float[] lw = listWeights[targetOf[i]];
                    int source = sourceOf[i];
                    int[] units = spikeUnits[source];
                    for (int b = stepStart[source][s]; b < stepStart[source][s + 1]; b += BATCH) {
                        int batchEnd = Math.min(b + BATCH, stepStart[source][s + 1]);
                        touched += readAhead(targets, w, delays, rowFrom[i], rowTo[i], units, b, batchEnd);
                        for (int k = b; k < batchEnd; k++) {
                            int row = units[k];
                            for (int j = rowFrom[i][row], end = rowTo[i][row]; j < end; j++) {
                                int q = listOf[delays[j]];
                                int pos = f[q]++;
                                a[pos] = shift + targets[j];
                                lw[pos] = w[j];
                            }
                        }
                    }
                }
            }
            readAheadSum += touched;
            return System.nanoTime() - start;
        }

        /** The most synapses of this part that arrive in one population in one step: the lists' capacity. */
        private int mostArrivalsPerStep() {
            int[][] arrivals = new int[populationSizes.length][steps + depth + 1];
            int most = 0;
            for (int s = 0; s < steps; s++) {
                for (int i = 0; i < projections.size(); i++) {
                    short[] delays = projections.get(i).csr().delays();
                    int[] count = arrivals[targetOf[i]];
                    int source = sourceOf[i];
                    for (int k = stepStart[source][s]; k < stepStart[source][s + 1]; k++) {
                        int row = spikeUnits[source][k];
                        for (int j = rowFrom[i][row]; j < rowTo[i][row]; j++) {
                            most = Math.max(most, ++count[s + delays[j]]);
                        }
                    }
                }
            }
            return most;
        }

        long events() {
            long spent = 0;
            for (int s = 0; s < steps; s++) {
                int n = 0;
                for (int i = 0; i < projections.size(); i++) { // addresses into one ring per projection group
                    Csr csr = projections.get(i).csr();
                    int width = populationSizes[targetOf[i]];
                    int source = sourceOf[i];
                    for (int k = stepStart[source][s]; k < stepStart[source][s + 1]; k++) {
                        int row = spikeUnits[source][k];
                        for (int j = rowFrom[i][row], end = rowTo[i][row]; j < end; j++) {
                            addresses[n] = (targetOf[i] << 27) | (s + csr.delays()[j]) % depth * width
                                    + projections.get(i).targetFrom() + csr.targets()[j];
                            weights[n++] = csr.weights()[j];
                        }
                    }
                }
                long start = System.nanoTime();
                clear(s);
                for (int e = 0; e < n; e++) {
                    int a = addresses[e];
                    rings[a >>> 27][a & (1 << 27) - 1] += weights[e];
                }
                spent += System.nanoTime() - start;
            }
            return spent;
        }

        /** Where in a ring of {@code width} each delay's slot starts for step {@code s}, as the engine's table. */
        private void fillSlots(int s, int width, int shift) {
            for (int d = 0; d <= depth; d++) { // a delay of depth steps lands in the slot this step consumed
                slots[d] = (s + d) % depth * width + shift;
            }
        }

        /** Clears this part of the slot step {@code s} consumes, before the step's spikes are delivered. */
        private void clear(int s) {
            for (int p = 0; p < rings.length; p++) {
                int base = s % depth * populationSizes[p];
                Arrays.fill(rings[p], base + lo[p], base + hi[p], 0f);
            }
        }
    }
}
