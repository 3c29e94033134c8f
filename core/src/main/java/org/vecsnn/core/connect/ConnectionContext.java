package org.vecsnn.core.connect;

import org.vecsnn.core.TimeGrid;

/**
 * What a connector needs to know: the sizes of the source and target ranges, which pairs are a neuron with itself,
 * the time grid (to turn delays into steps), the projection's seed, and the rows this process draws.
 *
 * <p>A process of a distributed network draws only rows {@code [rowFrom, rowTo)} and sends their synapses to the
 * processes that own the targets. A connector may leave the other rows empty (the standard ones do, each row from
 * its own stream, so a row does not depend on which rows are drawn); rows it builds anyway are ignored.
 *
 * @param diagonal row i and column j are the same neuron when {@code j == i + diagonal}; {@link #NO_SELF} when the
 *     ranges lie in different populations
 */
public record ConnectionContext(int preSize, int postSize, int diagonal, TimeGrid grid, long seed, int rowFrom,
        int rowTo) {
    public static final int NO_SELF = Integer.MIN_VALUE;

    public ConnectionContext {
        if (rowFrom < 0 || rowFrom > rowTo || rowTo > preSize) {
            throw new IllegalArgumentException("rows drawn [" + rowFrom + ", " + rowTo + "): must lie in [0, "
                    + preSize + "]");
        }
    }

    /** Every row drawn (one process). */
    public ConnectionContext(int preSize, int postSize, int diagonal, TimeGrid grid, long seed) {
        this(preSize, postSize, diagonal, grid, seed, 0, preSize);
    }

    /** Whether row {@code row} is drawn here. */
    public boolean draws(int row) {
        return row >= rowFrom && row < rowTo;
    }

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
