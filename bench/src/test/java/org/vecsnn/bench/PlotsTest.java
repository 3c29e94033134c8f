package org.vecsnn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.vecsnn.networks.Microcircuit;

/** Raster plots tell their groups apart and keep regular time ticks; the reduced microcircuit says what to expect. */
class PlotsTest {
    private static Plots.Group group(String name, int size, double... times) {
        int[] units = new int[times.length];
        for (int k = 0; k < units.length; k++) {
            units[k] = k % size;
        }
        return new Plots.Group(name, size, times, units);
    }

    @Test
    void eachGroupHasItsOwnColourAndLegendEntryInBothPanels() {
        List<XYChart> charts = Plots.rasterCharts("test", List.of(group("E (8)", 8, 1, 2, 30),
                group("I (2)", 2, 5, 99.5)), 0, 100, 1);
        assertEquals(2, charts.size());
        for (XYChart chart : charts) {
            List<XYSeries> series = new ArrayList<>(chart.getSeriesCollection());
            assertEquals(List.of("E (8)", "I (2)"), series.stream().map(XYSeries::getName).toList());
            assertTrue(chart.getStyler().isLegendVisible());
            assertEquals(Styler.LegendPosition.OutsideE, chart.getStyler().getLegendPosition());
            assertEquals("t (ms)", chart.getXAxisTitle());
        }
        List<XYSeries> dots = new ArrayList<>(charts.get(0).getSeriesCollection());
        assertNotEquals(dots.get(0).getMarkerColor(), dots.get(1).getMarkerColor());
        List<XYSeries> lines = new ArrayList<>(charts.get(1).getSeriesCollection());
        assertEquals(dots.get(0).getMarkerColor(), lines.get(0).getLineColor());
        assertEquals(dots.get(1).getMarkerColor(), lines.get(1).getLineColor());
        assertEquals("rate (Hz)", charts.get(1).getYAxisTitle());
    }

    @Test
    void ratesSitAtBinCentresSoThatTheTimeTicksAreRound() {
        double[][] binned = Plots.binnedRate(group("E", 4, 0.0, 0.5, 2.2, 2.9), 0, 4, 1);
        assertEquals(List.of(0.5, 1.5, 2.5, 3.5), java.util.Arrays.stream(binned[0]).boxed().toList());
        assertEquals(List.of(500.0, 0.0, 500.0, 0.0), java.util.Arrays.stream(binned[1]).boxed().toList());
    }

    @Test
    void spikesOutsideTheShownWindowAreNotDrawn() {
        List<XYChart> charts = Plots.rasterCharts("test", List.of(group("E", 4, 50, 150, 250)), 100, 200, 5);
        XYSeries dots = charts.get(0).getSeriesCollection().iterator().next();
        assertEquals(1, dots.getXData().length);
        assertEquals(150.0, dots.getXData()[0]);
    }

    @Test
    void theReducedMicrocircuitWritesARasterAndSaysItsRatesAreNotTheFullScaleOnes(@TempDir Path out)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            RunMicrocircuit.run(0.01, Microcircuit.Drive.DC, 1, 0.1, 50, 20, 1, out);
        } finally {
            System.setOut(stdout);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("not expected"), text);
        assertTrue(Files.readString(out.resolve("microcircuit-rates.md")).startsWith("Scale 0.01 < 1"));
        assertTrue(Files.size(out.resolve("microcircuit-raster.png")) > 10_000);
        assertTrue(RunMicrocircuit.reducedScaleCaveat(0.1).contains("published full-scale"));
    }
}
