package org.vecsnn.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.Projection;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.monitor.WeightHistogramMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.core.synapse.VoltageJump;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.plasticity.PairStdp;
import org.vecsnn.models.plasticity.Pairing;
import org.vecsnn.validation.Figures;

/**
 * Long-term plasticity: the window of {@link PairStdp} (simulated pairs against the closed form), and the final
 * weight histogram of Song, Miller &amp; Abbott (2000), as {@code stdp_window} and {@code song_weights} (CSV, PNG).
 */
final class PlasticityExamples {
    /** The window's step and rule: the parameters of StdpWindowTest, additive, all-to-all. */
    static final double WINDOW_DT = 0.1;
    static final PairStdp WINDOW_RULE = PairStdp.additive(0.01, 0.012, 16.8, 33.7, 1, Pairing.ALL_TO_ALL);
    static final double W0 = 0.5;
    /** Song et al.: Brian2's examples/synapses/STDP.py (as SongMillerAbbottTest). */
    static final double SONG_DT = 0.1;
    static final double G_MAX = 0.01;
    static final int SONG_BINS = 20;
    static final double SONG_SECONDS = 500;
    private static final Color REFERENCE = new Color(120, 170, 230);
    private static final Color SIMULATED = new Color(170, 20, 20);

    private PlasticityExamples() {}

    static void write(Path out) throws IOException {
        stdpWindow(out);
        songWeights(out, SONG_SECONDS);
    }

    /** Δw of the pair rule for Δt = t_post − t_pre (ms), w at w0 before the pair. */
    static double closedForm(PairStdp r, double deltaT) {
        return deltaT >= 0 ? r.aPlus() * Math.pow(r.wMax() - W0, r.muPlus()) * Math.exp(-deltaT / r.tauPlus())
                : -r.aMinus() * Math.pow(W0, r.muMinus()) * Math.exp(deltaT / r.tauMinus());
    }

