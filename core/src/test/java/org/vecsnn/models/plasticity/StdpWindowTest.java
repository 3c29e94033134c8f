package org.vecsnn.models.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.plasticity.PlasticityRule;

/**
 * The STDP window: one pre and one post spike per synapse, Δt = t_post − t_pre from −100 to +100 ms in steps of 1
 * ms (whole steps of 0.1 ms), against the closed form {@code Δw = A₊·f₊(w₀)·e^(−Δt/τ₊)} (Δt ≥ 0) and
 * {@code −A₋·f₋(w₀)·e^(Δt/τ₋)} (Δt &lt; 0), for each variant of the pair rule, and the inhibitory rule's symmetric
 * window with its α depression.
 */
class StdpWindowTest {
    private static final double DT = 0.1;
    private static final int STEPS_PER_MS = 10;
    /** Pairs for Δt = −100 … 100 ms, each around 110 ms. */
    private static final int PAIRS = 201;
    private static final long CENTRE = 110 * STEPS_PER_MS;
    private static final double A_PLUS = 0.01;
    private static final double A_MINUS = 0.012;
    private static final double TAU_PLUS = 16.8;
    private static final double TAU_MINUS = 33.7;
    private static final double W0 = 0.5;
    private static final double W_MAX = 1;

    /** Runs the 201 pairs under {@code rule} and returns the worst error, in ulps of the weight, against {@code dw}. */
    private static double worstUlps(PlasticityRule rule, DoubleUnaryOperator dw) {
        long[][] pre = new long[PAIRS][];
        long[][] post = new long[PAIRS][];
        for (int i = 0; i < PAIRS; i++) {
            pre[i] = new long[] {CENTRE};
            post[i] = new long[] {CENTRE + (i - 100) * STEPS_PER_MS};
        }
        float[] w = new Protocol(DT, pre, post, rule, W0).run(CENTRE + 101 * STEPS_PER_MS);
        double worst = 0;
        for (int i = 0; i < PAIRS; i++) {
            double expected = W0 + dw.applyAsDouble(i - 100);
            worst = Math.max(worst, Math.abs(w[i] - expected) / Math.ulp((float) expected));
        }
        return worst;
    }

    /** The pair rule's window with the weight dependence {@code f₊(w₀) = (w_max − w₀)^μ₊}, {@code f₋(w₀) = w₀^μ₋}. */
    private static DoubleUnaryOperator pairWindow(double muPlus, double muMinus) {
        return dt -> dt >= 0 ? A_PLUS * Math.pow(W_MAX - W0, muPlus) * Math.exp(-dt / TAU_PLUS)
                : -A_MINUS * Math.pow(W0, muMinus) * Math.exp(dt / TAU_MINUS);
    }

    @Test
    void thePairRulesReproduceTheWindowWithinFloatPrecision() {
        StringBuilder report = new StringBuilder();
        // additive, multiplicative, Gütig's μ = 0.4, van Rossum's (μ₊ = 0, μ₋ = 1)
        double[][] exponents = {{0, 0}, {1, 1}, {0.4, 0.4}, {0, 1}};
        for (Pairing pairing : Pairing.values()) {
            for (double[] mu : exponents) {
                double ulps = worstUlps(new PairStdp(A_PLUS, A_MINUS, TAU_PLUS, TAU_MINUS, W_MAX, mu[0], mu[1],
                        pairing), pairWindow(mu[0], mu[1]));
                report.append(pairing).append(" mu+ ").append(mu[0]).append(" mu- ").append(mu[1]).append(": ")
                        .append(ulps).append(" ulp; ");
                assertTrue(ulps <= 1, report.toString());
            }
        }
        assertEquals(PairStdp.vanRossum(A_PLUS, A_MINUS, TAU_PLUS, TAU_MINUS, W_MAX, Pairing.NEAREST),
                new PairStdp(A_PLUS, A_MINUS, TAU_PLUS, TAU_MINUS, W_MAX, 0, 1, Pairing.NEAREST));
        System.out.println("STDP window, worst error: " + report);
    }

    @Test
    void beforeItsOnsetTheInhibitoryRuleKeepsWeightsButItsTracesFollowTheSpikes() {
        // onset 10 ms (step 100): the pre spike of step 50 neither depresses by η·α nor meets a post trace, but its
        // trace is there when the post spike of step 120 potentiates by η·e^(−7 ms/τ); the pre spike of step 100
        // (at the onset) depresses by η·α and pairs with nothing
        double eta = 0.01;
        double tau = 20;
        InhibitoryStdp rule = new InhibitoryStdp(eta, tau, 5, W_MAX).withOnset(10);
        float[] w = new Protocol(DT, new long[][] {{50}, {100}}, new long[][] {{120}, {}}, rule, W0).run(130);
        assertEquals(W0 + eta * Math.exp(-7 / tau), w[0], Math.ulp((float) W0));
        assertEquals(W0 - eta * 0.2, w[1], Math.ulp((float) W0));
    }

