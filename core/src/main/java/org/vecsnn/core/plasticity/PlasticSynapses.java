package org.vecsnn.core.plasticity;

import org.vecsnn.core.simd.Lanes;
import org.vecsnn.core.state.StateStore;

/**
 * What a plasticity rule sees of its projection: the CSR rows (presynaptic neuron → its synapses, targets
 * ascending), the column index (postsynaptic neuron → its synapses, built when first asked for), the weights, and
 * the rule's declared state. Indices are relative to the projection's source and target ranges.
 */
public interface PlasticSynapses {
    int rows();

    int columns();

    /** Row i's synapses are {@code [rowStart()[i], rowStart()[i + 1])}. */
    int[] rowStart();

    /** The postsynaptic column of each synapse. */
    int[] targets();

    /** Column j's synapses are {@code columnSynapses()[columnStart()[j] … columnStart()[j + 1])}. */
    int[] columnStart();

    /** Synapse indices grouped by column, ascending within a column. */
    int[] columnSynapses();

    /** The row (presynaptic neuron) of each entry of {@link #columnSynapses()}. */
    int[] columnRows();

    /**
     * The weight of each synapse, live, if the rule {@link PlasticityRule#changesWeights changes weights}; else null.
     */
    float[] weights();

    /** The weight of every synapse when there are no per-synapse weights. */
    float weight();

    StateStore synapseState();

    /** The network's SIMD lanes, for a rule that steps its state (traces) in them once per step. */
    Lanes lanes();

    StateStore presynapticState();

    StateStore postsynapticState();
}
