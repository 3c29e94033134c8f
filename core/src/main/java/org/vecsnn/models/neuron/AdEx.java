package org.vecsnn.models.neuron;

import org.vecsnn.core.Check;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronKernel;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronState;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateVariable;

/**
 * Adaptive exponential integrate-and-fire (Brette & Gerstner 2005):
 * <pre>
 *   τ·dV/dt   = −(V − V_rest) + Δ_T·e^((V − V_T)/Δ_T) − R·w + R·I
 *   τ_w·dw/dt = a·(V − V_rest) − w                on a spike (V ≥ V_th): V = V_reset, w += b
 * </pre>
 * V is held for the refractory period (w keeps integrating). V starts at V_rest, w at 0.
 * {@link #fromConductances} takes the published form with C, g_L (pF, nS, pA: then R = 1/g_L and I is in pA).
 */
public record AdEx(double vRest, double vReset, double vTh, double vT, double deltaT, double a, double b, double tau,
                   double tauW, double r, double tRef, Integrator method) implements NeuronModel {
    public AdEx {
        Check.finiteFloat("AdEx vRest (mV)", vRest);
        Check.finiteFloat("AdEx vT (mV)", vT);
        Check.positiveFloat("AdEx deltaT (mV)", deltaT);
        Check.finiteFloat("AdEx a", a);
        Check.finiteFloat("AdEx b", b);
        Check.positiveFloat("AdEx tau (ms)", tau);
        Check.positiveFloat("AdEx tauW (ms)", tauW);
        Check.positiveFloat("AdEx r", r);
        AdaptiveMembrane.requireReset("AdEx", vReset, vTh, tRef, method);
    }

    /**
     * BrainPy's {@code AdExIF} (bp.neurons, ≤ 2.3, without its refractory period): V_rest −65, V_reset −68,
     * V_th −30, V_T −59.9 mV, Δ_T 3.48 mV, a 1, b 1, τ 10 ms, τ_w 30 ms, R 1, exponential Euler.
     */
    public static AdEx defaults() {
        return new AdEx(-65, -68, -30, -59.9, 3.48, 1, 1, 10, 30, 1, 0, Integrator.EXPONENTIAL_EULER);
    }

    /**
     * The published form {@code C·dV/dt = −g_L(V − E_L) + g_L·Δ_T·e^((V − V_T)/Δ_T) − w + I},
     * {@code τ_w·dw/dt = a(V − E_L) − w}, in pF, nS, mV, ms, pA (Naud et al. 2008, Table 1).
     */
    public static AdEx fromConductances(double c, double gL, double eL, double vT, double deltaT, double a,
                                        double tauW, double b, double vReset, double vTh, Integrator method) {
        Check.positiveFloat("AdEx c (pF)", c);
        Check.positiveFloat("AdEx gL (nS)", gL);
        return new AdEx(eL, vReset, vTh, vT, deltaT, a, b, c / gL, tauW, 1 / gL, 0, method);
    }

    public AdEx withMethod(Integrator value) {
        return new AdEx(vRest, vReset, vTh, vT, deltaT, a, b, tau, tauW, r, tRef, value);
    }

    /** The adaptation variable w. */
    @Override
    public StateSpec state() {
        return StateSpec.of(StateVariable.real("w", "as I", 0));
    }

    @Override
    public double initialV() {
        return vRest;
    }

    @Override
    public NeuronKernel bind(NeuronState s, double dt, int refractorySteps) {
        return AdaptiveMembrane.of(s, "w", method, dt, refractorySteps, 0, -1 / tau, vRest / tau, deltaT / tau,
                vT, deltaT, r / tau, r / tau, a, vRest, tauW, b, vTh, vReset);
    }
}
