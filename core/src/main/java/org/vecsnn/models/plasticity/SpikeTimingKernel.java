package org.vecsnn.models.plasticity;

import org.vecsnn.core.plasticity.PlasticityKernel;

/**
 * What the kernels of every spike-timing rule here share: a spike first changes the weights of its row or column
 * (from the other side's traces as they were before the step's spike), then its own neuron's traces jump; at the end
 * of each step every trace decays by one step. A rule says only how a spike changes weights.
 */
abstract class SpikeTimingKernel implements PlasticityKernel {
    private final Traces pre;
    private final Traces post;

    SpikeTimingKernel(Traces pre, Traces post) {
        this.pre = pre;
        this.post = post;
    }

    /** The weight changes of a spike of presynaptic {@code row} in {@code step}. */
    abstract void learnAtPre(long step, int row);

    /** The weight changes of a spike of postsynaptic {@code column} in {@code step}. */
    abstract void learnAtPost(long step, int column);

    @Override
    public final float preSpike(long step, int row) {
        learnAtPre(step, row);
        pre.spike(row);
        return 1f;
    }

    @Override
    public final void postSpike(long step, int column) {
        learnAtPost(step, column);
        post.spike(column);
    }

    @Override
    public final void afterStep(long step) {
        pre.advance();
        post.advance();
    }
}
