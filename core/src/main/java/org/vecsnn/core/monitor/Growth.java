package org.vecsnn.core.monitor;

import org.vecsnn.core.Check;

/** The buffer of a recording of 4-byte entries that grows by doubling: how it grows, and what a run may ask of it. */
final class Growth {
    private Growth() {}

    /** The new length of a buffer of {@code length} entries that must hold {@code needed}. */
    static int grownLength(int length, long needed) {
        return (int) Math.max(Math.min(length * 2L, Check.MAX_ARRAY), needed);
    }

    /**
     * Refuses a run whose recording would reach {@code entries}: the final array must fit one array and, with the
     * half-size one it is copied from, the heap left.
     */
    static void checkFits(String what, long entries, int length) {
        Check.fitsHeap(what, entries, 4, true);
        Check.fitsHeap(what, Math.max(0, entries / 2 * 3 - length), 4, false);
    }
}
