package org.vecsnn.validation;

import org.vecsnn.models.synapse.KineticModel;

/**
 * The equations of the kinetic synapse models, written out in double precision from their definitions, for
 * {@link OdeReference}. Variables are in the order of {@link KineticModel#variables()}, without the Hill output.
 */
public final class KineticReferences {
    private KineticReferences() {}

    /** The model's right-hand side. */
    public static OdeReference.System rhs(KineticModel model) {
        if (model instanceof KineticModel.Nmda m) {
            return (y, on, dy) -> {
                dy[0] = -y[0] / m.tauRise();
                dy[1] = -y[1] / m.tauDecay() + m.a() * y[0] * (1 - y[1]);
            };
        }
        if (model instanceof KineticModel.BioNmda m) {
            return (y, on, dy) -> {
                dy[0] = m.alpha2() * (on ? m.t() : 0) * (1 - y[0]) - m.beta2() * y[0];
                dy[1] = m.alpha1() * y[0] * (1 - y[1]) - m.beta1() * y[1];
            };
        }
        if (model instanceof KineticModel.GabaB m) {
            return (y, on, dy) -> {
                dy[0] = m.k3() * (on ? m.t() : 0) * (1 - y[0]) - m.k4() * y[0];
                dy[1] = m.k1() * y[0] - m.k2() * y[1];
            };
        }
        if (model instanceof KineticModel.GabaBDesensitized m) {
            return (y, on, dy) -> {
                double t = on ? m.t() : 0;
                dy[0] = m.k1() * t * (1 - y[0] - y[1]) - m.k2() * y[0] + m.k3() * y[1];
                dy[1] = m.k4() * y[0] - m.k3() * y[1];
                dy[2] = m.k5() * y[0] - m.k6() * y[2];
            };
        }
        KineticModel.Markov m = (KineticModel.Markov) model;
        return (y, on, dy) -> dy[0] = m.alpha() * (on ? m.t() : 0) * (1 - y[0]) - m.beta() * y[0];
    }

    /** How many ODE variables the model has (its state less the Hill output s of GABA_B). */
    public static int variables(KineticModel model) {
        return model instanceof KineticModel.GabaB || model instanceof KineticModel.GabaBDesensitized
                ? model.variables().length - 1 : model.variables().length;
    }

    /** The conductance the output uses, from the ODE state. */
    public static double output(KineticModel model, double[] y) {
        if (model instanceof KineticModel.GabaB m) {
            return hill(y[1], m.kd());
        }
        if (model instanceof KineticModel.GabaBDesensitized m) {
            return hill(y[2], m.kd());
        }
        return y[model.outputVariable()];
    }

    private static double hill(double g, double kd) {
        double g4 = g * g * g * g;
        return g4 / (g4 + kd);
    }

    /** The pulse length in ms, or 0 for a model without one (NMDA). */
    public static double pulse(KineticModel model) {
        if (model instanceof KineticModel.Markov m) {
            return m.tDur();
        }
        if (model instanceof KineticModel.BioNmda m) {
            return m.tDur();
        }
        if (model instanceof KineticModel.GabaB m) {
            return m.tDur();
        }
        if (model instanceof KineticModel.GabaBDesensitized m) {
            return m.tDur();
        }
        return 0;
    }

    /**
     * The output conductance sampled at {@code t_n = n·dt}, n < steps, for arrivals at the given steps, integrated
     * by RK4 with steps of at most {@code h}; an arrival at step a jumps x (NMDA) or starts the pulse at t_a.
     */
    public static double[] trace(KineticModel model, long[] arrivalSteps, int steps, double dt, double h) {
        OdeReference.System f = rhs(model);
        double[] y = new double[variables(model)];
        double[] out = new double[steps];
        int pulseSteps = (int) Math.round(pulse(model) / dt);
        int pulseLeft = 0;
        int next = 0;
        for (int n = 0; n < steps; n++) {
            out[n] = output(model, y);
            while (next < arrivalSteps.length && arrivalSteps[next] == n) {
                if (model instanceof KineticModel.Nmda) {
                    y[0] += 1;
                }
                pulseLeft = pulseSteps;
                next++;
            }
            OdeReference.integrate(f, y, pulseLeft > 0, dt, h);
            pulseLeft = Math.max(pulseLeft - 1, 0);
        }
        return out;
    }
}
