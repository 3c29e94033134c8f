package org.vecsnn.core.simd;

/**
 * Synapses grouped by postsynaptic column in blocks of {@link Kernels#PAD} columns, interleaved (ELLPACK): entry k of
 * column {@code b·PAD + l} is at {@code blockStart[b] + k·PAD + l}, each column's entries in their own order, and a
 * column shorter than the longest of its block is padded with entries that add exactly nothing (index {@code pad}
 * of a value that stays 0, or weight 0). So SIMD lanes sum {@link Kernels#PAD} columns at once, each lane one column
 * in that column's order: the sums are those of a loop over each column, bit for bit. The columns are laid out longest
 * first (SELL-C-σ with σ all columns), so that a block's columns are of about one length: random columns of one
 * mean length, laid out in their own order, pad a block to its longest (20 % more entries for 80 ± 9); sorted, by
 * a few entries at most. Lane position p (of {@code b·PAD + l}) holds column {@code column[p]}.
 *
 * @param columns the columns (the last block may have fewer)
 * @param blockStart where each block's entries start; {@code blockStart[blocks]} is the total
 * @param index the value each entry reads
 * @param weight each entry's weight, or null where every entry weighs alike
 * @param column the column at each lane position
 */
public record ColumnBlocks(int columns, int[] blockStart, int[] index, float[] weight, int[] column) {
    /**
     * Lays out the columns {@code columnStart} (column j's entries are {@code [columnStart[j], columnStart[j + 1])})
     * whose entries read {@code entryIndex} with weights {@code entryWeight} (null: none); padding reads {@code pad}
     * with weight 0.
     */
    public static ColumnBlocks of(int[] columnStart, int[] entryIndex, float[] entryWeight, int pad) {
        int columns = columnStart.length - 1;
        int[] column = java.util.stream.IntStream.range(0, columns).boxed()
                .sorted((x, y) -> Integer.compare(columnStart[y + 1] - columnStart[y],
                        columnStart[x + 1] - columnStart[x]))
                .mapToInt(Integer::intValue).toArray();
        int blocks = (columns + Kernels.PAD - 1) / Kernels.PAD;
        int[] blockStart = new int[blocks + 1];
        for (int b = 0; b < blocks; b++) { // longest first: a block's first column is its longest
            int j = column[b * Kernels.PAD];
            blockStart[b + 1] = Math.addExact(blockStart[b], (columnStart[j + 1] - columnStart[j]) * Kernels.PAD);
        }
        int[] index = new int[blockStart[blocks]];
        float[] weight = entryWeight == null ? null : new float[index.length];
        java.util.Arrays.fill(index, pad);
        for (int p = 0; p < columns; p++) {
            int j = column[p];
            int base = blockStart[p / Kernels.PAD] + p % Kernels.PAD;
            for (int e = columnStart[j]; e < columnStart[j + 1]; e++) {
                int at = base + (e - columnStart[j]) * Kernels.PAD;
                index[at] = entryIndex[e];
                if (weight != null) {
                    weight[at] = entryWeight[e];
                }
            }
        }
        return new ColumnBlocks(columns, blockStart, index, weight, column);
    }

    /** The length a sums array needs: every block whole. */
    public int paddedColumns() {
        return (blockStart.length - 1) * Kernels.PAD;
    }
}
