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
                new double[] {3 / 99.0}, null).pass());
        assertFalse(new MicrocircuitVerification.Distance("L6I", "rate", 2 / 99.0, new double[] {3 / 99.0,
            4 / 99.0}, null).pass());
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

    private static double[] shifted(double by) {
        double[] q = new double[99];
        for (int k = 0; k < q.length; k++) {
            q[k] = k + by;
        }
        return q;
    }

    @Test
    void pooledRunsOfOneDistributionCannotBeTold() {
        // every run the same distribution: every distance 0, every split as separated as the observed one
        MicrocircuitVerification.Pooled same = MicrocircuitVerification.pooled(
                java.util.List.of(shifted(0), shifted(0), shifted(0)), java.util.List.of(shifted(0), shifted(0)));
        assertEquals(0, same.cross());
        assertEquals(1, same.p());
    }

    @Test
    void pooledRunsOfTwoDistributionsAreToldApartAsFarAsSixRunsAllow() {
        // NEST's three runs at 0, 0.5, 1 and this project's at 200, 200.5, 201 (percentiles 0 … 98 shifted): two
        // runs of one side differ by one percentile at most (KS 1/99), a run of each side do not overlap (KS 1);
        // of the C(6, 3) = 20 splits only the observed one and its mirror separate them this far: p = 2/20
        MicrocircuitVerification.Pooled apart = MicrocircuitVerification.pooled(
                java.util.List.of(shifted(0), shifted(0.5), shifted(1)),
                java.util.List.of(shifted(200), shifted(200.5), shifted(201)));
        assertEquals(1, apart.cross(), 1e-12);
        assertEquals(1 / 99.0, apart.within(), 1e-12);
        assertEquals(0.1, apart.p(), 1e-12);
    }
}
