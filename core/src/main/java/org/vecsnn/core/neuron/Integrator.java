package org.vecsnn.core.neuron;

/** How a population integrates its membrane over one step of length dt. */
public enum Integrator {
    /** Forward Euler: {@code V += dt/τ·(V_rest − V + R·I)}, with I held at its start-of-step value. */
    EULER,
    /** Exponential Euler: {@code V += (1 − e^(−dt/τ))·(V_rest − V + R·I)}; exact for I held over the step. */
    EXPONENTIAL_EULER,
    /**
     * Exact for the linear system of the membrane and its current-based exponential synapses (Brian2's
     * {@code method='exact'}, NEST's propagators): each exponential current is integrated as it decays within
     * the step. Conductance-based inputs are not linear in V and are refused on such a population.
     */
    EXACT
}
