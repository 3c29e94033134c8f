package org.vecsnn.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The numbers the STDP comparison reports, on hand-counted inputs. */
class CompareStdpTest {
    @Test
    void tenthsCountTheWeightsWithTheLastTenthClosed() {
        assertArrayEquals(new int[] {2, 0, 0, 0, 0, 1, 0, 0, 0, 2},
                CompareStdp.tenths(new double[] {0, 0.05, 0.5, 0.95, 1.0}));
    }

    @Test
    void theKolmogorovSmirnovDistanceIsTheLargestGapBetweenTheDistributions() {
        // a = {0.1, 0.2, 0.3, 0.4}, b = {0.35, 0.45}: after 0.3, F_a = 3/4 and F_b = 0
        assertEquals(0.75, CompareStdp.ksDistance(new double[] {0.4, 0.1, 0.3, 0.2}, new double[] {0.45, 0.35}),
                1e-12);
        assertEquals(0, CompareStdp.ksDistance(new double[] {0.2, 0.7}, new double[] {0.7, 0.2}));
        assertEquals(1, CompareStdp.ksDistance(new double[] {0, 0.1}, new double[] {0.9, 1}));
    }
}
