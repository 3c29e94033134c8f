package org.vecsnn.core.connect;

import org.vecsnn.core.TimeGrid;

/**
 * What a connector needs to know: the sizes of the source and target ranges, which pairs are a neuron with itself,
 * the time grid (to turn delays into steps) and the projection's seed.
 *
 * @param diagonal row i and column j are the same neuron when {@code j == i + diagonal}; {@link #NO_SELF} when the
 *     ranges lie in different populations
 */
public record ConnectionContext(int preSize, int postSize, int diagonal, TimeGrid grid, long seed) {
    public static final int NO_SELF = Integer.MIN_VALUE;

    /** The column that is row {@code row}'s own neuron, or -1. */
    public int selfColumn(int row) {
        if (diagonal == NO_SELF) {
            return -1;
        }
        long column = (long) row + diagonal;
        return column >= 0 && column < postSize ? (int) column : -1;
    }

    /** The row that is column {@code column}'s own neuron, or -1. */
    public int selfRow(int column) {
        if (diagonal == NO_SELF) {
            return -1;
        }
        long row = (long) column - diagonal;
        return row >= 0 && row < preSize ? (int) row : -1;
    }
}
