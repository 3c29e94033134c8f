package org.vecsnn.models.plasticity;

/**
 * Which spike pairs a trace-based rule sums over. Each trace jumps at its neuron's spikes and decays between them.
 */
public enum Pairing {
    /** Every pair: a trace jumps by 1 at each spike, so it sums the kernels of all earlier spikes. */
    ALL_TO_ALL,
    /**
     * The nearest spikes only (symmetric nearest-spike pairing, Morrison et al. 2008): a trace is reset to 1 at each
     * spike, so a spike pairs with the latest spike of the other side alone.
     */
    NEAREST
}
