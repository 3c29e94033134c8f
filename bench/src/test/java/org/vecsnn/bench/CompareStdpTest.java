package org.vecsnn.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The weight histogram the STDP comparison reports, on hand-counted inputs. */
class CompareStdpTest {
    @Test
    void tenthsCountTheWeightsWithTheLastTenthClosed() {
        assertArrayEquals(new int[] {2, 0, 0, 0, 0, 1, 0, 0, 0, 2},
                CompareStdp.tenths(new double[] {0, 0.05, 0.5, 0.95, 1.0}));
    }
}
