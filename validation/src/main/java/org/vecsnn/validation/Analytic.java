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
     * A sum of exponential kernels, {@code Σ w·e^(−(t − t_k)/τ)} over the arrivals up to and including t (the
     * value just after an arrival at t, as an exponential synapse's state at a step's start holds that step's
     * arrivals); times within 1e-9 ms count as equal.
     */
    public static double exponentialTrain(double w, double tau, double[] arrivals, double t) {
        double sum = 0;
        for (double tk : arrivals) {
            if (tk <= t + 1e-9) {
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

    /**
     * The seed's dual-exponential response to one spike with jump a at t = 0 (τ_r < τ_d), and its alpha limit
     * {@code a·t·e^(−t/τ)} when τ_r = τ_d: {@code a·τ_r·τ_d/(τ_d − τ_r)·(e^(−t/τ_d) − e^(−t/τ_r))}, computed as
     * {@code a·t·e^(−t/τ_d)·exprel(t(1/τ_d − 1/τ_r))}, stable as τ_r approaches τ_d.
     */
    public static double dualExponential(double a, double tauRise, double tauDecay, double t) {
        if (t <= 0) {
            return 0;
        }
        return a * t * Math.exp(-t / tauDecay) * exprel(t * (1 / tauDecay - 1 / tauRise));
    }

    /** The peak of {@link #dualExponential} for a = 1. */
    public static double dualExponentialPeak(double tauRise, double tauDecay) {
        if (tauRise == tauDecay) {
            return tauDecay / Math.E;
        }
        double tPeak = tauRise * tauDecay / (tauDecay - tauRise) * Math.log(tauDecay / tauRise);
        return dualExponential(1, tauRise, tauDecay, tPeak);
    }

    /**
     * Two-state Markov kinetics {@code ds/dt = α[T](1 − s) − β·s} from s = 0, with [T] = T during
     * {@code [a, a + tDur)} after each arrival a (a later arrival restarts the pulse): the piecewise closed form,
     * evaluated segment by segment between the switching times.
     */
    public static double markovPulse(double alpha, double beta, double t0, double tDur, double[] arrivals,
                                     double t) {
        java.util.TreeSet<Double> breaks = new java.util.TreeSet<>();
        for (double a : arrivals) {
            breaks.add(a);
            breaks.add(a + tDur);
        }
        breaks.add(t);
        double s = 0;
        double time = 0;
        for (double next : breaks) {
            if (next > t) {
                break;
            }
            if (next > time) {
                boolean on = false;
                for (double a : arrivals) {
                    on |= a <= time + 1e-12 && time + 1e-12 < a + tDur;
                }
                double k = on ? alpha * t0 + beta : beta;
                double target = on ? alpha * t0 / k : 0;
                s = target + (s - target) * Math.exp(-k * (next - time));
                time = next;
            }
        }
        return s;
    }
}
