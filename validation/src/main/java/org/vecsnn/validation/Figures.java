package org.vecsnn.validation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vecsnn.models.neuron.Lif;

/** The report's PNG figures, drawn with XChart; also the stacking of charts into one PNG that the bench uses. */
public final class Figures {
    /** The reference: a wide, light line (or large circles) that stays visible under the simulated one. */
    static final Color REFERENCE = new Color(120, 170, 230);
    static final float REFERENCE_WIDTH = 6f;
    /** The simulated trace: a thin dashed dark line on top, so that the reference shows through its gaps. */
    static final Color SIMULATED = new Color(170, 20, 20);
    static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {6f, 4f}, 0f);

    private Figures() {}

    static String fileName(int index, ValidationCase c) {
        String slug = (c.name() + " " + c.method()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        return String.format(Locale.ROOT, "case-%02d-%s.png", index + 1, slug);
    }

    static void write(ValidationReport.Result r, Path out) throws IOException {
        try (var old = Files.newDirectoryStream(out, "case-*.png")) { // figures of an earlier run
            for (Path file : old) {
                Files.delete(file);
            }
        }
        for (int k = 0; k < r.cases().size(); k++) {
            ValidationCase c = r.cases().get(k);
            stack(out.resolve(fileName(k, c)), caseChart(c, r.figures().get(k)));
        }
        stack(out.resolve("convergence.png"), convergenceCharts(r).toArray(XYChart[]::new));
        fiCurve(out);
    }

    /** A case's simulated series over its reference, titled with the method and the step it ran at. */
    static XYChart caseChart(ValidationCase c, ValidationReport.Figure figure) {
        boolean overTime = c.axes().isOverTime();
        XYChart chart = new XYChartBuilder().width(900).height(420)
                .title(String.format(Locale.ROOT, "%s: %s, dt = %s ms", c.name(), c.method(), figure.dt()))
                .xAxisTitle(c.axes().x()).yAxisTitle(c.axes().y()).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS); // never over the data
        Comparison cmp = figure.comparison();
        XYSeries ref = chart.addSeries(overTime ? "reference" : "reference (analytic)", cmp.t(), cmp.reference());
        XYSeries sim = chart.addSeries("simulated, " + figure.kernels() + " kernels", cmp.t(), cmp.simulated());
        if (overTime) {
            // the axis spans the whole run: on the samples' own span XChart puts a tick on every k-th sample
            // (0, 0.8, 1.6, … ms at dt = 0.04, labels running into each other)
            chart.getStyler().setXAxisMin(cmp.t()[0]).setXAxisMax(cmp.t()[cmp.t().length - 1] + figure.dt());
            ref.setMarker(SeriesMarkers.NONE).setLineColor(REFERENCE).setLineWidth(REFERENCE_WIDTH);
            sim.setMarker(SeriesMarkers.NONE).setLineColor(SIMULATED).setLineStyle(DASHED);
        } else { // points, not a curve: large circles under crosses
            ref.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            sim.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            ref.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(REFERENCE);
            sim.setMarker(SeriesMarkers.CROSS).setMarkerColor(SIMULATED);
            chart.getStyler().setMarkerSize(9);
        }
        return chart;
    }

    /**
     * Error against dt on log-log axes, one chart per error measure (relative to the peak, or absolute in a unit):
     * errors of different measures on one axis could not be compared. Legends sit beside the plot.
     */
    static List<XYChart> convergenceCharts(ValidationReport.Result r) {
        Map<String, List<ValidationReport.Convergence>> byMeasure = new LinkedHashMap<>();
        for (ValidationReport.Convergence c : r.convergence()) {
            if (DtSweep.covers(c.c())) { // in dt-sweep.png
                continue;
            }
            String measure = c.c().relative() ? "max |error| / peak of the reference (1)"
                    : "max |error| (" + c.c().unit() + ")";
            byMeasure.computeIfAbsent(measure, m -> new ArrayList<>()).add(c);
        }
        List<XYChart> charts = new ArrayList<>();
        for (Map.Entry<String, List<ValidationReport.Convergence>> group : byMeasure.entrySet()) {
            boolean relative = group.getValue().get(0).c().relative();
            XYChart chart = new XYChartBuilder().width(1500).height(200 + 26 * group.getValue().size())
                    .title("error against dt (log-log): cases measured " + (relative ? "relative to their peak"
                            : "in " + group.getValue().get(0).c().unit()))
                    .xAxisTitle("dt (ms)").yAxisTitle(group.getKey()).build();
            XYStyler styler = chart.getStyler();
            styler.setXAxisLogarithmic(true).setYAxisLogarithmic(true);
            styler.setChartBackgroundColor(Color.WHITE);
            styler.setLegendPosition(Styler.LegendPosition.OutsideE);
            styler.setLegendFont(styler.getLegendFont().deriveFont(11f));
            double[] perDt = new double[group.getValue().size()]; // anchors the slope-1 guide among the curves
            for (int i = 0; i < perDt.length; i++) {
                ValidationReport.Convergence c = group.getValue().get(i);
                double[] errors = c.errors().clone();
                for (int k = 0; k < errors.length; k++) {
                    errors[k] = Math.max(errors[k], 1e-9); // log axes: an exact zero sits at the floor
                }
                chart.addSeries(c.c().name() + " [" + c.c().method() + "]", c.dts(), errors);
                perDt[i] = errors[0] / c.dts()[0];
            }
            Arrays.sort(perDt);
            // whole decades, so that the dt axis carries at least two labels (0.0125 … 0.2 ms has one inside)
            double smallest = group.getValue().stream().mapToDouble(c -> Arrays.stream(c.dts()).min().orElseThrow())
                    .min().orElseThrow();
            styler.setXAxisMin(Math.pow(10, Math.floor(Math.log10(smallest)))).setXAxisMax(1.0);
            double[] dts = Cases.CONVERGENCE;
            double[] guide = Arrays.stream(dts).map(dt -> perDt[perDt.length / 2] * dt).toArray();
            XYSeries slope = chart.addSeries("slope 1 (first order)", dts, guide);
            slope.setMarker(SeriesMarkers.NONE).setLineColor(Color.BLACK).setLineStyle(DASHED);
            charts.add(chart);
        }
        return charts;
    }

    /** The charts one above the other in one PNG (null entries are skipped), as wide as the widest; or one chart. */
    public static void stack(Path png, XYChart... charts) throws IOException {
        List<BufferedImage> images = Arrays.stream(charts).filter(Objects::nonNull)
                .map(BitmapEncoder::getBufferedImage).toList();
        int width = images.stream().mapToInt(BufferedImage::getWidth).max().orElseThrow();
        int height = images.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage all = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int y = 0;
        for (BufferedImage image : images) {
            g.drawImage(image, 0, y, null);
            y += image.getHeight();
        }
        g.dispose();
        ImageIO.write(all, "png", png.toFile());
    }

    /** The LIF f-I curve, simulated (exponential Euler, dt = 0.1 ms) against the analytic rate. */
    private static void fiCurve(Path out) throws IOException {
        int n = 40;
        double[] current = new double[n];
        double[] simulated = new double[n];
        double[] analytic = new double[n];
        for (int k = 0; k < n; k++) {
            current[k] = 20.5 + k * 2;
            double period = Analytic.lifPeriod(0, -5, 20, 10, 1, 2, current[k]);
            analytic[k] = 1000 / period;
            simulated[k] = LifRate.measure(new Lif(0, -5, 20, 10, 1, 2,
                    org.vecsnn.core.neuron.Integrator.EXPONENTIAL_EULER), current[k], 0.1);
        }
        XYChart chart = new XYChartBuilder().width(900).height(500).title("LIF f-I curve (t_ref 2 ms, tau 10 ms)")
                .xAxisTitle("input R·I (mV)").yAxisTitle("firing rate (Hz)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        XYSeries a = chart.addSeries("analytic 1/(t_ref + tau ln(...))", current, analytic);
        a.setMarker(SeriesMarkers.NONE).setLineColor(REFERENCE).setLineWidth(REFERENCE_WIDTH);
        XYSeries s = chart.addSeries("simulated, EXPONENTIAL_EULER, dt = 0.1 ms", current, simulated);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(SIMULATED);
        stack(out.resolve("f-I.png"), chart);
    }
}
