package org.vecsnn.core.synapse;

import org.vecsnn.core.state.StateStore;

/**
 * The state one projection keeps on a synapse that is not a sum of weights (a kinetic synapse: one channel per
 * presynaptic neuron or per synapse): spikes reach it as events instead of through the arrival ring.
 */
public interface SpikeChannels {
    /** A spike of presynaptic row {@code row} in {@code step}, with its efficacy (see plasticity rules). */
    void deliver(long step, int row, float efficacy);

    /** The channels' declared state (recordable through the projection). */
    StateStore store();
}
