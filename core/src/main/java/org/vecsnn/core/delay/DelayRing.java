package org.vecsnn.core.delay;

/**
 * Per-target accumulators indexed by arrival step (NEST's ring buffer): {@code depth} slots of {@code stride}
 * floats. A spike that must act in step n adds its weight to slot {@code n mod depth}; step n consumes and clears
 * that slot before anything is written for later steps, so {@code depth} = the longest delay in steps suffices.
 */
public final class DelayRing {
    private final int depth;
    private final int stride;
    private final float[] data;

    public DelayRing(int depth, int stride) {
        if (depth < 1 || stride < 1) {
            throw new IllegalArgumentException("delay ring of " + depth + " slots × " + stride
                    + " targets: must have at least one slot and one target");
        }
        org.vecsnn.core.Check.fitsHeap("delay ring of " + depth + " slots × " + stride + " targets",
                (long) depth * stride, 4, true);
        this.depth = depth;
        this.stride = stride;
        this.data = new float[depth * stride];
    }

    public int depth() {
        return depth;
    }

    /** The offset in {@link #data()} of the slot read in {@code step}. */
    public int slot(long step) {
        return (int) (step % depth) * stride;
    }

    /**
     * Fills {@code out[d]} with {@code slot(step + d) + shift} for d = 1 … out.length − 1 ≤ depth: the slots of
     * every delay, with one division instead of one per delay, in two loops without a branch (C2 vectorizes them):
     * before the ring wraps and after.
     */
    public void slotsAfter(long step, int shift, int[] out) {
        int now = (int) (step % depth);
        int wrap = Math.min(depth - now, out.length);
        for (int d = 1; d < wrap; d++) {
            out[d] = (now + d) * stride + shift;
        }
        for (int d = Math.max(wrap, 1); d < out.length; d++) {
            out[d] = (now + d - depth) * stride + shift;
        }
    }

    /** The accumulators, slot after slot. */
    public float[] data() {
        return data;
    }
}
