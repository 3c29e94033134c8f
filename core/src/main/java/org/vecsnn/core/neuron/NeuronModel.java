package org.vecsnn.core.neuron;

import java.util.List;
import org.vecsnn.core.Check;

/**
 * A neuron model: its parameters, its state variables besides V, and its step as a kernel over a range of neurons.
 * Units: ms, mV; currents and conductances in the model's own units (see each model). Every model takes its input
 * current I as the sum of external currents and synaptic outputs of the step, held over the step.
 */
public sealed interface NeuronModel permits Lif, HodgkinHuxley, ExpIf, AdEx, Izhikevich, Qif {
    Integrator method();

    /** Refractory period (ms), a whole number of steps. */
    double tRef();

    /** The state variables besides V, in the order of {@link Membrane#step}'s {@code variables}. */
    default List<String> variables() {
        return List.of();
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

    /** Variable {@code index} of {@link #variables()} of a neuron whose V is {@code v}. */
    default double initialValue(int index, double v) {
        throw new IndexOutOfBoundsException("variable " + index + " of " + this);
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

    /** The model's step at {@code dt}, with the refractory period as a whole number of steps, for populations of
     * {@code paddedSize} (a model without an adaptation variable keeps a constant zero one of that size). */
    Membrane membrane(double dt, int refractorySteps, int paddedSize);

    /** Refuses {@link Integrator#EXACT} and null for the models that have no exact step. */
    static Integrator requireGeneralMethod(String model, Integrator method) {
        if (method == null || method == Integrator.EXACT) {
            throw Check.fail(model + " method", method, "one of EULER, EXPONENTIAL_EULER, RK4");
        }
        return method;
    }
}
