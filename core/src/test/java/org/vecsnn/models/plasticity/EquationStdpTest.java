package org.vecsnn.models.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.equations.SynapseModel;
import org.vecsnn.networks.SongMillerAbbott;

/**
 * Brian2's STDP example written as Brian2 strings ({@link SynapseModel}), pair by pair against the closed form of
 * its equations: a pre spike at t_pre and a post spike at t_post = t_pre + Δt change w by
 * {@code dApre·e^(−Δt/τpre)} for Δt ≥ 0 (the post spike reads Apre, which jumped by dApre at the pre spike and
 * decayed exactly since) and by {@code dApost·e^(Δt/τpost)} for Δt &lt; 0; traces between events as the exact
 * exponentials of their equations.
 */
class EquationStdpTest {
    private static final double DT = 0.1;
    private static final int STEPS_PER_MS = 10;
    private static final int PAIRS = 201;
    private static final long CENTRE = 110 * STEPS_PER_MS;
    private static final double TAU_PRE = 16.8;
    private static final double TAU_POST = 33.7;
    private static final double D_PRE = 0.01;
    private static final double D_POST = -0.012;
    private static final double W0 = 0.5;

    /** The worst error, in ulps of the weight, of the 201 pairs under {@code rule} against the window at Δt − shift. */
    private static double worstUlps(SynapseModel rule, int delaySteps, double axonalMs, double shiftMs) {
        long[][] pre = new long[PAIRS][];
        long[][] post = new long[PAIRS][];
        for (int i = 0; i < PAIRS; i++) {
            pre[i] = new long[] {CENTRE};
            post[i] = new long[] {CENTRE + (i - 100) * STEPS_PER_MS};
        }
        float[] w = new Protocol(DT, pre, post, axonalMs == 0 ? rule : rule.withDelays(axonalMs, 0), W0, delaySteps)
                .run(CENTRE + 101 * STEPS_PER_MS);
        double worst = 0;
        for (int i = 0; i < PAIRS; i++) {
            double dt = i - 100 - shiftMs;
            double expected = W0 + (dt >= 0 ? D_PRE * Math.exp(-dt / TAU_PRE) : D_POST * Math.exp(dt / TAU_POST));
            worst = Math.max(worst, Math.abs(w[i] - expected) / Math.ulp((float) expected));
        }
        return worst;
    }

    @Test
    void pairsFromMinus100To100MsReproduceTheWindowOfTheEquations() {
        SynapseModel rule = SongMillerAbbott.stdpFromBrian2Strings(TAU_PRE + "*ms", TAU_POST + "*ms", D_PRE + "",
                D_POST + "", "1");
        double plain = worstUlps(rule, 1, 0, 0);
        // the projection's delay is not part of Δt (as the built-in rules); Brian2's delay on the pre pathway is
        // withDelays(D, 0): the pre spike meets the post spikes D = 2 ms later, so the window moves by 2 ms
        double delayed = worstUlps(rule, 20, 0, 0);
        double brian2Delay = worstUlps(rule, 20, 2, 2);
        System.out.println("STDP window from Brian2 strings, worst error: " + plain + " ulp; delay 20 steps "
                + delayed + " ulp; Brian2's pre delay of 2 ms " + brian2Delay + " ulp");
        assertTrue(plain <= 1 && delayed <= 1 && brian2Delay <= 1, plain + ", " + delayed + ", " + brian2Delay);
    }

