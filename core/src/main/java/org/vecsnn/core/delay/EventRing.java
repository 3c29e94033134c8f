package org.vecsnn.core.delay;

import java.util.Arrays;

/**
 * Arrival events by step, for synapses whose state is not a plain sum of weights: slot {@code n mod depth} lists
 * the channels (presynaptic neurons or synapses) that receive a spike in step n, each with the spike's efficacy.
 * A slot grows by doubling when it first needs more room, then keeps its size.
 */
public final class EventRing {
    private final int depth;
    private final int[][] channels;
    private final float[][] efficacies;
    private final int[] counts;

    public EventRing(int depth, int initialCapacity) {
        this.depth = depth;
        this.channels = new int[depth][Math.max(initialCapacity, 16)];
        this.efficacies = new float[depth][Math.max(initialCapacity, 16)];
        this.counts = new int[depth];
    }

    public void add(long step, int channel, float efficacy) {
        int slot = (int) (step % depth);
        int n = counts[slot];
        if (n == channels[slot].length) {
            channels[slot] = Arrays.copyOf(channels[slot], 2 * n);
            efficacies[slot] = Arrays.copyOf(efficacies[slot], 2 * n);
        }
        channels[slot][n] = channel;
        efficacies[slot][n] = efficacy;
        counts[slot] = n + 1;
    }

    /** Events of {@code step}: {@link #channels(long)}[0 … count) with their efficacies. */
    public int count(long step) {
        return counts[(int) (step % depth)];
    }

    public int[] channels(long step) {
        return channels[(int) (step % depth)];
    }

    public float[] efficacies(long step) {
        return efficacies[(int) (step % depth)];
    }

    /** Empties the slot of {@code step}, once its events are taken. */
    public void clear(long step) {
        counts[(int) (step % depth)] = 0;
    }
}
