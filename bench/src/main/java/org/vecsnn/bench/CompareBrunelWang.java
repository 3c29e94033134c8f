package org.vecsnn.bench;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.Range;
import org.vecsnn.core.monitor.RateMonitor;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.BrunelWang2001;
import org.vecsnn.validation.Figures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Brunel &amp; Wang (2001) ({@link BrunelWang2001}, NMDA, AMPA and GABA_A synapses) here and in Brian2 (its
 * example, {@code bench/brian2/brunel_wang.py}, C++ standalone): each group's rate in the four phases of the run
 * (before the stimuli, after stimulus 1, after stimulus 2, after the reset), wall seconds per biological second, and a
 * figure of the rates over time.
 */
@Command(name = "compare-brunel-wang",
        description = "Runs Brunel & Wang (2001), NMDA/AMPA/GABA_A, side by side with Brian2's C++ standalone mode"
                + " (needs apt-get install python3-brian; exits 3 without it).")
final class CompareBrunelWang implements Callable<Integer> {
    /** The rate bins (ms), as Brian2's side reports them. */
    static final double BIN = 250;
    /** The phases compared: from … to (s), each ending where the next stimulus starts. */
    static final double[][] PHASES = {{0.5, 1}, {1.25, 2}, {2.25, 3}, {3.25, 4}};
    static final List<String> PHASE_NAMES = List.of("before (0.5-1 s)", "after stimulus 1 (1.25-2 s)",
            "after stimulus 2 (2.25-3 s)", "after the reset (3.25-4 s)");

    @Option(names = "--seed", paramLabel = "SEED", description = "seed of both runs (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--nmda-from-strings", description = "NMDA as Brian2's example writes it, compiled as a kinetic"
            + " synapse from its strings (KineticEquations), instead of the built-in scheme")
    boolean nmdaFromStrings;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("out", "compare-brunel-wang");

    /** One simulator's run: each group's rate (Hz) per bin, and its wall time for the 4 s. */
    record Run(String simulator, double[][] rates, double runSeconds) {
        /** Group g's mean rate over the bins of phase p. */
        double phase(int g, int p) {
            int from = (int) Math.round(PHASES[p][0] * 1000 / BIN);
            int to = (int) Math.round(PHASES[p][1] * 1000 / BIN);
            return Arrays.stream(rates[g], from, to).average().orElseThrow();
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!CompareWithBrian2.brian2Available()) {
            System.err.println("Brian2 is not installed: apt-get install python3-brian");
            return CompareWithBrian2.NO_BRIAN2;
        }
        Run ours = ours(seed, nmdaFromStrings);
        Run brian = brian2(seed);
        List<String> lines = report(ours, brian);
        Files.createDirectories(out);
        Files.write(out.resolve("compare-brunel-wang.md"), lines);
        figure(ours, brian, out.resolve("compare-brunel-wang.png"));
        lines.forEach(System.out::println);
        System.out.println("\nwrote " + out.resolve("compare-brunel-wang.md") + " and compare-brunel-wang.png");
        return Cli.OK;
    }

    static Run ours(long seed, boolean nmdaFromStrings) {
        BrunelWang2001 warm = build(seed + 1, nmdaFromStrings);
        warm.network().run(1000, ProgressListener.SILENT);
        BrunelWang2001 bw = build(seed, nmdaFromStrings);
        List<RateMonitor> monitors = new ArrayList<>();
        for (Range group : bw.groups()) {
            monitors.add(bw.network().addMonitor(new RateMonitor(group, BIN)));
        }
        bw.network().prepare();
        long start = System.nanoTime();
        bw.network().run(4000, ProgressListener.SILENT);
        double wall = (System.nanoTime() - start) * 1e-9;
        double[][] rates = monitors.stream().map(RateMonitor::ratesHz).toArray(double[][]::new);
        return new Run("vecsnn (" + bw.network().kernels().name() + ", 1 thread" + (nmdaFromStrings
                ? ", NMDA from strings" : "") + ")", rates, wall);
    }

    private static BrunelWang2001 build(long seed, boolean nmdaFromStrings) {
        return nmdaFromStrings
                ? BrunelWang2001.build(seed, KernelProvider.get(), BrunelWang2001.nmdaFromBrian2Strings())
                : BrunelWang2001.build(seed, KernelProvider.get());
    }

    static Run brian2(long seed) throws Exception {
        String json = CompareWithBrian2.brian2("brunel_wang.py", "4", Long.toString(seed));
        return new Run(CompareWithBrian2.field(json, "simulator"), CompareWithBrian2.rows(json, "rates_250ms"),
                CompareWithBrian2.number(json, "run_seconds"));
    }

    static List<String> report(Run ours, Run brian) {
        List<String> lines = new ArrayList<>();
        lines.add("Brunel & Wang (2001) as Brian2's example (N = 1000), 4 s biological, dt 0.1 ms, Euler; rates (Hz)"
                + " here / in Brian2, mean over each phase's 250 ms bins.");
        lines.add("");
        StringBuilder head = new StringBuilder("| group |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String phase : PHASE_NAMES) {
            head.append(' ').append(phase).append(" |");
            rule.append("---|");
        }
        lines.add(head.toString());
        lines.add(rule.toString());
        for (int g = 0; g < BrunelWang2001.NAMES.size(); g++) {
            StringBuilder row = new StringBuilder("| " + BrunelWang2001.NAMES.get(g) + " |");
            for (int p = 0; p < PHASES.length; p++) {
                row.append(String.format(Locale.ROOT, " %.2f / %.2f |", ours.phase(g, p), brian.phase(g, p)));
            }
            lines.add(row.toString());
        }
        lines.add("");
        lines.add(String.format(Locale.ROOT, "Wall s per biological s: %s %.3f, %s %.3f: %.3f × Brian2's.",
                ours.simulator(), ours.runSeconds() / 4, brian.simulator(), brian.runSeconds() / 4,
                ours.runSeconds() / brian.runSeconds()));
        return lines;
    }

    /** Each group's rate over time, one panel per simulator. */
    static void figure(Run ours, Run brian, Path png) throws java.io.IOException {
        List<XYChart> charts = new ArrayList<>();
        for (Run r : List.of(ours, brian)) {
            XYChart chart = new XYChartBuilder().width(1100).height(400).title("Brunel & Wang (2001), " + r.simulator()
                    + ": group rates in 250 ms bins; stimuli at 1.00 and 2.00 s, reset at 3.00 s; dt 0.1 ms, Euler")
                    .xAxisTitle("t (s)").yAxisTitle("rate (Hz)").build();
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            for (int g = 0; g < r.rates().length; g++) {
                double[] t = new double[r.rates()[g].length];
                for (int k = 0; k < t.length; k++) {
                    t[k] = (k + 0.5) * BIN / 1000;
                }
                chart.addSeries(BrunelWang2001.NAMES.get(g), t, r.rates()[g]).setMarker(SeriesMarkers.NONE)
                        .setLineColor(Plots.COLORS[g % Plots.COLORS.length]);
            }
            charts.add(chart);
        }
        Figures.stack(png, charts.toArray(XYChart[]::new));
    }
}
