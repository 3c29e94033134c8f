package org.vecsnn.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.connect.Csr;
import org.vecsnn.core.monitor.RateMonitor;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.models.plasticity.InhibitoryStdp;
import org.vecsnn.networks.Vogels2011;
import org.vecsnn.validation.Figures;

/**
 * Vogels et al. (2011)'s network ({@link Vogels2011}) here and in Brian2 (its example, {@code bench/brian2/stdp.py
 * vogels}): the excitatory rate per second as inhibitory plasticity brings it down toward ρ₀, and where it settles.
 * The rule's fixed point is ρ₀ only for spikes uncorrelated between its two sides; {@link #meeting} measures the
 * correlations the rule sees and the rate they make its fixed point.
 */
final class VogelsComparison {
    /** The last fraction of the run whose mean rate is the settled one. */
    static final double SETTLED = 0.2;

    private VogelsComparison() {}

    /** One simulator's run: the excitatory rate in each second, the mean plastic weight (nS) at the end. */
    record Run(String simulator, double[] ratesPerSecond, double meanWeight, double runSeconds, long plasticEvents) {
        double settledRate() {
            int from = (int) Math.floor(ratesPerSecond.length * (1 - SETTLED));
            return Arrays.stream(ratesPerSecond, from, ratesPerSecond.length).average().orElseThrow();
        }
    }

    /**
     * What the inhibitory rule sees in a window of spikes: the mean rates of its pre- (I) and postsynaptic (E)
     * neurons, and the excess of each trace it reads over what uncorrelated spikes of the same rates would give
     * ({@code c₋}: x_post read at presynaptic spikes, {@code c₊}: x_pre read at postsynaptic spikes, each divided
     * by its neuron's rate·τ, less 1). The rule's mean drift, ρ_pre·(ρ_post·τ·(2 + c₋ + c₊) − α), vanishes at
     * {@code ρ_post = ρ₀·2/(2 + c₋ + c₊)}.
     */
    record Meeting(double ratePre, double ratePost, double cMinus, double cPlus) {
        double fixedPoint(double rho0) {
            return rho0 * 2 / (2 + cMinus + cPlus);
        }
    }

    static Run ours(int seconds, long seed, List<String> notes) {
        Vogels2011 warm = Vogels2011.build(seed + 1, KernelProvider.get());
        warm.network().run(2000, ProgressListener.SILENT);
        Vogels2011 v = Vogels2011.build(seed, KernelProvider.get());
        RateMonitor rates = v.network().addMonitor(new RateMonitor(v.neurons().range(0, Vogels2011.EXCITATORY),
                1000));
        SpikeMonitor spikes = v.network().addMonitor(new SpikeMonitor(v.neurons()));
        v.network().prepare();
        long start = System.nanoTime();
        v.network().run(seconds * 1000.0, ProgressListener.SILENT);
        double wall = (System.nanoTime() - start) * 1e-9;
        float[] w = v.plastic().csr().weights();
        double mean = 0;
        for (float x : w) {
            mean += x;
        }
        InhibitoryStdp rule = Vogels2011.rule();
        long window = Math.round(seconds * SETTLED * 1000 / 0.1);
        long end = Math.round(seconds * 1000 / 0.1);
        Meeting m = meeting(spikes.steps(), spikes.units(), v.plastic().csr(), Vogels2011.EXCITATORY, end - window,
                end, 0.1, rule.tau());
        notes.add(String.format(Locale.ROOT, "What the rule saw here in the last %.0f s: rates I %.2f Hz, E %.2f Hz;"
                + " c₋ = %.3f (x_post at I spikes), c₊ = %.3f (x_pre at E spikes); the rule's fixed point for these"
                + " correlations, ρ₀·2/(2 + c₋ + c₊) = %.2f Hz (ρ₀ = %.0f Hz).", seconds * SETTLED, m.ratePre(),
                m.ratePost(), m.cMinus(), m.cPlus(), m.fixedPoint(rule.rho0()), rule.rho0()));
        return new Run("vecsnn (" + v.network().kernels().name() + ", 1 thread)", rates.ratesHz(), mean / w.length,
                wall, plasticEvents(spikes.units(), v.plastic().csr(), Vogels2011.EXCITATORY));
    }

    static Run brian2(int seconds, long seed) throws IOException, InterruptedException {
        String json = CompareWithBrian2.brian2("stdp.py", "vogels", Integer.toString(seconds), Long.toString(seed));
        return new Run(CompareWithBrian2.field(json, "simulator"), CompareWithBrian2.numbers(json, "rates_per_second"),
                CompareWithBrian2.number(json, "mean_weight"), CompareWithBrian2.number(json, "run_seconds"),
                (long) CompareWithBrian2.number(json, "plastic_events"));
    }

    /** A spike of I neuron i updates its row; a spike of E neuron j its column. */
    private static long plasticEvents(int[] units, Csr csr, int excitatory) {
        int[] inDegree = csr.inDegrees();
        long events = 0;
        for (int u : units) {
            events += u >= excitatory ? csr.rowLength(u - excitatory) : inDegree[u];
        }
        return events;
    }

