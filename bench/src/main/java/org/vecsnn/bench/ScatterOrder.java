package org.vecsnn.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Whether ordering a row's synapses by delay would speed up the microcircuit's delivery: a scatter of the same shape
 * (77,169 targets, an arrival ring of 64 slots, rows of 490 sorted targets, delays ~ N(15, 7.5) steps within [2, 63],
 * 192 rows per step) with each row in target order and in delay order (stable), alternately; ns per synapse.
 * Run: {@code java -Xmx4g -cp bench/target/benchmarks.jar org.vecsnn.bench.ScatterOrder [rounds 3]}.
 */
public final class ScatterOrder {
    private static final int TARGETS = 77_169;
    private static final int SLOTS = 64;
    private static final int ROW = 490;
    private static final int ROWS = 20_000;
    private static final int ROWS_PER_STEP = 192;
    private static final int STEPS = 2000;

    private ScatterOrder() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Random random = new Random(1);
        int[] targets = new int[ROWS * ROW];
        short[] delays = new short[targets.length];
        for (int i = 0; i < ROWS; i++) {
            int[] row = new int[ROW];
            for (int j = 0; j < ROW; j++) {
                row[j] = random.nextInt(TARGETS);
            }
            Arrays.sort(row);
            for (int j = 0; j < ROW; j++) {
                targets[i * ROW + j] = row[j];
                delays[i * ROW + j] = (short) Math.clamp(Math.round(15 + 7.5 * random.nextGaussian()), 2, SLOTS - 1);
            }
        }
        int[] byDelayTargets = new int[targets.length];
        short[] byDelay = new short[delays.length];
        for (int i = 0; i < ROWS; i++) {
            Integer[] order = new Integer[ROW];
            for (int j = 0; j < ROW; j++) {
                order[j] = i * ROW + j;
            }
            Arrays.sort(order, (x, y) -> Integer.compare(delays[x], delays[y]));
            for (int j = 0; j < ROW; j++) {
                byDelayTargets[i * ROW + j] = targets[order[j]];
                byDelay[i * ROW + j] = delays[order[j]];
            }
        }
        // where each delay's run starts in each delay-ordered row
        int[] runs = new int[ROWS * (SLOTS + 1)];
        for (int i = 0; i < ROWS; i++) {
            int j = i * ROW;
            for (int d = 0; d <= SLOTS; d++) {
                while (j < (i + 1) * ROW && byDelay[j] < d) {
                    j++;
                }
                runs[i * (SLOTS + 1) + d] = j;
            }
        }
        float[] ring = new float[TARGETS * SLOTS];
        for (int r = 0; r < rounds; r++) {
            System.out.printf(Locale.ROOT, "target order %.2f ns per synapse, delay order %.2f, slot by slot %.2f%n",
                    scatter(ring, targets, delays), scatter(ring, byDelayTargets, byDelay),
                    slotBySlot(ring, byDelayTargets, runs));
        }
    }

    /** Delay-ordered rows, the step's rows written one slot at a time: each pass stays in one slot of the ring. */
    private static double slotBySlot(float[] ring, int[] targets, int[] runs) {
        int[] rows = new int[ROWS_PER_STEP];
        long start = System.nanoTime();
        for (int step = 0; step < STEPS; step++) {
            int base = step * 7919 % ROWS;
            for (int k = 0; k < ROWS_PER_STEP; k++) {
                rows[k] = (base + k * 97) % ROWS * (SLOTS + 1);
            }
            for (int d = 0; d < SLOTS; d++) {
                int slot = ((step + d) & (SLOTS - 1)) * TARGETS;
                for (int k = 0; k < ROWS_PER_STEP; k++) {
                    int end = runs[rows[k] + d + 1];
                    for (int j = runs[rows[k] + d]; j < end; j++) {
                        ring[slot + targets[j]] += 0.5f;
                    }
                }
            }
        }
        return (System.nanoTime() - start) / ((double) STEPS * ROWS_PER_STEP * ROW);
    }

    private static double scatter(float[] ring, int[] targets, short[] delays) {
        long start = System.nanoTime();
        for (int step = 0; step < STEPS; step++) {
            int base = step * 7919 % ROWS;
            for (int k = 0; k < ROWS_PER_STEP; k++) {
                int from = (base + k * 97) % ROWS * ROW;
                for (int j = from; j < from + ROW; j++) {
                    ring[((step + delays[j]) & (SLOTS - 1)) * TARGETS + targets[j]] += 0.5f;
                }
            }
        }
        return (System.nanoTime() - start) / ((double) STEPS * ROWS_PER_STEP * ROW);
    }
}
