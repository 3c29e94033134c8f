package org.vecsnn.core.connect;

import java.util.Arrays;

/** Appends rows of targets in order; grows as needed while a network is built. */
final class CsrBuilder {
    private final int rows;
    private final int columns;
    private final int[] rowStart;
    private int[] targets = new int[1024];
    private int count;
    private int row;

    CsrBuilder(int rows, int columns) {
        this.rows = rows;
        this.columns = columns;
        this.rowStart = new int[rows + 1];
    }

    void add(int target) {
        if (count == targets.length) {
            if (count == Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("projection has more than " + count
                        + " synapses: one projection holds fewer than 2^31; split it into several");
            }
            targets = Arrays.copyOf(targets, (int) Math.min(Integer.MAX_VALUE - 8, 2L * count));
        }
        targets[count++] = target;
    }

    /** Closes the current row (sorting its targets) and opens the next. */
    void endRow() {
        Arrays.sort(targets, rowStart[row], count);
        rowStart[++row] = count;
    }

    Csr build() {
        if (row != rows) {
            throw new IllegalStateException(row + " of " + rows + " rows built");
        }
        return new Csr(rows, columns, rowStart, Arrays.copyOf(targets, count), null, null);
    }
}
