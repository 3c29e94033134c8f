package org.vecsnn.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The Brunel & Wang comparison's reading of Brian2's output and its phase means, on hand-written numbers. */
class CompareBrunelWangTest {
    @Test
    void brian2sRatesAreReadPerGroupAndAveragedPerPhase() {
        String json = "{\"simulator\": \"brian2\", \"rates_250ms\": [[1.0, 2.5, 3], [0.25, 1e1, 0.0]],"
                + " \"run_seconds\": 55.6}";
        double[][] rates = CompareWithBrian2.rows(json, "rates_250ms");
        assertEquals(2, rates.length);
        assertArrayEquals(new double[] {1, 2.5, 3}, rates[0]);
        assertArrayEquals(new double[] {0.25, 10, 0}, rates[1]);
        double[] bins = new double[16];
        for (int k = 0; k < 16; k++) {
            bins[k] = k;
        }
        CompareBrunelWang.Run run = new CompareBrunelWang.Run("x", new double[][] {bins}, 1);
        // phase 0: 0.5–1 s, bins 2 and 3; phase 3: 3.25–4 s, bins 13, 14, 15
        assertEquals(2.5, run.phase(0, 0));
        assertEquals(14, run.phase(0, 3));
    }
}
