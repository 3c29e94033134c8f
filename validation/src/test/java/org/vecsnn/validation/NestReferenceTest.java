package org.vecsnn.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference's CSV: values rounded as it writes them, and this simulator's rows read back in its format. */
class NestReferenceTest {
    @Test
    void valuesAreComparedAsTheReferenceWritesThem() {
        assertArrayEquals(new double[] {0.333333, 1.33333, 0.00263253, 0},
                NestReference.asWritten(new double[] {1 / 3.0, 4 / 3.0, 0.002632531234, 0}), 0);
        // 40 % silent, the rest at 1/3 Hz: NEST's row (written 0.333333) and the exact values are at distance 0
        double[] rates = new double[100];
        java.util.Arrays.fill(rates, 40, 100, 1 / 3.0);
        // the k-th percentile at position 0.99·k: p01 … p39 are 0, p40 (39.6) is 0.6/3, p41 (40.59) on are 1/3
        double[] written = new double[99];
        written[39] = 0.2;
        java.util.Arrays.fill(written, 40, 99, 0.333333);
        assertEquals(0, SpikeStatistics.ks(NestReference.asWritten(SpikeStatistics.percentiles(rates)), written));
        assertEquals(59 / 99.0, SpikeStatistics.ks(SpikeStatistics.percentiles(rates), written), 1e-12);
    }

    @Test
    void rowsInTheReferencesFormatReadBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("runs.csv");
        double[] a = {1, 2, 3, 4, 5};
        Files.writeString(file, MicrocircuitVerification.statistics(List.of()) + NestReference.format("cv", "L4E", 1, a)
                + NestReference.format("cv", "L4E", 2, new double[] {7}));
        List<NestReference.Row> rows = NestReference.read(file).of("cv", "L4E");
        assertEquals(2, rows.size());
        assertEquals(1, rows.get(0).seed());
        assertEquals(5, rows.get(0).n());
        assertEquals(3, rows.get(0).mean());
        assertArrayEquals(SpikeStatistics.percentiles(a), rows.get(0).percentiles(), 1e-12);
        assertEquals(7, rows.get(1).percentiles()[98]);
    }
}
