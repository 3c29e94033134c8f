package org.vecsnn.validation;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vecsnn.core.neuron.Lif;

/** The report's PNG figures, drawn with XChart. */
final class Figures {
    private Figures() {}

    static String fileName(int index, ValidationCase c) {
        String slug = (c.name() + " " + c.method()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        return String.format(Locale.ROOT, "case-%02d-%s.png", index + 1, slug);
    }

    static void write(ValidationReport.Result r, Path out) throws IOException {
        try (var old = java.nio.file.Files.newDirectoryStream(out, "case-*.png")) { // figures of an earlier run
            for (Path file : old) {
                java.nio.file.Files.delete(file);
            }
        }
        for (int k = 0; k < r.cases().size(); k++) {
            ValidationCase c = r.cases().get(k);
            Comparison cmp = r.figures().get(k);
            boolean spikes = !c.relative();
            XYChart chart = new XYChartBuilder().width(900).height(420).title(c.name() + " (" + c.method()
                    + ", dt = 0.1 ms)").xAxisTitle(spikes ? "input R·I (mV)" : "t (ms)")
                    .yAxisTitle(spikes ? "spike time (ms)" : "value").build();
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            XYSeries ref = chart.addSeries(spikes ? "analytic crossing" : "reference", cmp.t(), cmp.reference());
            ref.setMarker(spikes ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE).setLineColor(new Color(150, 150, 150));
            ref.setLineWidth(4f);
            XYSeries sim = chart.addSeries(spikes ? "simulated label" : "simulated", cmp.t(), cmp.simulated());
            sim.setMarker(spikes ? SeriesMarkers.CROSS : SeriesMarkers.NONE).setLineColor(new Color(200, 30, 30));
            if (spikes) {
                ref.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                sim.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
            BitmapEncoder.saveBitmap(chart, out.resolve(fileName(k, c)).toString(), BitmapEncoder.BitmapFormat.PNG);
        }
        convergence(r, out);
        fiCurve(out);
    }

    private static void convergence(ValidationReport.Result r, Path out) throws IOException {
        XYChart chart = new XYChartBuilder().width(1000).height(650).title("error against dt (log-log)")
                .xAxisTitle("dt (ms)").yAxisTitle("max error / peak").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        for (ValidationReport.Convergence c : r.convergence()) {
            double[] errors = c.errors().clone();
            for (int k = 0; k < errors.length; k++) {
                errors[k] = Math.max(errors[k], 1e-9); // log axes: an exact zero sits at the floor
            }
            chart.addSeries(c.c().name() + " [" + c.c().method() + "]", c.dts(), errors);
        }
        double[] dts = Cases.CONVERGENCE;
        double[] first = new double[dts.length];
        for (int k = 0; k < dts.length; k++) {
            first[k] = 0.05 * dts[k];
        }
        XYSeries slope = chart.addSeries("slope 1", dts, first);
        slope.setMarker(SeriesMarkers.NONE).setLineColor(Color.BLACK);
        BitmapEncoder.saveBitmap(chart, out.resolve("convergence.png").toString(), BitmapEncoder.BitmapFormat.PNG);
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
                .xAxisTitle("R·I (mV)").yAxisTitle("rate (Hz)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        XYSeries a = chart.addSeries("analytic 1/(t_ref + tau ln(...))", current, analytic);
        a.setMarker(SeriesMarkers.NONE).setLineColor(new Color(150, 150, 150));
        a.setLineWidth(4f);
        XYSeries s = chart.addSeries("simulated, dt = 0.1 ms", current, simulated);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(new Color(200, 30, 30));
        BitmapEncoder.saveBitmap(chart, out.resolve("f-I.png").toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
