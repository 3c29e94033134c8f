package org.vecsnn.validation;

/**
 * Closed-form solutions in double precision, written from the equations alone (no simulator code), against which
 * the simulator is checked. Times in ms, potentials in mV.
 */
public final class Analytic {
    private Analytic() {}

    /** {@code (e^x − 1)/x}, accurate near 0 (where it tends to 1). */
    public static double exprel(double x) {
        return Math.abs(x) < 1e-8 ? 1 + x / 2 : Math.expm1(x) / x;
    }

    /** The LIF membrane under constant drive: {@code V(t) = V_∞ + (V_0 − V_∞)e^(−t/τ)}, V_∞ = V_rest + R·I. */
    public static double lifRelaxation(double v0, double vInf, double tau, double t) {
        return vInf + (v0 - vInf) * Math.exp(-t / tau);
    }

    /**
     * The interspike interval of a LIF neuron under constant input: the refractory period, then the time to climb
     * from V_reset to V_th, {@code t_ref + τ·ln((R·I + V_rest − V_reset)/(R·I + V_rest − V_th))}; infinite when
     * V_rest + R·I does not exceed V_th.
     */
    public static double lifPeriod(double vRest, double vReset, double vTh, double tau, double r, double tRef,
                                   double current) {
        double vInf = vRest + r * current;
        if (vInf <= vTh) {
            return Double.POSITIVE_INFINITY;
        }
        return tRef + tau * Math.log((vInf - vReset) / (vInf - vTh));
    }

    /**
     * A sum of exponential kernels, {@code Σ w·e^(−(t − t_k)/τ)} over the arrivals strictly before t (the value
     * just before any arrival at t itself).
     */
    public static double exponentialTrain(double w, double tau, double[] arrivals, double t) {
        double sum = 0;
        for (double tk : arrivals) {
            if (tk < t) {
                sum += w * Math.exp(-(t - tk) / tau);
            }
        }
        return sum;
    }

    /**
     * The postsynaptic potential of a current-based exponential synapse on a passive membrane,
     * {@code τ_m·dV/dt = −V + R·I}, {@code I = w·e^(−t/τ_s)}: {@code R·w·τ_s/(τ_s − τ_m)·(e^(−t/τ_s) − e^(−t/τ_m))},
     * written as {@code R·w·(t/τ_m)·e^(−t/τ_m)·exprel(t(τ_s − τ_m)/(τ_s·τ_m))} so that it stays accurate as τ_s
     * approaches τ_m (where it becomes the alpha function).
     */
    public static double currentPsp(double w, double r, double tauS, double tauM, double t) {
        if (t <= 0) {
            return 0;
        }
        double x = t * (tauS - tauM) / (tauS * tauM);
        return r * w * (t / tauM) * Math.exp(-t / tauM) * exprel(x);
    }
}
