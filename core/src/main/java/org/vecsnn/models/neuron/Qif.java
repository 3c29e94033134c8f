package org.vecsnn.models.neuron;

import org.vecsnn.core.Check;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronKernel;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronState;

/**
 * Quadratic integrate-and-fire: {@code τ·dV/dt = c·(V − V_rest)·(V − V_c) + R·I}; a spike when {@code V ≥ V_th},
 * then {@code V = V_reset}, held for the refractory period. V starts at V_rest.
 */
public record Qif(double vRest, double vReset, double vTh, double vC, double c, double tau, double r, double tRef,
                  Integrator method) implements NeuronModel {
    public Qif {
        Check.finiteFloat("QIF vRest (mV)", vRest);
        Check.finiteFloat("QIF vC (mV)", vC);
        Check.positiveFloat("QIF c (1/mV)", c);
        Check.positiveFloat("QIF tau (ms)", tau);
        Check.positiveFloat("QIF r", r);
        if (!(vC > vRest)) {
            throw new IllegalArgumentException("QIF vC = " + vC + " mV: must be above vRest = " + vRest + " mV");
        }
        AdaptiveMembrane.requireReset("QIF", vReset, vTh, tRef, method);
    }

    /**
     * BrainPy's {@code QuaIF}: V_rest −65, V_reset −68, V_th −30, V_c −50 mV, c 0.07/mV, τ 10 ms, R 1, no
     * refractory period, exponential Euler.
     */
    public static Qif defaults() {
        return new Qif(-65, -68, -30, -50, 0.07, 10, 1, 0, Integrator.EXPONENTIAL_EULER);
    }

    public Qif withMethod(Integrator value) {
        return new Qif(vRest, vReset, vTh, vC, c, tau, r, tRef, value);
    }

    @Override
    public double initialV() {
        return vRest;
    }

    @Override
    public NeuronKernel bind(NeuronState s, double dt, int refractorySteps) {
        double k = c / tau;
        return AdaptiveMembrane.of(s, null, method, dt, refractorySteps, k, -k * (vRest + vC), k * vRest * vC, 0,
                0, 1, 0, r / tau, 0, 0, Double.POSITIVE_INFINITY, 0, vTh, vReset);
    }
}