    @Test
    void aPreSpikeAloneDepressesByEtaAlphaAndTheTraceIsRecorded() {
        double eta = 0.01;
        double tau = 20;
        int spikes = 40;
        long[] train = new long[spikes];
        for (int k = 0; k < spikes; k++) {
            train[k] = 5 + k * 70L; // every 7 ms
        }
        Protocol p = new Protocol(DT, new long[][] {train}, new long[][] {{}}, new InhibitoryStdp(eta, tau, 5, W_MAX),
                W0);
        StateMonitor trace = p.net.addMonitor(new StateMonitor(p.plastic, "x_pre", new int[] {0}, DT));
        StateMonitor weight = p.net.addMonitor(new StateMonitor(p.plastic, "w", new int[] {0}, DT));
        float[] w = p.run(train[spikes - 1] + 2);
        // no post spike: each pre spike moves w by −η·α and nothing else (Σ rounded once per spike)
        double expected = W0 - spikes * eta * 0.2;
        assertEquals(expected, w[0], spikes * Math.ulp((float) W0) / 2, "w after " + spikes + " pre spikes");
        float[] x = trace.trace(0);
        float[] recorded = weight.trace(0);
        double worst = 0;
        for (int k = 0; k < spikes; k++) {
            // recorded at the start of the step after spike k, 0.1 ms after it: Σ_j≤k e^(−((k−j)·7 + 0.1) ms/τ)
            double sum = 0;
            for (int j = 0; j <= k; j++) {
                sum += Math.exp(-((k - j) * 7.0 + DT) / tau);
            }
            int after = (int) train[k] + 1;
            worst = Math.max(worst, Math.abs(x[after] - sum) / Math.ulp((float) sum));
            assertEquals(W0 - (k + 1) * eta * 0.2, recorded[after], (k + 1) * Math.ulp((float) W0) / 2);
            assertEquals(recorded[after - 1], k == 0 ? (float) W0 : recorded[(int) train[k - 1] + 1],
                    "w changes only at pre spikes");
        }
        System.out.println("x_pre after each of " + spikes + " spikes, worst error: " + worst + " ulp");
        assertTrue(worst <= spikes, worst + " ulp");
    }

    @Test
    void allToAllSumsEveryEarlierSpikeAndNearestTheLatestOnly() {
        // synapse 0: pre at 0 and 5 ms, post at 10 ms; synapse 1: post at 0 and 5 ms, pre at 10 ms
        long[][] pre = {{0, 50}, {100}};
        long[][] post = {{100}, {1, 50}};
        for (Pairing pairing : Pairing.values()) {
            PairStdp rule = PairStdp.additive(A_PLUS, A_MINUS, TAU_PLUS, TAU_MINUS, W_MAX, pairing);
            float[] w = new Protocol(DT, pre, post, rule, W0).run(120);
            boolean all = pairing == Pairing.ALL_TO_ALL;
            double potentiation = A_PLUS * (Math.exp(-5 / TAU_PLUS) + (all ? Math.exp(-10 / TAU_PLUS) : 0));
            double depression = A_MINUS * (Math.exp(-5 / TAU_MINUS) + (all ? Math.exp(-9.9 / TAU_MINUS) : 0));
            assertEquals(W0 + potentiation, w[0], Math.ulp((float) W0), pairing + ": pre-pre-post");
            assertEquals(W0 - depression, w[1], Math.ulp((float) W0), pairing + ": post-post-pre");
        }
    }

    @Test
    void theRuleTimesSpikesWhenTheyAreEmittedWhateverTheDelay() {
        // a delay of 20 steps (2 ms): the pre spike of step 100 arrives in step 120, after the post spike of step
        // 110, yet the rule pairs them as emitted (Δt = +1 ms) and potentiates; post at 90 depresses (Δt = −1 ms)
        long[][] pre = {{100}, {100}};
        long[][] post = {{110}, {90}};
        PairStdp rule = PairStdp.additive(A_PLUS, A_MINUS, TAU_PLUS, TAU_MINUS, W_MAX, Pairing.ALL_TO_ALL);
        Protocol p = new Protocol(DT, pre, post, rule, W0, 20);
        StateMonitor w = p.net.addMonitor(new StateMonitor(p.plastic, "w", new int[] {0, 1}, DT));
        p.run(130);
        assertEquals(W0 + A_PLUS * Math.exp(-1 / TAU_PLUS), w.trace(0)[111], Math.ulp((float) W0),
                "potentiated at the end of the post spike's step");
        assertEquals((float) W0, w.trace(0)[110], "not before");
        assertEquals(W0 - A_MINUS * Math.exp(-1 / TAU_MINUS), w.trace(1)[101], Math.ulp((float) W0),
                "depressed in the pre spike's step, before its delivery");
        assertEquals((float) W0, w.trace(1)[100], "not before");
    }
}
