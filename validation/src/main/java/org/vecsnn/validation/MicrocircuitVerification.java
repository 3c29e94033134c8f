package org.vecsnn.validation;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.connect.SplitMix64;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.Microcircuit;

/**
 * The microcircuit against NEST 3.10 (on demand, not in the build: minutes per seed): runs the full-scale model with
 * Poisson drive for 500 ms, discarded, and 3000 ms recorded, computes per population the distributions of rates,
 * ISI CVs and pairwise spike-count correlations as the NEST reference's README describes, and compares each with
 * NEST's three seeds by Kolmogorov–Smirnov distance against the largest distance between NEST's own seeds.
 * Writes {@code microcircuit.md}, {@code microcircuit-ks.csv}, the runs' percentiles in the reference's format
 * ({@code microcircuit-statistics.csv}) and one PNG per statistic; exits 1 if any distance exceeds
 * {@value #TOLERANCE} × NEST's spread or a mean correlation lies outside NEST's range.
 *
 * <p>Three seeds make NEST's spread a narrow estimate of how much runs differ, so the report also pools the runs of
 * both simulators ({@link #pooled}): whether this project's runs lie farther from NEST's than runs of one simulator
 * lie from each other, with an exact permutation test.
 */
public final class MicrocircuitVerification {
    static final double DT = 0.1;
    static final double WARMUP_MS = 500;
    static final double RECORD_MS = 3000;
    static final double BIN_MS = 2;
    static final int SAMPLE = 200;
    static final double TOLERANCE = 1.5;
    static final List<String> STATISTICS = List.of("rate", "cv", "cc");
    static final List<String> AXES = List.of("rate (Hz)", "ISI CV (1)", "spike-count correlation, 2 ms bins (1)");
    /**
     * The mean correlation over all active neurons, lowest and highest of NEST's three seeds (×10⁻³; the reference's
     * README: its CSV holds only the 200-neuron samples).
     */
    static final double[][] NEST_MEAN_CC = {{2.77, 3.43}, {1.69, 2.03}, {2.47, 2.79}, {1.39, 1.54}, {4.92, 5.71},
        {1.18, 1.49}, {0.66, 0.72}, {0.62, 0.70}};

    /** One seed's run: per population and statistic the values, and per population the mean correlation. */
    record Run(long seed, double[][][] values, double[] meanCc, double wallSeconds) {}

    /**
     * One population's statistic: NEST's largest distance between its seeds, each run's to NEST, and the runs of
     * both simulators pooled (null with fewer than two runs).
     */
    record Distance(String population, String statistic, double nestSpread, double[] ours, Pooled pooled) {
        boolean pass() {
            // distances are multiples of 1/99: 1.5 × 2/99 must admit 3/99 whatever the rounding
            return Arrays.stream(ours).allMatch(d -> d <= TOLERANCE * nestSpread + 1e-9);
        }
    }

    /**
     * The runs of both simulators pooled, for one population's statistic. {@code cross}: the mean KS distance
     * between a NEST run and one of this project's; {@code within}: the mean between two runs of one simulator (both
     * simulators' pairs together); {@code p}: the share of all ways to split the pooled runs into a group of NEST's
     * size and the rest whose cross − within is at least the observed one (an exact permutation test of "the runs
     * come from one distribution"; the observed split and its mirror count, so with 3 + 2 runs p ≥ 0.2).
     */
    record Pooled(double cross, double within, double p) {}

    /** The most runs of both simulators together that {@link #pooled} splits every way (2^n splits are visited). */
    static final int MAX_POOLED = 16;

