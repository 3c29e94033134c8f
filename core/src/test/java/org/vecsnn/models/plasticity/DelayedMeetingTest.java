package org.vecsnn.models.plasticity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecsnn.core.Checkpoint;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.plasticity.PlasticityRule;

/**
 * Axonal (a) and dendritic (d) delays: a pre spike of step m meets a post spike of step n at the synapse with
 * Δt = (n + d) − (m + a) steps, and the weight changes when the later of the two reaches the synapse. Each case is
 * worked out by hand from that rule and the window's closed form.
 */
class DelayedMeetingTest {
    private static final double DT = 0.1;
    private static final double A_PLUS = 0.01;
    private static final double A_MINUS = 0.012;
    private static final double TAU = 20;
    private static final double W0 = 0.5;

    private static PlasticityRule pair() {
        return PairStdp.additive(A_PLUS, A_MINUS, TAU, TAU, 1, Pairing.ALL_TO_ALL);
    }

    /** Weights of synapse 0 and 1 recorded at the start of each step, after {@code steps} steps. */
    private static float[][] weights(PlasticityRule rule, long[][] pre, long[][] post, int delaySteps, long steps) {
        Protocol p = new Protocol(DT, pre, post, rule, W0, delaySteps);
        StateMonitor w = p.net.addMonitor(new StateMonitor(p.plastic, "w", new int[] {0, 1}, DT));
        p.run(steps);
        return new float[][] {w.trace(0), w.trace(1)};
    }

    @Test
    void nestsDendriticDelayTurnsAPostBeforePreIntoPotentiationWhenTheBackPropagatedSpikeArrives() {
        // a = 0, d = 2 ms (20 steps), NEST's stdp_synapse with delay 2 ms: synapse 0 pre 100, post 90 meet at
        // Δt = 110 − 100 = +1 ms, potentiated when the post spike reaches the synapse (end of step 110); synapse 1
        // pre 100, post 75: Δt = 95 − 100 = −0.5 ms, depressed at the pre spike (step 100, before delivery)
        float[][] w = weights(pair().withDelays(0, 2), new long[][] {{100}, {100}}, new long[][] {{90}, {75}}, 20, 130);
        assertEquals((float) W0, w[0][110], "not before the post spike arrives");
        assertEquals(W0 + A_PLUS * Math.exp(-1 / TAU), w[0][111], Math.ulp((float) W0));
        assertEquals((float) W0, w[1][100], "not before the pre spike");
        assertEquals(W0 - A_MINUS * Math.exp(-0.5 / TAU), w[1][101], Math.ulp((float) W0));
        assertEquals(w[1][101], w[1][129], "the post spike, arrived before, does not potentiate again");
    }

    @Test
    void brian2sAxonalDelayTurnsAPreBeforePostIntoDepressionWhenThePreSpikeArrives() {
        // a = 2 ms, d = 0 (Brian2's delay on the pre pathway): synapse 0 pre 100, post 110: Δt = 110 − 120 = −1 ms,
        // depressed when the pre spike arrives (its callback at the end of step 119, before step 120's spikes);
        // synapse 1 pre 100, post 125: Δt = +0.5 ms, potentiated at the post spike
        float[][] w = weights(pair().withDelays(2, 0), new long[][] {{100}, {100}}, new long[][] {{110}, {125}}, 20,
                140);
        assertEquals((float) W0, w[0][119]);
        assertEquals(W0 - A_MINUS * Math.exp(-1 / TAU), w[0][120], Math.ulp((float) W0));
        assertEquals((float) W0, w[1][125]);
        assertEquals(W0 + A_PLUS * Math.exp(-0.5 / TAU), w[1][126], Math.ulp((float) W0));
    }

    @Test
    void spikesMeetingInOneStepPairPresynapticFirstAndOnlyTheDifferenceOfTheDelaysCounts() {
        // synapse 0: a = 0, d = 2 ms: pre 110, post 90 meet in step 110: the pre spike sees no post trace yet, the
        // post spike then sees the pre spike: +A₊ exactly; synapse 1 the same with a = 1, d = 3 ms
        long[][] pre = {{110}, {110}};
        long[][] post = {{90}, {90}};
        float[] nest = new Protocol(DT, pre, post, pair().withDelays(0, 2), W0, 20).run(140);
        float[] shifted = new Protocol(DT, pre, post, pair().withDelays(1, 3), W0, 40).run(140);
        assertEquals(W0 + A_PLUS, nest[0], Math.ulp((float) W0));
        assertArrayEquals(nest, shifted, 0f, "a, d and a + 1 ms, d + 1 ms meet alike");
    }

    @Test
    void equalDelaysMeetAsWithoutDelays() {
        long[][] pre = {{100, 300}, {250}};
        long[][] post = {{140}, {200, 260}};
        float[] none = new Protocol(DT, pre, post, pair(), W0, 20).run(400);
        float[] equal = new Protocol(DT, pre, post, pair().withDelays(1, 1), W0, 20).run(400);
        assertArrayEquals(none, equal, 0f);
    }

    @Test
    void aCheckpointWithSpikesInFlightToTheSynapseResumesBitForBit(@TempDir Path dir) throws Exception {
        // checkpoint at step 105: synapse 0's post spike of step 100 is on its way (arrives at 120), synapse 1's
        // pre spike of step 100 too (a = 2 ms on the other projection)
        long[][] pre = {{110, 200}, {100, 150}};
        long[][] post = {{100, 180}, {112, 160}};
        for (PlasticityRule rule : new PlasticityRule[] {pair().withDelays(0, 2), pair().withDelays(2, 0)}) {
            Protocol whole = new Protocol(DT, pre, post, rule, W0, 20);
            float[] expected = whole.run(260);
            Protocol first = new Protocol(DT, pre, post, rule, W0, 20);
            first.net.runSteps(105, ProgressListener.SILENT);
            Path file = dir.resolve("held.ckpt");
            Checkpoint.save(first.net, file);
            Protocol resumed = new Protocol(DT, pre, post, rule, W0, 20);
            Checkpoint.load(resumed.net, file);
            resumed.net.runSteps(155, ProgressListener.SILENT);
            assertArrayEquals(expected, resumed.plastic.csr().weights(), 0f, rule.toString());
            assertTrue(expected[0] != (float) W0 && expected[1] != (float) W0, "both synapses learned");
        }
    }

    @Test
    void negativeDelaysAndDelaysOffTheGridAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pair().withDelays(-1, 0));
        assertTrue(e.getMessage().startsWith("axonal delay (ms) = -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Protocol(DT, new long[][] {{1}}, new long[][] {{}}, pair().withDelays(0, 0.25), W0, 1)
                        .run(2));
        assertTrue(e.getMessage().startsWith("dendritic delay = 0.25 ms: must be a whole number of steps"),
                e.getMessage());
    }
}
