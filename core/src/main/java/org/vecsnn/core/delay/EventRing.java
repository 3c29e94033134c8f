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

    /** Writes every pending event, slot by slot. */
    public void save(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeInt(depth);
        for (int slot = 0; slot < depth; slot++) {
            out.writeInt(counts[slot]);
            for (int k = 0; k < counts[slot]; k++) {
                out.writeInt(channels[slot][k]);
                out.writeFloat(efficacies[slot][k]);
            }
        }
    }

    /** Reads pending events for channels below {@code channelCount}; the returned action installs them. */
    public Runnable load(java.io.DataInputStream in, int channelCount) throws java.io.IOException {
        int d = in.readInt();
        if (d != depth) {
            throw new java.io.IOException("event ring of depth " + d + " in the checkpoint, " + depth + " here");
        }
        int[][] stagedChannels = new int[depth][];
        float[][] stagedEfficacies = new float[depth][];
        int[] stagedCounts = new int[depth];
        for (int slot = 0; slot < depth; slot++) {
            int n = in.readInt();
            if (n < 0 || n > channelCount) {
                throw new java.io.IOException("event ring slot with " + n + " events for " + channelCount
                        + " channels");
            }
            stagedChannels[slot] = new int[Math.max(n, 16)];
            stagedEfficacies[slot] = new float[Math.max(n, 16)];
            for (int k = 0; k < n; k++) {
                int channel = in.readInt();
                if (channel < 0 || channel >= channelCount) {
                    throw new java.io.IOException("event for channel " + channel + " of " + channelCount);
                }
                stagedChannels[slot][k] = channel;
                stagedEfficacies[slot][k] = in.readFloat();
            }
            stagedCounts[slot] = n;
        }
        return () -> {
            for (int slot = 0; slot < depth; slot++) {
                int n = stagedCounts[slot];
                channels[slot] = stagedChannels[slot].length >= channels[slot].length ? stagedChannels[slot]
                        : java.util.Arrays.copyOf(stagedChannels[slot], channels[slot].length);
                efficacies[slot] = stagedEfficacies[slot].length >= efficacies[slot].length ? stagedEfficacies[slot]
                        : java.util.Arrays.copyOf(stagedEfficacies[slot], efficacies[slot].length);
                counts[slot] = n;
            }
        };
    }

    /** Empties the slot of {@code step}, once its events are taken. */
    public void clear(long step) {
        counts[(int) (step % depth)] = 0;
    }
}