    /** {@link Pooled} for NEST's distributions and this project's (each as written: percentiles). */
    static Pooled pooled(List<double[]> nest, List<double[]> ours) {
        List<double[]> all = new ArrayList<>(nest);
        all.addAll(ours);
        int n = all.size();
        int k = nest.size();
        if (n > MAX_POOLED) {
            throw new IllegalArgumentException(ours.size() + " runs: must be at most " + (MAX_POOLED - k)
                    + " beside NEST's " + k + " to be pooled");
        }
        double[][] d = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                d[a][b] = SpikeStatistics.ks(all.get(a), all.get(b));
                d[b][a] = d[a][b];
            }
        }
        int observed = (1 << k) - 1;
        double[] split = crossAndWithin(d, observed);
        double separation = split[0] - split[1];
        int splits = 0;
        int atLeast = 0;
        for (int group = 0; group < 1 << n; group++) {
            if (Integer.bitCount(group) == k) {
                double[] cw = crossAndWithin(d, group);
                splits++;
                atLeast += cw[0] - cw[1] >= separation - 1e-12 ? 1 : 0;
            }
        }
        return new Pooled(split[0], split[1], atLeast / (double) splits);
    }

    /** The mean distance between a run in {@code group} (a bit set) and one outside, and between two on one side. */
    private static double[] crossAndWithin(double[][] d, int group) {
        double cross = 0;
        double within = 0;
        int crossPairs = 0;
        int withinPairs = 0;
        for (int a = 0; a < d.length; a++) {
            for (int b = a + 1; b < d.length; b++) {
                if ((group >> a & 1) != (group >> b & 1)) {
                    cross += d[a][b];
                    crossPairs++;
                } else {
                    within += d[a][b];
                    withinPairs++;
                }
            }
        }
        return new double[] {cross / crossPairs, withinPairs == 0 ? 0 : within / withinPairs};
    }

    /** NEST 3.10's statistics, in the shared reference folder beside the repository. */
    public static final Path DEFAULT_REFERENCE = NestReference.DEFAULT;

    private MicrocircuitVerification() {}

    /**
     * Runs the verification for {@code seeds} and writes its table, CSVs and figures into {@code out}.
     *
     * @return whether every distance and mean correlation is within NEST's
     */
    public static boolean run(long[] seeds, Path out, Path reference, double scale, int threads) throws IOException {
        NestReference nest = NestReference.read(reference);
        List<Run> runs = new ArrayList<>();
        for (long seed : seeds) {
            runs.add(run(scale, seed, threads));
        }
        List<Distance> distances = compare(runs, nest);
        Files.createDirectories(out);
        String report = report(runs, distances, nest, scale);
        Files.writeString(out.resolve("microcircuit.md"), report);
        Files.writeString(out.resolve("microcircuit-ks.csv"), csv(runs, distances));
        Files.writeString(out.resolve("microcircuit-statistics.csv"), statistics(runs));
        figures(runs, nest, out);
        System.out.print(report);
        System.out.printf(Locale.ROOT, "%nwrote %s, %s, %s and %d figures%n", out.resolve("microcircuit.md"),
                out.resolve("microcircuit-ks.csv"), out.resolve("microcircuit-statistics.csv"), STATISTICS.size());
        return passed(runs, distances);
    }

    /** Builds and runs one seed, and computes its statistics over the recorded window. */
    static Run run(double scale, long seed, int threads) {
        System.gc(); // the previous seed's network: the builder's heap check counts garbage as in use
        long start = System.nanoTime();
        Microcircuit.Built built = Microcircuit.build(scale, DT, seed, KernelProvider.get(),
                Microcircuit.Drive.POISSON);
        Network net = built.network();
        if (threads > 0) {
            net.threads(threads);
        }
        List<SpikeMonitor> monitors = built.populations().stream().map(p -> net.addMonitor(new SpikeMonitor(p)))
                .toList();
        System.err.printf(Locale.ROOT, "seed %d: built in %.1f s; simulating %.0f ms%n", seed,
                (System.nanoTime() - start) * 1e-9, WARMUP_MS + RECORD_MS);
        net.run(WARMUP_MS + RECORD_MS, ProgressListener.stderr(30.0));
        net.close();
        long from = net.grid().steps("warm-up", WARMUP_MS, 1);
        long to = from + net.grid().steps("recorded time", RECORD_MS, 1);
        int binSteps = (int) net.grid().steps("bin", BIN_MS, 1);
        int populations = monitors.size();
        double[][][] values = new double[populations][][];
        double[] meanCc = new double[populations];
        SplitMix64 sampling = SplitMix64.stream(seed, 23);
        for (int p = 0; p < populations; p++) {
            SpikeMonitor m = monitors.get(p);
            var trains = SpikeStatistics.Trains.of(m.steps(), m.units(), built.populations().get(p).size(), from,
                    to);
            int[] active = SpikeStatistics.active(trains);
            values[p] = new double[][] {SpikeStatistics.rates(trains, DT), SpikeStatistics.cvs(trains),
                SpikeStatistics.correlations(trains, sample(active, SAMPLE, sampling), binSteps)};
            meanCc[p] = SpikeStatistics.meanCorrelation(trains, active, binSteps);
        }
        return new Run(seed, values, meanCc, (System.nanoTime() - start) * 1e-9);
    }

    /** {@code k} of {@code from} drawn without replacement (a partial Fisher–Yates shuffle), or all if fewer. */
    static int[] sample(int[] from, int k, SplitMix64 rng) {
        int[] a = from.clone();
        int n = Math.min(k, a.length);
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return Arrays.copyOf(a, n);
    }

    /**
     * Each distribution as its 1st … 99th percentiles (the reference's form), so that NEST against NEST and this
     * simulator against NEST are measured alike: a run's distance is its largest to any of NEST's seeds.
     */
    static List<Distance> compare(List<Run> runs, NestReference nest) {
        List<Distance> d = new ArrayList<>();
        for (int p = 0; p < Microcircuit.NAMES.size(); p++) {
            for (int s = 0; s < STATISTICS.size(); s++) {
                List<NestReference.Row> rows = nest.of(STATISTICS.get(s), Microcircuit.NAMES.get(p));
                double spread = 0;
                for (int a = 0; a < rows.size(); a++) {
                    for (int b = a + 1; b < rows.size(); b++) {
                        spread = Math.max(spread, SpikeStatistics.ks(rows.get(a).percentiles(),
                                rows.get(b).percentiles()));
                    }
                }
                double[] ours = new double[runs.size()];
                List<double[]> written = new ArrayList<>();
                for (int r = 0; r < runs.size(); r++) {
                    double[] q = NestReference.asWritten(SpikeStatistics.percentiles(runs.get(r).values()[p][s]));
                    written.add(q);
                    ours[r] = rows.stream().mapToDouble(row -> SpikeStatistics.ks(q, row.percentiles())).max()
                            .orElseThrow();
                }
                Pooled pooled = runs.size() < 2 ? null
                        : pooled(rows.stream().map(NestReference.Row::percentiles).toList(), written);
                d.add(new Distance(Microcircuit.NAMES.get(p), STATISTICS.get(s), spread, ours, pooled));
            }
        }
        return d;
    }

    static boolean meanCcInside(double meanCc, int population) {
        return meanCc * 1e3 >= NEST_MEAN_CC[population][0] && meanCc * 1e3 <= NEST_MEAN_CC[population][1];
    }

    static boolean passed(List<Run> runs, List<Distance> distances) {
        return distances.stream().allMatch(Distance::pass) && runs.stream().allMatch(r ->
                java.util.stream.IntStream.range(0, r.meanCc().length).allMatch(p -> meanCcInside(r.meanCc()[p], p)));
    }

    static String report(List<Run> runs, List<Distance> distances, NestReference nest, double scale) {
        StringBuilder w = new StringBuilder("# The microcircuit against NEST 3.10\n\n");
        w.append(String.format(Locale.ROOT, "Scale %s, Poisson drive, dt = %s ms, %.0f ms discarded, %.0f ms recorded;"
                + " seeds %s (%s wall s). KS: Kolmogorov–Smirnov distance between 1st … 99th percentiles; NEST: the "
                + "largest between its three seeds; a run: its largest to any NEST seed; pass: every run within %s × "
                + "NEST's.%n%n", scale, DT, WARMUP_MS, RECORD_MS,
                runs.stream().map(r -> Long.toString(r.seed())).toList(),
                runs.stream().map(r -> String.format(Locale.ROOT, "%.0f", r.wallSeconds())).toList(), TOLERANCE));
        w.append("| population | statistic | NEST's seeds | ").append(String.join(" | ",
                runs.stream().map(r -> "seed " + r.seed()).toList())).append(" | largest / NEST's | pass |");
        boolean pooling = distances.getFirst().pooled() != null;
        w.append(pooling ? " pooled: cross / within | p |\n|---|---|---|" : "\n|---|---|---|");
        w.append("---|".repeat(runs.size())).append(pooling ? "---|---|---|---|\n" : "---|---|\n");
        int similar = 0;
        for (Distance d : distances) {
            w.append(String.format(Locale.ROOT, "| %s | %s | %.3f |", d.population(), d.statistic(), d.nestSpread()));
            for (double x : d.ours()) {
                w.append(String.format(Locale.ROOT, " %.3f |", x));
            }
            w.append(String.format(Locale.ROOT, " %.2f | %s |",
                    Arrays.stream(d.ours()).max().orElseThrow() / d.nestSpread(), d.pass() ? "pass" : "**FAIL**"));
            if (pooling) {
                Pooled q = d.pooled();
                similar += q.p() >= 0.05 ? 1 : 0;
                w.append(String.format(Locale.ROOT, " %.2f | %.2f |", q.cross() / q.within(), q.p()));
            }
            w.append('\n');
        }
        if (pooling) {
            int nestRuns = nest.of(STATISTICS.getFirst(), Microcircuit.NAMES.getFirst()).size();
            w.append(String.format(Locale.ROOT, "%nPooled (%d NEST runs and %d of this project's): cross / within is "
                    + "the mean KS distance between runs of the two simulators over the mean between runs of one; p "
                    + "is the exact permutation test's (each way to split the %d runs). p ≥ 0.05 in %d of %d.%n",
                    nestRuns, runs.size(), nestRuns + runs.size(), similar, distances.size()));
        }
        w.append("\nMean rate (Hz) and mean spike-count correlation over all active neurons (×10⁻³), NEST's range "
                + "over its three seeds:\n\n| population | NEST rate | ");
        w.append(String.join(" | ", runs.stream().map(r -> "rate " + r.seed()).toList()));
        w.append(" | NEST correlation | ").append(String.join(" | ", runs.stream().map(r -> "corr. " + r.seed())
                .toList())).append(" | inside |\n|---|---|").append("---|".repeat(2 * runs.size() + 2)).append('\n');
        for (int p = 0; p < Microcircuit.NAMES.size(); p++) {
            double[] nestRates = nest.of("rate", Microcircuit.NAMES.get(p)).stream()
                    .mapToDouble(NestReference.Row::mean).toArray();
            w.append(String.format(Locale.ROOT, "| %s | %.3f–%.3f |", Microcircuit.NAMES.get(p),
                    Arrays.stream(nestRates).min().orElseThrow(), Arrays.stream(nestRates).max().orElseThrow()));
            for (Run r : runs) {
                w.append(String.format(Locale.ROOT, " %.3f |", Arrays.stream(r.values()[p][0]).average()
                        .orElseThrow()));
            }
            w.append(String.format(Locale.ROOT, " %.2f–%.2f |", NEST_MEAN_CC[p][0], NEST_MEAN_CC[p][1]));
            boolean inside = true;
            for (Run r : runs) {
                w.append(String.format(Locale.ROOT, " %.2f |", r.meanCc()[p] * 1e3));
                inside &= meanCcInside(r.meanCc()[p], p);
            }
            w.append(inside ? " yes |\n" : " **no** |\n");
        }
        if (runs.size() > 1) {
            w.append("\nAveraged over the seeds, the mean correlation (×10⁻³) against NEST's range:");
            for (int p = 0; p < Microcircuit.NAMES.size(); p++) {
                int population = p;
                double average = runs.stream().mapToDouble(r -> r.meanCc()[population]).average().orElseThrow();
                w.append(String.format(Locale.ROOT, " %s %.3f%s", Microcircuit.NAMES.get(p), average * 1e3,
                        meanCcInside(average, p) ? "" : " (outside)")).append(p + 1 < Microcircuit.NAMES.size() ? ","
                        : ".\n");
            }
        }
        w.append("\n").append(passed(runs, distances) ? "All within NEST's spread.\n" : "Some miss NEST's spread.\n");
        return w.toString();
    }

    static String csv(List<Run> runs, List<Distance> distances) {
        StringBuilder w = new StringBuilder("population,statistic,nest_spread,seed,ks\n");
        for (Distance d : distances) {
            for (int r = 0; r < runs.size(); r++) {
                w.append(String.format(Locale.ROOT, "%s,%s,%.5f,%d,%.5f%n", d.population(), d.statistic(),
                        d.nestSpread(), runs.get(r).seed(), d.ours()[r]));
            }
        }
        return w.toString();
    }

    /** The runs' distributions in the reference's format (its header, this simulator's seeds). */
    static String statistics(List<Run> runs) {
        StringBuilder w = new StringBuilder(NestReference.HEADER);
        for (int k = 2; k <= 99; k++) {
            w.append(String.format(Locale.ROOT, ",p%02d", k));
        }
        w.append('\n');
        for (int s = 0; s < STATISTICS.size(); s++) {
            for (int p = 0; p < Microcircuit.NAMES.size(); p++) {
                for (Run r : runs) {
                    w.append(NestReference.format(STATISTICS.get(s), Microcircuit.NAMES.get(p), r.seed(),
                            r.values()[p][s]));
                }
            }
        }
        return w.toString();
    }

    /** Per statistic one PNG of eight panels: the distribution functions of NEST's seeds (grey) and of each run. */
    static void figures(List<Run> runs, NestReference nest, Path out) throws IOException {
        double[] fraction = new double[99];
        for (int k = 0; k < 99; k++) {
            fraction[k] = (k + 1) / 100.0;
        }
        Color[] colours = {new Color(200, 30, 30), new Color(30, 90, 200), new Color(20, 150, 60),
            new Color(160, 60, 180), new Color(230, 130, 0), new Color(0, 160, 170)};
        for (int s = 0; s < STATISTICS.size(); s++) {
            List<XYChart> panels = new ArrayList<>();
            for (int p = 0; p < Microcircuit.NAMES.size(); p++) {
                XYChart chart = new XYChartBuilder().width(420).height(340).title(Microcircuit.NAMES.get(p))
                        .xAxisTitle(AXES.get(s)).yAxisTitle("cumulative fraction (1)").build();
                chart.getStyler().setChartBackgroundColor(Color.WHITE);
                chart.getStyler().setLegendVisible(p == 0);
                chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
                for (NestReference.Row row : nest.of(STATISTICS.get(s), Microcircuit.NAMES.get(p))) {
                    XYSeries series = chart.addSeries("NEST seed " + row.seed(), row.percentiles(), fraction);
                    series.setMarker(SeriesMarkers.NONE).setLineColor(new Color(150, 150, 150)).setLineWidth(3f);
                }
                for (int r = 0; r < runs.size(); r++) {
                    XYSeries series = chart.addSeries("seed " + runs.get(r).seed(),
                            SpikeStatistics.percentiles(runs.get(r).values()[p][s]), fraction);
                    series.setMarker(SeriesMarkers.NONE).setLineColor(colours[r % colours.length]);
                }
                panels.add(chart);
            }
            BitmapEncoder.saveBitmap(panels, 2, 4, out.resolve("microcircuit-" + STATISTICS.get(s) + ".png")
                    .toString(), BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
