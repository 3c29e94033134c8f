package org.vecsnn.models.neuron;

import org.vecsnn.core.Check;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronKernel;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronState;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateVariable;

/**
 * Izhikevich (2003): {@code dV/dt = 0.04·V² + 5·V + 140 − u + I}, {@code du/dt = a·(b·V − u)}; when
 * {@code V ≥ V_th}: {@code V = c}, {@code u += d}. V is held for the refractory period (u keeps integrating).
 * V starts at {@code vInit}, u at {@code b·V}.
 */
public record Izhikevich(double a, double b, double c, double d, double vTh, double tRef, double vInit,
                         Integrator method) implements NeuronModel {
    public Izhikevich {
        Check.positiveFloat("Izhikevich a (1/ms)", a);
        Check.finiteFloat("Izhikevich b", b);
        Check.finiteFloat("Izhikevich c (mV)", c);
        Check.finiteFloat("Izhikevich d", d);
        Check.finiteFloat("Izhikevich vTh (mV)", vTh);
        Check.nonNegative("Izhikevich tRef (ms)", tRef);
        Check.finiteFloat("Izhikevich vInit (mV)", vInit);
        AdaptiveMembrane.requireResetBelowThreshold("Izhikevich (c is the reset)", c, vTh);
        NeuronModel.requireGeneralMethod("Izhikevich", method);
    }

    /** BrainPy's {@code Izhikevich}: a 0.02, b 0.2, c −65, d 8 (regular spiking), V_th 30, V from −70, exp. Euler. */
    public static Izhikevich defaults() {
        return of(0.02, 0.2, -65, 8);
    }

    /** Izhikevich's published parameter sets (2003, Fig. 2): V_th 30 mV, no refractory period, from V = −70. */
    public static Izhikevich of(double a, double b, double c, double d) {
        return new Izhikevich(a, b, c, d, 30, 0, -70, Integrator.EXPONENTIAL_EULER);
    }

    public Izhikevich withMethod(Integrator value) {
        return new Izhikevich(a, b, c, d, vTh, tRef, vInit, value);
    }

    /** The adaptation variable u. */
    @Override
    public StateSpec state() {
        return StateSpec.of(StateVariable.real("u", "mV/ms", 0));
    }

    @Override
    public double initialV() {
        return vInit;
    }

    @Override
    public double initialValue(int index, double v) {
        return b * v;
    }

    @Override
    public NeuronKernel bind(NeuronState s, double dt, int refractorySteps) {
        return AdaptiveMembrane.of(s, "u", method, dt, refractorySteps, 0.04, 5, 140, 0, 0, 1, 1, 1, b, 0, 1 / a,
                d, vTh, c);
    }
}
