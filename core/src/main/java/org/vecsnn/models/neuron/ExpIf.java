package org.vecsnn.models.neuron;

import org.vecsnn.core.Check;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronKernel;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronState;

/**
 * Exponential integrate-and-fire: {@code τ·dV/dt = −(V − V_rest) + Δ_T·e^((V − V_T)/Δ_T) + R·I}; a spike when
 * {@code V ≥ V_th}, then {@code V = V_reset}, held for the refractory period (as {@link Lif}). V starts at V_rest.
 */
public record ExpIf(double vRest, double vReset, double vTh, double vT, double deltaT, double tau, double r,
                    double tRef, Integrator method) implements NeuronModel {
    public ExpIf {
        Check.finiteFloat("ExpIF vRest (mV)", vRest);
        Check.finiteFloat("ExpIF vT (mV)", vT);
        Check.positiveFloat("ExpIF deltaT (mV)", deltaT);
        Check.positiveFloat("ExpIF tau (ms)", tau);
        Check.positiveFloat("ExpIF r", r);
        AdaptiveMembrane.requireReset("ExpIF", vReset, vTh, tRef, method);
    }

    /**
     * BrainPy's {@code ExpIF} (bp.neurons, ≤ 2.3): V_rest −65, V_reset −68, V_th −30, V_T −59.9 mV, Δ_T 3.48 mV,
     * τ 10 ms, R 1, no refractory period, exponential Euler. (BrainPy ≥ 2.4.6 moved V_th to −55.)
     */
    public static ExpIf defaults() {
        return new ExpIf(-65, -68, -30, -59.9, 3.48, 10, 1, 0, Integrator.EXPONENTIAL_EULER);
    }

    public ExpIf withMethod(Integrator value) {
        return new ExpIf(vRest, vReset, vTh, vT, deltaT, tau, r, tRef, value);
    }

    @Override
    public double initialV() {
        return vRest;
    }

    @Override
    public NeuronKernel bind(NeuronState s, double dt, int refractorySteps) {
        return AdaptiveMembrane.of(s, null, method, dt, refractorySteps, 0, -1 / tau, vRest / tau, deltaT / tau,
                vT, deltaT, 0, r / tau, 0, 0, Double.POSITIVE_INFINITY, 0, vTh, vReset);
    }
}