    @Test
    void tracesAreTheExactExponentialsOfTheirEquationsAtEachEvent() {
        // pre spikes at steps 100, 170, 240 (7 ms apart), no post spike: at each spike Apre decays from the last
        // one and jumps by dApre; w meets Apost = 0 and stays
        long[] train = {100, 170, 240};
        Protocol p = new Protocol(DT, new long[][] {train}, new long[][] {{}},
                SongMillerAbbott.stdpFromBrian2Strings("20*ms", "20*ms", "0.01", "-0.0105", "1"), W0);
        StateMonitor apre = p.net.addMonitor(new StateMonitor(p.plastic, "Apre", new int[] {0}, DT));
        float[] w = p.run(320);
        assertEquals((float) W0, w[0]);
        double decay = Math.exp(-7 / 20.0);
        double[] expected = {0.01, 0.01 * decay + 0.01, (0.01 * decay + 0.01) * decay + 0.01};
        float[] a = apre.trace(0);
        for (int k = 0; k < train.length; k++) {
            int after = (int) train[k] + 1;
            assertEquals(expected[k], a[after], 2 * Math.ulp((float) expected[k]), "Apre after spike " + k);
            assertEquals(a[after], a[(int) train[k] + 60], "Apre changes only at events");
        }
    }

    @Test
    void equationsWithAConstantTermFollowTheirClosedForms() {
        // dz/dt = (zinf - z)/tau from z = 0 is zinf·(1 − e^(−t/τ)); dc/dt = r from c = 0.2 is 0.2 + r·t (a = 0); the
        // pre spike of step 250 copies the subexpression zc = z + c into w (times in ms: 25 ms)
        SynapseModel rule = SynapseModel.builder("""
                        w : 1
                        dz/dt = (zinf - z)/tau : 1 (event-driven)
                        dc/dt = r : 1 (event-driven)
                        zc = z + c : 1""")
                .onPre("ge += w\nw = zc").constant("zinf", "0.8").constant("tau", "10*ms").constant("r", "4*Hz")
                .initial("c", "0.2").build();
        float[] w = new Protocol(DT, new long[][] {{250}}, new long[][] {{}}, rule, W0).run(260);
        double expected = 0.8 * (1 - Math.exp(-25 / 10.0)) + 0.2 + 4e-3 * 25;
        assertEquals(expected, w[0], 2 * Math.ulp((float) expected));
    }

    @Test
    void rowsAndColumnsOfManySynapsesLearnAsTheBuiltInPairRule() {
        // 20 inputs onto 10 neurons, all to all (rows of 10 synapses, columns of 20), each unit spiking 25
        // times at random in 300 ms: the strings and PairStdp.additive are the same rule in different arithmetic, so
        // every weight agrees to the rounding of the traces (the built-in's stepped each step, the strings' exact)
        java.util.Random random = new java.util.Random(1);
        long[][] pre = new long[20][];
        long[][] post = new long[10][];
        for (int i = 0; i < pre.length; i++) {
            pre[i] = random.longs(2, 3000).distinct().limit(25).sorted().toArray();
        }
        for (int i = 0; i < post.length; i++) {
            // 5 ms slots, jittered by under 1 ms, so that no spike falls in the refractory time of the one before
            post[i] = random.ints(0, 59).distinct().limit(25).sorted().mapToLong(k -> 2 + k * 50L + random.nextInt(10))
                    .toArray();
        }
        SynapseModel strings = SongMillerAbbott.stdpFromBrian2Strings("20*ms", "20*ms", "0.01", "-0.0105", "1");
        PairStdp builtIn = PairStdp.additive(0.01, 0.0105, 20, 20, 1, Pairing.ALL_TO_ALL);
        float[] a = new Protocol(DT, pre, post, strings, W0, 1, Connectors.allToAll(true)).run(3100);
        float[] b = new Protocol(DT, pre, post, builtIn, W0, 1, Connectors.allToAll(true)).run(3100);
        double worst = 0;
        double moved = 0;
        for (int s = 0; s < a.length; s++) {
            worst = Math.max(worst, Math.abs(a[s] - b[s]));
            moved = Math.max(moved, Math.abs(b[s] - W0));
        }
        System.out.println("200 synapses against PairStdp: worst difference " + worst + " (weights moved up to "
                + moved + ")");
        assertEquals(200, a.length);
        assertTrue(moved > 0.05 && worst < 1e-5, worst + " of " + moved);
    }
}
