package org.vecsnn.core.connect;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs per-row work on every core (the common fork-join pool). Each row draws from its own stream of the
 * projection's seed, so the result does not depend on how rows are shared among threads.
 */
public final class RowParallel {
    private RowParallel() {}

    /** {@code work} for rows {@code [0, rows)}, in blocks; fewer than 4096 rows run on the calling thread. */
    public static void forEachRow(int rows, IntConsumer work) {
        forEachRow(0, rows, work);
    }

    /** {@code work} for rows {@code [from, to)}, as {@link #forEachRow(int, IntConsumer)}. */
    public static void forEachRow(int from, int to, IntConsumer work) {
        int block = 1024;
        int blocks = (to - from + block - 1) / block;
        IntStream stream = IntStream.range(0, blocks);
        (to - from < 4096 ? stream : stream.parallel()).forEach(b -> {
            for (int r = from + b * block; r < Math.min(to, from + (b + 1) * block); r++) {
                work.accept(r);
            }
        });
    }
}