    /**
     * The rule's view of the spikes of steps [from, to): {@code csr} joins presynaptic neurons {@code excitatory +
     * row} to postsynaptic neurons {@code column}; in a step presynaptic spikes are seen before postsynaptic ones, as
     * by the rule. Traces (τ ms) start from the spikes before {@code from}.
     */
    static Meeting meeting(long[] steps, int[] units, Csr csr, int excitatory, long from, long to, double dt,
                           double tau) {
        int rows = csr.rows();
        int columns = csr.columns();
        int[] preCount = new int[rows];
        int[] postCount = new int[columns];
        for (int s = 0; s < steps.length; s++) {
            if (steps[s] >= from && steps[s] < to) {
                if (units[s] >= excitatory) {
                    preCount[units[s] - excitatory]++;
                } else if (units[s] < columns) {
                    postCount[units[s]]++;
                }
            }
        }
        double seconds = (to - from) * dt / 1000;
        Csr.ColumnIndex byColumn = csr.byColumn();
        double[] xPre = new double[rows];
        long[] lastPre = new long[rows];
        double[] xPost = new double[columns];
        long[] lastPost = new long[columns];
        double decayPerStep = dt / tau;
        double minus = 0;
        double plus = 0;
        long minusEvents = 0;
        long plusEvents = 0;
        for (int s = 0; s < steps.length && steps[s] < to; ) {
            long step = steps[s];
            int end = s;
            while (end < steps.length && steps[end] == step) {
                end++;
            }
            boolean counted = step >= from;
            for (int k = s; k < end; k++) { // presynaptic first
                int row = units[k] - excitatory;
                if (row < 0) {
                    continue;
                }
                if (counted) {
                    for (int e = csr.rowStart()[row]; e < csr.rowStart()[row + 1]; e++) {
                        int j = csr.targets()[e];
                        if (postCount[j] > 0) {
                            minus += trace(xPost, lastPost, j, step, decayPerStep) / (postCount[j] / seconds * tau
                                    / 1000);
                            minusEvents++;
                        }
                    }
                }
                xPre[row] = trace(xPre, lastPre, row, step, decayPerStep) + 1;
                lastPre[row] = step;
            }
            for (int k = s; k < end; k++) {
                int j = units[k];
                if (j >= columns || j >= excitatory) {
                    continue;
                }
                if (counted) {
                    for (int c = byColumn.start()[j]; c < byColumn.start()[j + 1]; c++) {
                        int row = byColumn.rows()[c];
                        if (preCount[row] > 0) {
                            plus += trace(xPre, lastPre, row, step, decayPerStep) / (preCount[row] / seconds * tau
                                    / 1000);
                            plusEvents++;
                        }
                    }
                }
                xPost[j] = trace(xPost, lastPost, j, step, decayPerStep) + 1;
                lastPost[j] = step;
            }
            s = end;
        }
        return new Meeting(Arrays.stream(preCount).sum() / (rows * seconds),
                Arrays.stream(postCount).sum() / (columns * seconds), minus / minusEvents - 1, plus / plusEvents - 1);
    }

    private static double trace(double[] x, long[] last, int unit, long step, double decayPerStep) {
        return x[unit] * Math.exp(-(step - last[unit]) * decayPerStep);
    }

    static List<String> report(int seconds, long seed, Run ours, Run brian, List<String> notes) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Vogels et al. (2011) as Brian2's example: 8000 E + 2000 I LIF neurons,"
                + " inhibitory plasticity on I -> E (rho0 = %.0f Hz, eta = 0.01 from 1 s on), %d s biological, dt 0.1"
                + " ms, Euler, seed %d.", Vogels2011.TARGET_RATE, seconds, seed));
        lines.add("");
        lines.add(String.format(Locale.ROOT, "| simulator | E rate, last %.0f s (Hz) | mean I -> E weight (nS) |"
                + " wall s per bio s | ns per plastic event |", seconds * SETTLED));
        lines.add("|---|---|---|---|---|");
        for (Run r : List.of(ours, brian)) {
            lines.add(String.format(Locale.ROOT, "| %s | %.3f | %.4f | %.4f | %.1f |", r.simulator(),
                    r.settledRate(), r.meanWeight(), r.runSeconds() / seconds,
                    r.runSeconds() * 1e9 / r.plasticEvents()));
        }
        lines.add("");
        lines.add(String.format(Locale.ROOT, "Settled E rate %+.1f %% against Brian2's, %+.1f %% against rho0; wall"
                + " time %.3f × Brian2's.", 100 * (ours.settledRate() / brian.settledRate() - 1),
                100 * (ours.settledRate() / Vogels2011.TARGET_RATE - 1), ours.runSeconds() / brian.runSeconds()));
        lines.addAll(notes);
        return lines;
    }

    /** The excitatory rate in each second, both simulators, against ρ₀, on a log scale (it starts near 170 Hz). */
    static void figure(int seconds, Run ours, Run brian, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(1100).height(500).title(String.format(Locale.ROOT,
                "Vogels et al. (2011), Brian2's example: excitatory rate per second; inhibitory STDP from 1 s on"
                        + " (eta 0.01, rho0 %.0f Hz); dt 0.1 ms, Euler", Vogels2011.TARGET_RATE))
                .xAxisTitle("t (s)").yAxisTitle("excitatory rate (Hz)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setYAxisLogarithmic(true);
        double[] t = new double[seconds];
        for (int k = 0; k < seconds; k++) {
            t[k] = k + 0.5;
        }
        int k = 0;
        for (Run r : List.of(ours, brian)) {
            chart.addSeries(r.simulator(), t, Arrays.copyOf(r.ratesPerSecond(), seconds))
                    .setMarker(SeriesMarkers.NONE).setLineColor(Plots.COLORS[k++]);
        }
        chart.addSeries("rho0", new double[] {0, seconds}, new double[] {Vogels2011.TARGET_RATE,
                Vogels2011.TARGET_RATE}).setMarker(SeriesMarkers.NONE).setLineColor(Color.BLACK);
        Figures.stack(png, chart);
    }
}
