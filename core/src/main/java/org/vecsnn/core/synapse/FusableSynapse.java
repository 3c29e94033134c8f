package org.vecsnn.core.synapse;

import org.vecsnn.core.simd.FusedExponential;

/**
 * A synapse that a membrane kernel may step inside its own pass over the neurons (see
 * {@link org.vecsnn.core.neuron.NeuronState#fusable()}): one state g per neuron that adds {@code g·(a + b·V)} to
 * the input, decays by a constant factor and takes the weights due in the next step from its ring. Fusing saves
 * the synapse's own passes over the population (current and decay, arrivals); results are bit-identical to them.
 */
public interface FusableSynapse {
    /** The synapse as the membrane kernel steps it. */
    FusedExponential fused();
}
