package org.vecsnn.core.neuron;

import java.util.List;
import org.vecsnn.core.Check;
import org.vecsnn.core.state.StateSpec;

/**
 * A neuron model: its parameters, the state it declares besides V, and its step as a kernel over a range of
 * neurons, bound to a population's arrays when the network is prepared. Any class may implement it (see
 * {@code docs/EXTENDING.md}). Units: ms, mV; currents and conductances in the model's own units. Every model takes
 * its input current I as the sum of external currents and synaptic outputs of the step, held over the step.
 */
public interface NeuronModel {
    /** The integration method, for descriptions and for synapses that depend on it. */
    Integrator method();

    /** Refractory period (ms), a whole number of steps. */
    double tRef();

    /**
     * The state variables besides V, the input, the conductance and the refractory counter, which every population
     * has. The engine allocates, names, records, watches and checkpoints them.
     */
    default StateSpec state() {
        return StateSpec.of();
    }

    /** The names of {@link #state()}'s variables. */
    default List<String> variables() {
        return state().names();
    }

    /**
     * Whether conductance-based synaptic outputs hand the model their conductance G and G·E instead of the current
     * G·(E − V) at the step's start, so that the step treats V's dependence on them as it treats its own
     * conductances.
     */
    default boolean integratesConductances() {
        return false;
    }

    /** V of a new neuron (mV). */
    double initialV();

    /**
     * Variable {@code index} of {@link #state()} of a neuron whose V is {@code v}: the declared initial value unless
     * the model derives it from V (HH's gates: their steady state).
     */
    default double initialValue(int index, double v) {
        return state().variables().get(index).initial();
    }

    /**
     * The values variable {@code index} may take, {@code [low, high]} (HH's gates: [0, 1]); any float by default.
     * {@link NeuronPopulation#set} refuses others.
     */
    default double[] bounds(int index) {
        return anyFloat();
    }

    /** The bounds of V and of variables without bounds of their own: any finite float. */
    static double[] anyFloat() {
        return new double[] {-Float.MAX_VALUE, Float.MAX_VALUE};
    }

    /**
     * The model's step at {@code dt}, bound to one population's state, with the refractory period as a whole
     * number of steps.
     */
    NeuronKernel bind(NeuronState state, double dt, int refractorySteps);

    /**
     * This model with a constant current {@code current} into every neuron folded into its parameters, so that the
     * input needs no pass of its own (LIF: {@code V_rest + R·I}); null if the model cannot fold one.
     */
    default NeuronModel withBias(double current) {
        return null;
    }

    /** Refuses {@link Integrator#EXACT} and null for the models that have no exact step. */
    static Integrator requireGeneralMethod(String model, Integrator method) {
        if (method == null || method == Integrator.EXACT) {
            throw Check.fail(model + " method", method, "one of EULER, EXPONENTIAL_EULER, RK4");
        }
        return method;
    }
}
