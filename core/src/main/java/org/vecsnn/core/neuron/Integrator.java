package org.vecsnn.core.neuron;

/**
 * How a population integrates its neurons over one step of length dt. The input current I of a step (external
 * currents and synaptic outputs, computed from V at the step's start) is held over the step by every method.
 */
public enum Integrator {
    /** Forward Euler: {@code y += dt·f(y)}. First order. */
    EULER,
    /**
     * Exponential Euler: each variable's equation is made linear in that variable, the others held at their
     * start-of-step values, and the linear equation is solved exactly over the step — Brian2's
     * {@code exponential_euler} for conditionally linear models (LIF, Hodgkin–Huxley gates and V), BrainPy's
     * {@code exp_auto} (linearised about the start-of-step value) for the nonlinear IF models. Exact for LIF under
     * held input; first order in general.
     */
    EXPONENTIAL_EULER,
    /** Classical fourth-order Runge–Kutta, with I held over the step. */
    RK4,
    /**
     * LIF only: exact for the linear system of the membrane and its current-based exponential synapses (Brian2's
     * {@code method='exact'}, NEST's propagators): each exponential current is integrated as it decays within the
     * step. Conductance-based inputs are not linear in V and are refused on such a population.
     */
    EXACT
}
