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
 *   <li>{@code events}: the same additions with every ring address worked out beforehand (untimed), read from one
 *       sequential buffer: a ring scatter without any row read, the floor of a delivery into arrival rings.</li>
 * </ul>
 * Each of 1 and 2 threads takes an even part of every target population, as the engine splits them, and replays
 * all steps without barriers. The rings have the width of their population and the depth of the engine's deepest;
 * each thread clears its part of the slot a step consumes before the step's spikes arrive.
 * <pre>
 * java -Xmx10g --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.vecsnn.bench.DeliveryFloor \
 *     [scale 1] [recorded ms 200] [rounds 3]
 * </pre>
 */
public final class DeliveryFloor {
    private static final double DT = 0.1;
    private static final double WARMUP_MS = 200;
    /** The engine's read-ahead: spikes per batch and bytes of each row (10 B per synapse here). */
    private static final int BATCH = 32;
    private static final int AHEAD_BYTES = 8192;

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
        long start = System.nanoTime();
        net.run(recordMs, ProgressListener.SILENT);
        double engine = (System.nanoTime() - start) * 1e-9 / (recordMs * 1e-3);
        DeliveryFloor floor = new DeliveryFloor(net, monitors, first, (int) (net.stepIndex() - first));
        double perBioSecond = floor.events / (recordMs * 1e-3);
        System.out.printf(Locale.ROOT, "microcircuit, scale %s, DC drive, dt = %s ms: %d synapses; %d steps recorded"
                + " after %.0f ms of warm-up, %d synaptic events (%.3g per biological s)%n", scale, DT,
                net.synapseCount(), floor.steps, WARMUP_MS, floor.events, perBioSecond);
        System.out.printf(Locale.ROOT, "engine, 2 threads, the whole step: %.3f wall s per biological s%n", engine);
        for (int round = 0; round < rounds; round++) {
            for (int threads = 1; threads <= 2; threads++) {
                for (String variant : new String[] {"rows", "ahead", "compact", "compact ahead", "events"}) {
                    double ns = floor.replay(threads, variant) / floor.events;
                    System.out.printf(Locale.ROOT, "round %d, %-13s %d thread(s): %.2f ns per event (wall), delivery"
                            + " alone %.3f wall s per biological s%n", round + 1, variant, threads, ns,
                            ns * 1e-9 * perBioSecond);
                }
            }
        }
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
                case "rows" -> part.rows(false);
                case "ahead" -> part.rows(true);
                case "compact" -> part.compact(false);
                case "compact ahead" -> part.compact(true);
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
         * The engine's layout; {@code ahead}: in batches of {@link #BATCH} spikes, one element of each of the first
         * {@link #AHEAD_BYTES} of every row's cache lines is read before the batch's rows are walked.
         */
        long rows(boolean ahead) {
            long start = System.nanoTime();
            int touched = 0;
            for (int s = 0; s < steps; s++) {
                clear(s);
                for (int i = 0; i < projections.size(); i++) {
                    Csr csr = projections.get(i).csr();
                    int[] targets = csr.targets();
                    float[] w = csr.weights();
                    short[] delays = csr.delays();
                    float[] ring = rings[targetOf[i]];
                    fillSlots(s, populationSizes[targetOf[i]], projections.get(i).targetFrom());
                    int source = sourceOf[i];
                    int[] units = spikeUnits[source];
                    for (int b = stepStart[source][s]; b < stepStart[source][s + 1]; b += BATCH) {
                        int batchEnd = Math.min(b + BATCH, stepStart[source][s + 1]);
                        for (int k = ahead ? b : batchEnd; k < batchEnd; k++) {
                            int row = units[k];
                            int end = Math.min(rowTo[i][row], rowFrom[i][row] + AHEAD_BYTES / 10);
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
