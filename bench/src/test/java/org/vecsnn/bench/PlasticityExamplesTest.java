package org.vecsnn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/**
 * The plasticity figures of {@code ./snn examples}: the STDP window's simulated pairs lie on the closed form, the Song
 * et al. histogram counts every synapse and has split toward the bounds, and both PNGs are written at their size
 * with axes that name a quantity and a unit and titles that say what ran.
 */
class PlasticityExamplesTest {
    private static void axesNameUnits(XYChart chart) {
        for (String axis : List.of(chart.getXAxisTitle(), chart.getYAxisTitle())) {
            assertTrue(axis.matches(".+ \\([^()]+\\)"), "'" + axis + "' names no unit");
        }
    }

    private static void isPng(Path png, int width, int height) throws IOException {
        assertTrue(Files.isRegularFile(png), png + " is missing");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(width, image.getWidth(), png.toString());
        assertEquals(height, image.getHeight(), png.toString());
        assertTrue(Files.size(png) > 10_000, png + ": " + Files.size(png) + " bytes");
    }

    @Test
    void theWindowsPairsLieOnTheClosedFormAndItsFigureSaysWhatRan(@TempDir Path out) throws IOException {
        double[][] window = PlasticityExamples.simulateWindow();
        assertEquals(201, window[0].length);
        assertEquals(-100, window[0][0]);
        assertEquals(100, window[0][200]);
        for (int i = 0; i < 201; i++) {
            double dt = i - 100;
            // the closed form written out here: A+ = 0.01, A- = 0.012, tau+ = 16.8, tau- = 33.7 ms
            double expected = dt >= 0 ? 0.01 * Math.exp(-dt / 16.8) : -0.012 * Math.exp(dt / 33.7);
            assertEquals(expected, window[2][i], 1e-15, "closed form at " + dt + " ms");
            // the simulated weight w0 + Δw is a float: within one ulp of it
            assertEquals(expected, window[1][i], Math.ulp((float) (PlasticityExamples.W0 + expected)),
                    "simulated at " + dt + " ms");
        }
        XYChart chart = PlasticityExamples.windowChart(window);
        axesNameUnits(chart);
        assertTrue(chart.getXAxisTitle().endsWith("(ms)"), chart.getXAxisTitle());
        String title = chart.getTitle();
        for (String part : List.of("dt = 0.1 ms", "A+ = 0.01", "A- = 0.012", "tau+ = 16.8 ms", "tau- = 33.7 ms",
                "all-to-all", "w0 = 0.5")) {
            assertTrue(title.contains(part), title + ": no " + part);
        }
        PlasticityExamples.stdpWindow(out);
        isPng(out.resolve("stdp_window.png"), 1100, 500);
        assertEquals(202, Files.readAllLines(out.resolve("stdp_window.csv")).size());
    }

    @Test
    void songsWeightsSplitTowardTheBoundsAndTheFigureStatesTheSimulatedTime(@TempDir Path out) throws IOException {
        PlasticityExamples.songWeights(out, PlasticityExamples.SONG_SECONDS);
        isPng(out.resolve("song_weights.png"), 1100, 500);
        List<String> rows = Files.readAllLines(out.resolve("song_weights.csv"));
        assertEquals(12, rows.size(), "a header and samples at 0, 1/10, …, 10/10 of the run");
        String[] last = rows.get(11).split(",");
        assertEquals(PlasticityExamples.SONG_SECONDS * 1000, Double.parseDouble(last[0]), 1e-6);
        int[] counts = new int[PlasticityExamples.SONG_BINS];
        int sum = 0;
        for (int b = 0; b < counts.length; b++) {
            counts[b] = Integer.parseInt(last[b + 1]);
            sum += counts[b];
        }
        assertEquals("0", last[counts.length + 1], "no weight outside [0, g_max]");
        assertEquals(1000, sum, "every synapse counted");
        // bimodal: the outer tenths hold more than the middle fifth, which uniform weights would hold equally
        int outer = counts[0] + counts[1] + counts[18] + counts[19];
        int middle = counts[8] + counts[9] + counts[10] + counts[11];
        assertTrue(outer > 3 * middle, java.util.Arrays.toString(counts));
        PlasticityExamples.Song song = PlasticityExamples.song(1000);
        song.net().runSteps(1, org.vecsnn.core.ProgressListener.SILENT);
        XYChart chart = PlasticityExamples.songChart(song.histogram(), 500, 21);
        axesNameUnits(chart);
        assertTrue(chart.getTitle().contains("500 s simulated"), chart.getTitle());
        assertTrue(chart.getTitle().contains("dt = 0.1 ms"), chart.getTitle());
    }
}