    /**
     * 201 synapses, each with one presynaptic spike at 110 ms and one postsynaptic spike at 110 + Δt ms, Δt = −100 …
     * 100 ms: the postsynaptic neuron (deaf to the plastic synapse, R = 1e-30) is made to spike by a 100 mV jump.
     * Returns {Δt (ms), Δw simulated, Δw closed form}.
     */
    static double[][] simulateWindow() {
        int pairs = 201;
        double centre = 110;
        int[] units = new int[pairs];
        double[] preTimes = new double[pairs];
        double[] kickTimes = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            units[i] = i;
            preTimes[i] = centre;
            kickTimes[i] = centre + (i - 100) - WINDOW_DT; // the jump acts one step later
        }
        Network net = new Network(WINDOW_DT, KernelProvider.get());
        SpikeTimesSource pre = net.add(new SpikeTimesSource("pre", pairs, units, preTimes));
        SpikeTimesSource kick = net.add(new SpikeTimesSource("kick", pairs, units, kickTimes));
        NeuronPopulation post = net.addNeurons("post", pairs, Lif.defaults().withR(1e-30));
        net.connect(kick, new VoltageJump(post, "kick", false)).connector(Connectors.oneToOne()).weight(100)
                .delaySteps(1).build();
        Projection plastic = net.connect(pre, new org.vecsnn.models.synapse.ExponentialReceptor(post, "e", 5,
                SynapticOutput.current())).connector(Connectors.oneToOne()).weight(W0).delaySteps(1)
                .plasticity(WINDOW_RULE).name("plastic").build();
        SpikeMonitor postSpikes = net.addMonitor(new SpikeMonitor(post));
        net.run(centre + 101, ProgressListener.SILENT);
        if (postSpikes.count() != pairs) {
            throw new IllegalStateException(postSpikes.count() + " postsynaptic spikes: expected one per pair");
        }
        double[][] window = new double[3][pairs];
        float[] w = plastic.csr().weights();
        for (int i = 0; i < pairs; i++) {
            window[0][i] = i - 100;
            window[1][i] = w[i] - W0;
            window[2][i] = closedForm(WINDOW_RULE, i - 100);
        }
        return window;
    }

    static XYChart windowChart(double[][] window) {
        PairStdp r = WINDOW_RULE;
        XYChart chart = new XYChartBuilder().width(1100).height(500)
                .title(String.format(Locale.ROOT, "PairStdp window, additive (mu = %s), all-to-all: A+ = %s, A- = %s,"
                        + " tau+ = %s ms, tau- = %s ms, w0 = %s, wMax = %s; dt = %s ms", r.muPlus(), r.aPlus(),
                        r.aMinus(), r.tauPlus(), r.tauMinus(), W0, r.wMax(), WINDOW_DT))
                .xAxisTitle("Delta t = t_post - t_pre (ms)").yAxisTitle("Delta w / wMax (1)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(12f));
        chart.getStyler().setXAxisMin(-100.0).setXAxisMax(100.0);
        // the closed form, finely sampled, as two branches (the window jumps at Δt = 0)
        int n = 1000;
        double[] depT = new double[n + 1];
        double[] depW = new double[n + 1];
        double[] potT = new double[n + 1];
        double[] potW = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            depT[k] = -100 + 100.0 * k / n - (k == n ? 1e-9 : 0);
            depW[k] = closedForm(r, depT[k]) / r.wMax();
            potT[k] = 100.0 * k / n;
            potW[k] = closedForm(r, potT[k]) / r.wMax();
        }
        XYSeries dep = chart.addSeries("closed form, Delta t < 0: -A- exp(Delta t / tau-)", depT, depW);
        XYSeries pot = chart.addSeries("closed form, Delta t >= 0: A+ exp(-Delta t / tau+)", potT, potW);
        for (XYSeries line : new XYSeries[] {dep, pot}) {
            line.setMarker(SeriesMarkers.NONE).setLineColor(REFERENCE).setLineWidth(6f);
        }
        double[] scaled = Arrays.stream(window[1]).map(d -> d / r.wMax()).toArray();
        XYSeries points = chart.addSeries("simulated pairs (one synapse each, 1 ms apart)", window[0], scaled);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(SIMULATED);
        chart.getStyler().setMarkerSize(5);
        return chart;
    }

    static void stdpWindow(Path out) throws IOException {
        double[][] window = simulateWindow();
        double worst = 0;
        for (int i = 0; i < window[0].length; i++) {
            worst = Math.max(worst, Math.abs(window[1][i] - window[2][i]));
        }
        Path csv = out.resolve("stdp_window.csv");
        try (Writer w = Files.newBufferedWriter(csv)) {
            w.write("dt_ms,dw_simulated,dw_closed_form\n");
            for (int i = 0; i < window[0].length; i++) {
                w.write(String.format(Locale.ROOT, "%.0f,%s,%s%n", window[0][i], window[1][i], window[2][i]));
            }
        }
        Path png = out.resolve("stdp_window.png");
        Figures.stack(png, windowChart(window));
        System.out.printf(Locale.ROOT, "%-18s %s, %s (largest |simulated - closed form| %.2g)%n", "stdp_window", csv,
                png, worst);
    }

    /** The network and its recording of Song et al.'s weights. */
    record Song(Network net, WeightHistogramMonitor histogram, SpikeMonitor output) {}

    /**
     * 1000 Poisson inputs at 15 Hz onto one LIF (τ 10 ms, E_L −74, V_th −54, V_reset −60 mV, Euler) through
     * conductance synapses (τ 5 ms, E 0 mV), additive all-to-all STDP ({@code songMillerAbbott(g_max)}), weights
     * uniform in [0, g_max] at the start; the weights' histogram at 0 and every {@code intervalMs}.
     */
    static Song song(double intervalMs) {
        Network net = new Network(SONG_DT, KernelProvider.get()).seed(2000);
        PoissonSource input = net.add(new PoissonSource("input", 1000, 15, 1));
        NeuronPopulation neuron = net.addNeurons("neuron", 1, new Lif(-74, -60, -54, 10, 1, 0, Integrator.EULER));
        neuron.set("V", i -> -74);
        var ge = new org.vecsnn.models.synapse.ExponentialReceptor(neuron, "ge", 5, SynapticOutput.conductance(0));
        Projection synapses = net.connect(input, ge).connector(Connectors.allToAll(true))
                .weights(rng -> rng.nextDouble() * G_MAX).plasticity(PairStdp.songMillerAbbott(G_MAX)).name("stdp")
                .build();
        WeightHistogramMonitor histogram = net.addMonitor(new WeightHistogramMonitor(synapses, intervalMs,
                SONG_BINS, G_MAX));
        return new Song(net, histogram, net.addMonitor(new SpikeMonitor(neuron)));
    }

    /** The histogram at the start (dashed) and after the run (filled), as steps over the bins. */
    static XYChart songChart(WeightHistogramMonitor h, double seconds, double outputHz) {
        XYChart chart = new XYChartBuilder().width(1100).height(500)
                .title(String.format(Locale.ROOT, "Song, Miller & Abbott (2000), %.0f s simulated: 1000 Poisson inputs"
                        + " at 15 Hz onto one LIF, additive STDP (A-/A+ = 1.05); dt = %s ms, Euler", seconds, SONG_DT))
                .xAxisTitle("w / g_max (1)").yAxisTitle("synapses per bin (count)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(12f));
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0);
        chart.getStyler().setYAxisMin(0.0);
        double[] edges = Arrays.stream(h.binEdges()).map(e -> e / h.wMax()).toArray();
        int last = h.sampleCount() - 1;
        XYSeries start = steps(chart, String.format(Locale.ROOT, "at 0 s (uniform in [0, g_max])"), edges,
                h.counts(0));
        start.setLineColor(Color.GRAY).setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
        XYSeries end = steps(chart, String.format(Locale.ROOT, "after %.0f s (%d bins; output rate %.1f Hz)", seconds,
                h.bins(), outputHz), edges, h.counts(last));
        end.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        end.setLineColor(SIMULATED).setFillColor(new Color(170, 20, 20, 90));
        return chart;
    }

    private static XYSeries steps(XYChart chart, String name, double[] edges, int[] counts) {
        double[] x = new double[2 * counts.length];
        double[] y = new double[2 * counts.length];
        for (int b = 0; b < counts.length; b++) {
            x[2 * b] = edges[b];
            x[2 * b + 1] = edges[b + 1];
            y[2 * b] = counts[b];
            y[2 * b + 1] = counts[b];
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    static void songWeights(Path out, double seconds) throws IOException {
        double intervalMs = seconds * 1000 / 10;
        Song song = song(intervalMs);
        long steps = Math.round(seconds * 1000 / SONG_DT);
        song.net().runSteps(steps + 1, ProgressListener.SILENT); // + 1: the sample at the end
        double outputHz = song.output().count() / seconds;
        Path csv = out.resolve("song_weights.csv");
        song.histogram().writeCsv(csv);
        Path png = out.resolve("song_weights.png");
        Figures.stack(png, songChart(song.histogram(), seconds, outputHz));
        System.out.printf(Locale.ROOT, "%-18s %s, %s (%.0f s simulated, output %.1f Hz)%n", "song_weights", csv, png,
                seconds, outputHz);
    }
}
