package org.vecsnn.validation;

/**
 * The neuron models' equations written out in double precision from their publications (not from the core's
 * parameter records), for {@link OdeReference}. Inputs are constant currents; V in mV, t in ms.
 */
public final class NeuronReferences {
    private NeuronReferences() {}

    /** Squid HH (Hodgkin & Huxley 1952 as BrainPy writes it), per cm², state (V, m, h, n). */
    public static OdeReference.System squid(double current) {
        return (y, on, dy) -> {
            double v = y[0], m = y[1], h = y[2], n = y[3];
            double[] r = squidRates(v);
            dy[0] = -120 * m * m * m * h * (v - 50) - 36 * n * n * n * n * (v + 77) - 0.03 * (v + 54.387) + current;
            dy[1] = r[0] * (1 - m) - r[1] * m;
            dy[2] = r[2] * (1 - h) - r[3] * h;
            dy[3] = r[4] * (1 - n) - r[5] * n;
        };
    }

    /** α_m, β_m, α_h, β_h, α_n, β_n of the squid axon at V (1/ms). */
    private static double[] squidRates(double v) {
        return new double[] {0.1 * (v + 40) / (1 - Math.exp(-(v + 40) / 10)), 4 * Math.exp(-(v + 65) / 18),
            0.07 * Math.exp(-(v + 65) / 20), 1 / (1 + Math.exp(-(v + 35) / 10)),
            0.01 * (v + 55) / (1 - Math.exp(-(v + 55) / 10)), 0.125 * Math.exp(-(v + 65) / 80)};
    }

    /** The squid gates' steady states at V: (m∞, h∞, n∞). */
    public static double[] squidGatesAtRest(double v) {
        double[] r = squidRates(v);
        return new double[] {r[0] / (r[0] + r[1]), r[2] / (r[2] + r[3]), r[4] / (r[4] + r[5])};
    }

    /**
     * Traub–Miles HH of Brian2's COBAHH.py (20 000 µm²: C 200 pF, g_Na 20 µS, g_Kd 6 µS, g_L 10 nS), current in pA,
     * state (V, m, h, n).
     */
    public static OdeReference.System traub(double current) {
        double vt = -63;
        return (y, on, dy) -> {
            double v = y[0], m = y[1], h = y[2], n = y[3];
            double am = 0.32 * (13 - v + vt) / (Math.exp((13 - v + vt) / 4) - 1);
            double bm = 0.28 * (v - vt - 40) / (Math.exp((v - vt - 40) / 5) - 1);
            double ah = 0.128 * Math.exp((17 - v + vt) / 18);
            double bh = 4 / (1 + Math.exp((40 - v + vt) / 5));
            double an = 0.032 * (15 - v + vt) / (Math.exp((15 - v + vt) / 5) - 1);
            double bn = 0.5 * Math.exp((10 - v + vt) / 40);
            dy[0] = (10 * (-60 - v) - 20_000 * m * m * m * h * (v - 50) - 6_000 * n * n * n * n * (v + 90) + current)
                    / 200;
            dy[1] = am * (1 - m) - bm * m;
            dy[2] = ah * (1 - h) - bh * h;
            dy[3] = an * (1 - n) - bn * n;
        };
    }

    /** AdEx in the published form (pF, nS, mV, ms, pA), state (V, w). */
    public static OdeReference.System adEx(double c, double gL, double eL, double vT, double deltaT, double a,
                                           double tauW, double current) {
        return (y, on, dy) -> {
            dy[0] = (-gL * (y[0] - eL) + gL * deltaT * Math.exp((y[0] - vT) / deltaT) - y[1] + current) / c;
            dy[1] = (a * (y[0] - eL) - y[1]) / tauW;
        };
    }

    /** Izhikevich (2003), state (V, u). */
    public static OdeReference.System izhikevich(double a, double b, double current) {
        return (y, on, dy) -> {
            dy[0] = 0.04 * y[0] * y[0] + 5 * y[0] + 140 - y[1] + current;
            dy[1] = a * (b * y[0] - y[1]);
        };
    }

    /** Quadratic IF {@code τ·dV/dt = c·(V − V_rest)·(V − V_c) + R·I}, state (V). */
    public static OdeReference.System qif(double vRest, double vC, double c, double tau, double r, double current) {
        return (y, on, dy) -> dy[0] = (c * (y[0] - vRest) * (y[0] - vC) + r * current) / tau;
    }
}
