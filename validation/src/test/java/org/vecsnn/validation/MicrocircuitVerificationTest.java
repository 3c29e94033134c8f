package org.vecsnn.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vecsnn.core.connect.SplitMix64;

/** The verification's own arithmetic; the full-scale run itself is on demand ({@code ./snn verify-microcircuit}). */
class MicrocircuitVerificationTest {
    @Test
    void aDistanceOfOneAndAHalfTimesNestsSpreadPasses() {
        // 1.5·(3/99 − 1/99) rounds below 3/99
        assertTrue(new MicrocircuitVerification.Distance("L6I", "rate", 3 / 99.0 - 1 / 99.0,
                new double[] {3 / 99.0}).pass());
        assertFalse(new MicrocircuitVerification.Distance("L6I", "rate", 2 / 99.0, new double[] {3 / 99.0,
            4 / 99.0}).pass());
    }

    @Test
    void sampleDrawsDistinctMembersOrAllOfFewer() {
        int[] from = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19};
        int[] five = MicrocircuitVerification.sample(from, 5, new SplitMix64(4));
        assertEquals(5, Arrays.stream(five).distinct().count());
        assertTrue(Arrays.stream(five).allMatch(x -> x >= 10 && x <= 19));
        int[] all = MicrocircuitVerification.sample(from, 200, new SplitMix64(4));
        Arrays.sort(all);
        assertArrayEquals(from, all);
    }

    @Test
    void meanCorrelationAgainstNestsRange() {
        // L2/3E: 2.77–3.43 ×10⁻³; L6I: 0.62–0.70
        assertTrue(MicrocircuitVerification.meanCcInside(2.78e-3, 0));
        assertTrue(MicrocircuitVerification.meanCcInside(3.42e-3, 0));
        assertFalse(MicrocircuitVerification.meanCcInside(3.44e-3, 0));
        assertFalse(MicrocircuitVerification.meanCcInside(0.61e-3, 7));
    }
}
