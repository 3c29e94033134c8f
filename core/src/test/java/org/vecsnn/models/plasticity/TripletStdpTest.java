package org.vecsnn.models.plasticity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The triplet rule under the pairing protocol: 60 pairs at 0.1–50 Hz with Δt = ±10 ms, against the weight change
 * that Pfister &amp; Gerstner's model gives in closed form, computed here from the spike times: for the all-to-all
 * model as geometric sums of the traces (every earlier spike), for the nearest-spike model from the latest spike.
 */
class TripletStdpTest {
    private static final double DT = 1;
    private static final double[] HZ = {0.1, 1, 10, 20, 40, 50};
    private static final double[] DELTA = {10, -10};
    private static final int PAIRINGS = 60;
    /** The first presynaptic spike (ms). */
    private static final long START = 20;
    private static final double W0 = 3;
    private static final double W_MAX = 6;

    @Test
    void thePresetsFollowTheClosedFormOfTheAllToAllModel() {
        check(TripletStdp.visualCortex(W_MAX), "visual cortex");
        check(TripletStdp.hippocampal(W_MAX), "hippocampus");
    }

    @Test
    void theNearestSpikeModelFollowsItsClosedForm() {
        TripletStdp v = TripletStdp.visualCortex(W_MAX);
        check(new TripletStdp(v.a2Plus(), v.a3Plus(), v.a2Minus(), v.a3Minus(), v.tauPlus(), v.tauMinus(), 714, 40,
                W_MAX, Pairing.NEAREST), "nearest spike");
    }

    /** Runs every frequency and Δt as one pair of neurons, and compares each final weight with the closed form. */
    private static void check(TripletStdp rule, String what) {
        int pairs = HZ.length * DELTA.length;
        long[][] pre = new long[pairs][PAIRINGS];
        long[][] post = new long[pairs][PAIRINGS];
        long end = 0;
        for (int f = 0; f < HZ.length; f++) {
            for (int d = 0; d < DELTA.length; d++) {
                long period = Math.round(1000 / HZ[f] / DT);
                for (int k = 0; k < PAIRINGS; k++) {
                    pre[f * DELTA.length + d][k] = START + k * period;
                    post[f * DELTA.length + d][k] = START + k * period + Math.round(DELTA[d] / DT);
                }
                end = Math.max(end, START + PAIRINGS * period);
            }
        }
        float[] w = new Protocol(DT, pre, post, rule, W0).run(end);
        StringBuilder report = new StringBuilder(what + ", Δw measured / closed form:");
        double worstUlps = 0;
        double worst = 0;
        for (int f = 0; f < HZ.length; f++) {
            for (int d = 0; d < DELTA.length; d++) {
                double[] change = closedForm(rule, 1000 / HZ[f], DELTA[d]);
                double expected = W0 + change[0];
                assertTrue(expected > 0 && expected < W_MAX, "no bound reached: " + expected);
                // each of the 2·60 updates rounds w to float once; the float traces err by 2^-24 of each change
                double bound = 2 * PAIRINGS * Math.ulp((float) W_MAX) / 2 + 0x1p-23 * change[1];
                double error = Math.abs(w[f * DELTA.length + d] - expected);
                assertTrue(error <= bound, what + " at " + HZ[f] + " Hz, Δt = " + DELTA[d] + " ms: w = "
                        + w[f * DELTA.length + d] + ", closed form " + expected + ", error " + error + " > " + bound);
                worstUlps = Math.max(worstUlps, error / Math.ulp((float) expected));
                worst = Math.max(worst, error);
                report.append(String.format(" %s Hz %+.0f ms: %.6f / %.6f;", HZ[f], DELTA[d],
                        w[f * DELTA.length + d] - W0, change[0]));
            }
        }
        System.out.println(report + " worst error " + worst + " (" + worstUlps + " ulp)");
    }

    /**
     * The model's weight change over the protocol (pre spikes at kT, post spikes at kT + Δt, |Δt| &lt; T) and the sum
     * of the magnitudes of its updates. At post spike k the potentiation is {@code r1·(A₂₊ + A₃₊·o2)}, at pre spike
     * k the depression {@code o1·(A₂₋ + A₃₋·r2)}, each trace the sum of the kernels of the earlier spikes it counts
     * (all-to-all), or the kernel of the latest alone (nearest); r2 and o2 exclude the spike itself.
     */
    private static double[] closedForm(TripletStdp r, double period, double delta) {
        boolean all = r.pairing() == Pairing.ALL_TO_ALL;
        double qPlus = Math.exp(-period / r.tauPlus());
        double qMinus = Math.exp(-period / r.tauMinus());
        double qx = Math.exp(-period / r.tauX());
        double qy = Math.exp(-period / r.tauY());
        double total = 0;
        double magnitude = 0;
        for (int k = 0; k < PAIRINGS; k++) {
            // the latest presynaptic spike up to post spike k lies Δt before it (Δt ≥ 0) or T + Δt (from pre k − 1)
            int before = delta >= 0 ? k : k - 1;
            double r1 = Math.exp(-(delta >= 0 ? delta : period + delta) / r.tauPlus()) * sum(qPlus, before, all);
            double o2 = qy * sum(qy, k - 1, all);
            // the latest postsynaptic spike before pre spike k lies |Δt| before it (Δt < 0) or T − Δt (post k − 1)
            int earlier = delta < 0 ? k : k - 1;
            double o1 = Math.exp(-(delta < 0 ? -delta : period - delta) / r.tauMinus()) * sum(qMinus, earlier, all);
            double r2 = qx * sum(qx, k - 1, all);
            double up = r1 * (r.a2Plus() + r.a3Plus() * o2);
            double down = o1 * (r.a2Minus() + r.a3Minus() * r2);
            total += up - down;
            magnitude += up + down;
        }
        return new double[] {total, magnitude};
    }

    /** {@code 1 + q + … + q^n} (all-to-all) or 1 (nearest), for n ≥ 0; 0 for n &lt; 0 (no such spike). */
    private static double sum(double q, int n, boolean all) {
        return n < 0 ? 0 : all ? (1 - Math.pow(q, n + 1)) / (1 - q) : 1;
    }
}
