package org.vecsnn.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vecsnn.core.connect.Csr;

/** The weight histogram and the inhibitory rule's view of spikes that the STDP comparison reports, by hand. */
class CompareStdpTest {
    @Test
    void tenthsCountTheWeightsWithTheLastTenthClosed() {
        assertArrayEquals(new int[] {2, 0, 0, 0, 0, 1, 0, 0, 0, 2},
                CompareStdp.tenths(new double[] {0, 0.05, 0.5, 0.95, 1.0}));
    }

    @Test
    void theRuleSeesTracesAsItReadsThemPresynapticFirstAndAgainstUncorrelatedSpikes() {
        // unit 0: the E neuron (column 0), unit 1: the I neuron (row 0); one synapse; dt 0.1 ms, τ 20 ms, 1 s
        Csr csr = new Csr(1, 1, new int[] {0, 1}, new int[] {0}, null, null);
        // I at step 0, E at step 50: the I spike reads no x_post (c₋ = −1), the E spike reads x_pre = e^(−5/20),
        // against ρ_I·τ = 1 Hz·20 ms: c₊ = 50·e^(−1/4) − 1
        VogelsComparison.Meeting m = VogelsComparison.meeting(new long[] {0, 50}, new int[] {1, 0}, csr, 1, 0,
                10_000, 0.1, 20);
        assertEquals(1, m.ratePre(), 1e-12);
        assertEquals(1, m.ratePost(), 1e-12);
        assertEquals(-1, m.cMinus(), 1e-12);
        assertEquals(50 * Math.exp(-0.25) - 1, m.cPlus(), 1e-9);
        // both in step 40 (the E neuron listed first): the I spike is seen first, reads no x_post, and the E spike
        // reads x_pre = 1; a spike before the window (step −100 ... here step 0, window from 20) counts in traces
        m = VogelsComparison.meeting(new long[] {0, 40, 40}, new int[] {1, 0, 1}, csr, 1, 20, 10_020, 0.1, 20);
        assertEquals(-1, m.cMinus(), 1e-12);
        assertEquals(50 * (1 + Math.exp(-0.2)) - 1, m.cPlus(), 1e-9);
        assertEquals(2 * 2 / (2 - 1 + m.cPlus()), m.fixedPoint(2), 1e-12);
    }
}
