package org.vecsnn.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.validation.Figures;

/** PNG figures drawn with XChart. */
final class Plots {
    /** Raster plots get unreadable past this many dots; beyond it only the first neurons of each group are drawn. */
    static final int MAX_DOTS = 200_000;
    /** One colour per group (Tableau 10): E and I, or the microcircuit's 8 populations, told apart. */
    static final Color[] COLORS = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
        new Color(255, 127, 14), new Color(148, 103, 189), new Color(140, 86, 75), new Color(23, 190, 207),
        new Color(227, 119, 194)};

    private Plots() {}

    /** Neurons drawn in one colour: a population, or the excitatory or inhibitory part of one. */
    record Group(String name, int size, double[] times, int[] units) {
        /** The spikes of units [from, to) of a monitor, renumbered from 0. */
        static Group of(String name, SpikeMonitor spikes, int from, int to) {
            double[] t = spikes.times();
            int[] u = spikes.units();
            int n = spikes.count(from, to);
            double[] times = new double[n];
            int[] units = new int[n];
            for (int s = 0, k = 0; s < u.length; s++) {
                if (u[s] >= from && u[s] < to) {
                    times[k] = t[s];
                    units[k++] = u[s] - from;
                }
            }
            return new Group(name, to - from, times, units);
        }
    }

    /** A raster plot (one colour per group, a legend) over the groups' rates, written one above the other. */
    static void rasterWithRates(String title, List<Group> groups, double fromMs, double toMs, double binMs, Path png)
            throws IOException {
        List<XYChart> charts = rasterCharts(title, groups, fromMs, toMs, binMs);
        Figures.stack(png, charts.toArray(XYChart[]::new));
    }

    /** The raster and the rate chart of {@link #rasterWithRates}. */
    static List<XYChart> rasterCharts(String title, List<Group> groups, double fromMs, double toMs, double binMs) {
        long dots = groups.stream().mapToLong(g -> g.times().length).sum();
        double shownFraction = Math.min(1, MAX_DOTS / (double) Math.max(dots, 1));
        String subset = shownFraction < 1 ? String.format(Locale.ROOT, " (the first %.0f %% of each group's neurons)",
                100 * shownFraction) : "";
        XYChart raster = chart(title + subset, "neuron", 520, fromMs, toMs);
        raster.getStyler().setMarkerSize(2);
        XYChart rates = chart("population rates (" + new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(
                Locale.ROOT)).format(binMs) + " ms bins)",
                "rate (Hz)", 300, fromMs, toMs);
        int offset = 0;
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            Color color = COLORS[g % COLORS.length];
            int shown = (int) Math.ceil(group.size() * shownFraction);
            List<double[]> points = new ArrayList<>();
            for (int s = 0; s < group.times().length; s++) {
                double t = group.times()[s];
                if (group.units()[s] < shown && t >= fromMs && t <= toMs) { // XChart draws points off its axis
                    points.add(new double[] {t, offset + group.units()[s]});
                }
            }
            if (points.isEmpty()) { // XChart refuses an empty series; a silent group still gets its legend entry
                points.add(new double[] {Double.NaN, Double.NaN});
            }
            XYSeries dotsOf = raster.addSeries(group.name(), points.stream().mapToDouble(p -> p[0]).toArray(),
                    points.stream().mapToDouble(p -> p[1]).toArray());
            dotsOf.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            dotsOf.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(color);
            offset += shown;
            double[][] binned = binnedRate(group, fromMs, toMs, binMs);
            XYSeries line = rates.addSeries(group.name(), binned[0], binned[1]);
            line.setMarker(SeriesMarkers.NONE).setLineColor(color);
        }
        raster.getStyler().setYAxisMin(0.0).setYAxisMax((double) Math.max(offset, 1));
        return List.of(raster, rates);
    }

    /**
     * The group's rate per bin, at the bins' centres (where a bin's rate belongs; at the bins' starts, 0, 1, 2, … ms,
     * XChart put its ticks on every 7th bin, out of step with the raster's round ones).
     */
    static double[][] binnedRate(Group group, double fromMs, double toMs, double binMs) {
        int bins = Math.max(1, (int) Math.round((toMs - fromMs) / binMs));
        double[] centres = new double[bins];
        double[] hz = new double[bins];
        for (double t : group.times()) {
            int b = (int) Math.floor((t - fromMs) / binMs + 1e-9);
            if (b >= 0 && b < bins) {
                hz[b]++;
            }
        }
        for (int b = 0; b < bins; b++) {
            centres[b] = fromMs + (b + 0.5) * binMs;
            hz[b] *= 1000 / (binMs * group.size());
        }
        return new double[][] {centres, hz};
    }

    /** The same frame for both panels (width, x range, legend beside the plot), so that their time axes line up. */
    private static XYChart chart(String title, String yAxis, int height, double fromMs, double toMs) {
        XYChart chart = new XYChartBuilder().width(1100).height(height).title(title).xAxisTitle("t (ms)")
                .yAxisTitle(yAxis).build();
        XYStyler style = chart.getStyler();
        style.setChartBackgroundColor(Color.WHITE);
        style.setLegendPosition(Styler.LegendPosition.OutsideE);
        style.setXAxisMin(fromMs).setXAxisMax(toMs);
        style.setYAxisMin(0.0);
        style.setXAxisDecimalPattern("0");
        return chart;
    }
}
