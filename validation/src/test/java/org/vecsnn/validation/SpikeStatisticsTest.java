package org.vecsnn.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The statistics on small spike trains whose values are worked out by hand (dt = 0.1 ms throughout). */
class SpikeStatisticsTest {
    /**
     * Window [100, 400) steps = 30 ms. Neuron 0: steps 100, 200, 400 (outside), 50 (outside); neuron 1: silent;
     * neuron 2: 100, 110, 130, 160 (ISIs 1, 2, 3 ms).
     */
    private static final SpikeStatistics.Trains TRAINS = SpikeStatistics.Trains.of(
            new long[] {50, 100, 100, 110, 130, 160, 200, 400}, new int[] {0, 0, 2, 2, 2, 2, 0, 0}, 3, 100, 400);

    @Test
    void groupsTheWindowsSpikesPerNeuron() {
        assertArrayEquals(new int[] {0, 2, 2, 6}, TRAINS.offsets());
        assertArrayEquals(new long[] {100, 200, 100, 110, 130, 160}, TRAINS.steps());
        assertArrayEquals(new int[] {0, 2}, SpikeStatistics.active(TRAINS));
    }

    @Test
    void ratesCountSpikesInTheWindowOverItsLength() {
        // 2 spikes in 30 ms = 66.67 Hz; none; 4 in 30 ms = 133.3 Hz
        assertArrayEquals(new double[] {2 / 0.03, 0, 4 / 0.03}, SpikeStatistics.rates(TRAINS, 0.1), 1e-9);
    }

    @Test
    void cvIsTheIntervalsPopulationStandardDeviationOverTheirMean() {
        // neuron 2 only (neuron 0 has 2 spikes): ISIs 10, 20, 30 steps, mean 20, sd √(200/3) = 8.16497, CV 0.408248
        assertArrayEquals(new double[] {Math.sqrt(200.0 / 3) / 20}, SpikeStatistics.cvs(TRAINS), 1e-12);
        assertEquals(0.408248290463863, SpikeStatistics.cvs(TRAINS)[0], 1e-12);
    }

    /**
     * Four 2 ms bins (window [0, 80) steps): a spikes at steps 0, 40, b at 5, 45, 61, c at 5, 15; so a counts 1, 0,
     * 1, 0; b 1, 0, 1, 1; c 2, 0, 0, 0.
     * Means 0.5, 0.75, 0.5; deviations a (.5, −.5, .5, −.5), b (.25, −.75, .25, .25), c (1.5, −.5, −.5, −.5).
     * Covariances (÷4): ab 0.125, ac 0.25, bc 0.125; variances a 0.25, b 0.1875, c 0.75.
     * r_ab = 0.125/√(0.25·0.1875) = 1/√3; r_ac = 0.25/√(0.25·0.75) = 1/√3; r_bc = 0.125/√(0.1875·0.75) = 1/3.
     */
    private static final SpikeStatistics.Trains BINNED = SpikeStatistics.Trains.of(
            new long[] {0, 5, 5, 15, 40, 45, 61}, new int[] {0, 1, 2, 2, 0, 1, 1}, 3, 0, 80);

    @Test
    void pairwiseCorrelationsOfBinnedCounts() {
        int[] all = {0, 1, 2};
        assertArrayEquals(new int[] {1, 0, 1, 0, 1, 0, 1, 1, 2, 0, 0, 0}, SpikeStatistics.counts(BINNED, all, 20));
        double third = 1 / Math.sqrt(3);
        assertArrayEquals(new double[] {third, third, 1.0 / 3}, SpikeStatistics.correlations(BINNED, all, 20), 1e-12);
        // the mean over the three pairs without visiting them
        assertEquals((2 * third + 1.0 / 3) / 3, SpikeStatistics.meanCorrelation(BINNED, all, 20), 1e-12);
        assertEquals(third, SpikeStatistics.meanCorrelation(BINNED, new int[] {0, 1}, 20), 1e-12);
    }

    @Test
    void binsMustDivideTheWindow() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SpikeStatistics.correlations(BINNED, new int[] {0, 1}, 30));
        assertEquals("bin steps = 30: must divide the window of 80 steps", e.getMessage());
    }

    @Test
    void percentilesInterpolateBetweenOrderStatistics() {
        double[] p = SpikeStatistics.percentiles(new double[] {5, 1, 4, 2, 3});
        // position k/100·4: the 10th at 0.4 → 1.4, the 25th at 1 → 2, the 50th → 3, the 99th at 3.96 → 4.96
        assertEquals(1.04, p[0], 1e-12);
        assertEquals(1.4, p[9], 1e-12);
        assertEquals(2, p[24], 1e-12);
        assertEquals(3, p[49], 1e-12);
        assertEquals(4.96, p[98], 1e-12);
    }

    @Test
    void ksIsTheLargestGapBetweenTheEmpiricalDistributions() {
        // F_a − F_b: at 1: 1/3 − 0; at 2: 2/3 − 1/4; at 3: 1 − 1/2 = 1/2; at 4: 1 − 3/4; at 5: 0
        assertEquals(0.5, SpikeStatistics.ks(new double[] {3, 1, 2}, new double[] {2, 5, 3, 4}), 1e-12);
        // ties across the samples count together: F_a(1) = 1, F_b(1) = 1/2
        assertEquals(0.5, SpikeStatistics.ks(new double[] {1, 1}, new double[] {1, 2}), 1e-12);
        assertEquals(0, SpikeStatistics.ks(new double[] {1, 2}, new double[] {2, 1}), 1e-12);
    }
}
