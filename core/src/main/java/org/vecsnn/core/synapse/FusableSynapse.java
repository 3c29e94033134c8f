package org.vecsnn.core.synapse;

import org.vecsnn.core.simd.FusedExponential;

/**
 * A synapse that a membrane kernel may step inside its own pass over the neurons (see
 * {@link org.vecsnn.core.neuron.NeuronState#fusable()}): one state g per neuron that adds {@code g·(a + b·V)} to
 * the input and decays by a constant factor. Fusing saves two passes over the population per step; results are
 * bit-identical to the synapse's own pass.
 */
public interface FusableSynapse {
    /** The synapse as the membrane kernel steps it. */
    FusedExponential fused();

    /** Called by the kernel after its fused pass of {@code step} over neurons {@code [from, to)}. */
    void afterFusedStep(long step, int from, int to);
}
