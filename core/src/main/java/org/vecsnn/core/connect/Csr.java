package org.vecsnn.core.connect;

/**
 * Connectivity in compressed sparse rows: row i (a presynaptic unit, relative to the projection's source range)
 * owns entries {@code [rowStart[i], rowStart[i+1])} of {@code targets} (postsynaptic indices relative to the target
 * range, ascending within a row). Per-synapse weights and delays (in steps) are optional: null means the
 * projection's single value applies. Offsets are int, so one projection holds fewer than 2³¹ synapses.
 */
public record Csr(int rows, int columns, int[] rowStart, int[] targets, float[] weights, short[] delays) {
    public Csr {
        if (rowStart.length != rows + 1 || rowStart[0] != 0 || rowStart[rows] != targets.length) {
            throw new IllegalArgumentException("CSR row offsets do not match " + rows + " rows and "
                    + targets.length + " synapses");
        }
        if (weights != null && weights.length != targets.length) {
            throw new IllegalArgumentException("CSR weights: " + weights.length + " values for "
                    + targets.length + " synapses");
        }
        if (delays != null && delays.length != targets.length) {
            throw new IllegalArgumentException("CSR delays: " + delays.length + " values for "
                    + targets.length + " synapses");
        }
    }

    public int synapseCount() {
        return targets.length;
    }

    public int rowLength(int row) {
        return rowStart[row + 1] - rowStart[row];
    }

    /** Synapses per postsynaptic column. */
    public int[] inDegrees() {
        int[] degrees = new int[columns];
        for (int target : targets) {
            degrees[target]++;
        }
        return degrees;
    }

    /**
     * The synapses grouped by postsynaptic column (a compressed-sparse-column view): column j's entries are
     * {@code [start[j], start[j + 1])}, each naming its synapse (CSR index, ascending within a column) and that
     * synapse's row.
     */
    public record ColumnIndex(int[] start, int[] synapses, int[] rows) {}

    /** Builds the {@link ColumnIndex} (a counting sort by target: O(synapses), three int arrays). */
    public ColumnIndex byColumn() {
        int[] start = new int[columns + 1];
        for (int t : targets) {
            start[t + 1]++;
        }
        for (int j = 0; j < columns; j++) {
            start[j + 1] += start[j];
        }
        int[] fill = java.util.Arrays.copyOf(start, columns);
        int[] synapses = new int[targets.length];
        int[] rowOfEntry = new int[targets.length];
        for (int row = 0; row < rows; row++) {
            for (int e = rowStart[row]; e < rowStart[row + 1]; e++) {
                int k = fill[targets[e]]++;
                synapses[k] = e;
                rowOfEntry[k] = row;
            }
        }
        return new ColumnIndex(start, synapses, rowOfEntry);
    }

    /** The largest per-synapse delay in steps, or 0 without per-synapse delays. */
    public int maxDelay() {
        int max = 0;
        if (delays != null) {
            for (short d : delays) {
                max = Math.max(max, d);
            }
        }
        return max;
    }
}
