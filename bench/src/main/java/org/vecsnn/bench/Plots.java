package org.vecsnn.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vecsnn.core.monitor.RateMonitor;
import org.vecsnn.core.monitor.SpikeMonitor;

/** PNG figures drawn with XChart. */
final class Plots {
    /** Raster plots get unreadable past this many dots; beyond it only the first neurons are drawn. */
    private static final int MAX_DOTS = 200_000;

    private Plots() {}

    /** A raster plot over the population rate, one above the other. */
    static void rasterWithRate(String title, SpikeMonitor spikes, RateMonitor rate, double durationMs, Path png)
            throws IOException {
        double[] t = spikes.times();
        int[] units = spikes.units();
        int maxUnit = 0;
        for (int u : units) {
            maxUnit = Math.max(maxUnit, u + 1);
        }
        int shown = units.length <= MAX_DOTS ? maxUnit
                : (int) Math.max(1, (long) maxUnit * MAX_DOTS / units.length);
        int n = 0;
        for (int u : units) {
            if (u < shown) {
                n++;
            }
        }
        double[] x = new double[Math.max(n, 1)];
        double[] y = new double[Math.max(n, 1)];
        for (int s = 0, k = 0; s < units.length; s++) {
            if (units[s] < shown) {
                x[k] = t[s];
                y[k++] = units[s];
            }
        }
        XYChart raster = new XYChartBuilder().width(1000).height(520)
                .title(title + (shown < maxUnit ? " (first " + shown + " neurons)" : "")).xAxisTitle("t (ms)")
                .yAxisTitle("neuron").build();
        XYStyler style = raster.getStyler();
        style.setLegendVisible(false);
        style.setMarkerSize(2);
        style.setChartBackgroundColor(Color.WHITE);
        style.setXAxisMin(0.0).setXAxisMax(durationMs).setYAxisMin(0.0).setYAxisMax((double) shown);
        XYSeries dots = raster.addSeries("spikes", x, y);
        dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        dots.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(new Color(20, 40, 120));

        XYChart rates = new XYChartBuilder().width(1000).height(260).title("population rate (1 ms bins)")
                .xAxisTitle("t (ms)").yAxisTitle("rate (Hz)").build();
        style = rates.getStyler();
        style.setLegendVisible(false);
        style.setChartBackgroundColor(Color.WHITE);
        style.setXAxisMin(0.0).setXAxisMax(durationMs).setYAxisMin(0.0);
        style.setXAxisTickMarkSpacingHint(90);
        double[] rt = rate.times();
        XYSeries line = rates.addSeries("rate", rt.length == 0 ? new double[] {0} : rt,
                rt.length == 0 ? new double[] {0} : rate.ratesHz());
        line.setMarker(SeriesMarkers.NONE).setLineColor(new Color(180, 30, 30));
        BufferedImage top = BitmapEncoder.getBufferedImage(raster);
        BufferedImage bottom = BitmapEncoder.getBufferedImage(rates);
        BufferedImage both = new BufferedImage(top.getWidth(), top.getHeight() + bottom.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.drawImage(top, 0, 0, null);
        g.drawImage(bottom, 0, top.getHeight(), null);
        g.dispose();
        ImageIO.write(both, "png", png.toFile());
    }
}
