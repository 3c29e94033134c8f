package org.vecsnn.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vecsnn.bench.Cli.Range;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.SongMillerAbbott;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Song, Miller &amp; Abbott (2000) in this core ({@link SongMillerAbbott}) and in Brian2 (C++ standalone,
 * {@code bench/brian2/stdp.py}, Brian2's own example): the output rate, the final weights (in tenths of g_max, and
 * the Kolmogorov–Smirnov distance between the two distributions), wall seconds per biological second (Brian2's run
 * timer; here the run after a warm-up on an identical network) and nanoseconds per plastic event (a presynaptic
 * spike updates its one synapse, a postsynaptic spike the 1000 of its column).
 */
@Command(name = "compare-stdp",
        description = "Runs Song, Miller & Abbott (2000) side by side with Brian2's C++ standalone mode (needs apt-get"
                + " install python3-brian; exits 3 without it).")
final class CompareStdp implements Callable<Integer> {
    @Option(names = "--duration", paramLabel = "S", description = "biological seconds (default ${DEFAULT-VALUE})")
    @Range(min = 1)
    int duration = 100;

    @Option(names = "--seed", paramLabel = "SEED", description = "seed of both runs (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("out", "compare-stdp");

    /** One simulator's run: output rate, final weights in units of g_max, wall time, spikes in and out. */
    record Run(String simulator, double rateHz, double[] weights, double runSeconds, long inputSpikes,
               long outputSpikes) {
        long plasticEvents() {
            return inputSpikes + 1000 * outputSpikes;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!CompareWithBrian2.brian2Available()) {
            System.err.println("Brian2 is not installed: apt-get install python3-brian");
            return CompareWithBrian2.NO_BRIAN2;
        }
        Run ours = runOurs(duration, seed);
        Run brian = runBrian2(duration, seed);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Song, Miller & Abbott (2000), %d s biological, dt 0.1 ms, seed %d;"
                + " weights in tenths of g_max (0.01), 1000 synapses.", duration, seed));
        lines.add("");
        lines.add("| simulator | output rate (Hz) | wall s per bio s | ns per plastic event | weights per tenth |");
        lines.add("|---|---|---|---|---|");
        for (Run r : List.of(ours, brian)) {
            lines.add(String.format(Locale.ROOT, "| %s | %.2f | %.4f | %.1f | %s |", r.simulator(), r.rateHz(),
                    r.runSeconds() / duration, r.runSeconds() * 1e9 / r.plasticEvents(),
                    Arrays.toString(tenths(r.weights()))));
        }
        lines.add("");
        lines.add(String.format(Locale.ROOT, "Kolmogorov–Smirnov distance between the final weight distributions:"
                + " %.3f; output rate %+.1f %%; wall time %.3f × Brian2's.", ksDistance(ours.weights(),
                brian.weights()), 100 * (ours.rateHz() / brian.rateHz() - 1), ours.runSeconds() / brian.runSeconds()));
        Files.createDirectories(out);
        Files.write(out.resolve("compare-stdp.md"), lines);
        lines.forEach(System.out::println);
        System.out.println("\nwrote " + out.resolve("compare-stdp.md"));
        return Cli.OK;
    }

    static Run runOurs(int seconds, long seed) {
        SongMillerAbbott warm = SongMillerAbbott.build(seed + 1, KernelProvider.get());
        warm.network().addMonitor(new SpikeMonitor(warm.neuron()));
        warm.network().run(10_000, ProgressListener.SILENT);
        SongMillerAbbott song = SongMillerAbbott.build(seed, KernelProvider.get());
        SpikeMonitor in = song.network().addMonitor(new SpikeMonitor(song.inputs()));
        SpikeMonitor outSpikes = song.network().addMonitor(new SpikeMonitor(song.neuron()));
        song.network().prepare();
        long start = System.nanoTime();
        song.network().run(seconds * 1000.0, ProgressListener.SILENT);
        double wall = (System.nanoTime() - start) * 1e-9;
        float[] w = song.synapses().csr().weights();
        double[] weights = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            weights[k] = w[k] / SongMillerAbbott.G_MAX;
        }
        return new Run("vecsnn (" + song.network().kernels().name() + ", 1 thread)",
                outSpikes.count() / (double) seconds, weights, wall, in.count(), outSpikes.count());
    }

    static Run runBrian2(int seconds, long seed) throws Exception {
        String json = CompareWithBrian2.brian2("stdp.py", Integer.toString(seconds), Long.toString(seed));
        Matcher m = Pattern.compile("\"weights\": \\[([^\\]]*)\\]").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no weights in Brian2's output: " + json);
        }
        double[] weights = Arrays.stream(m.group(1).split(",")).map(String::trim).mapToDouble(Double::parseDouble)
                .toArray();
        return new Run(CompareWithBrian2.field(json, "simulator"), CompareWithBrian2.number(json, "rate_hz"), weights,
                CompareWithBrian2.number(json, "run_seconds"), (long) CompareWithBrian2.number(json, "input_spikes"),
                (long) CompareWithBrian2.number(json, "output_spikes"));
    }

    /** How many weights (in units of g_max, in [0, 1]) fall in each tenth, the last one closed. */
    static int[] tenths(double[] weights) {
        int[] counts = new int[10];
        for (double w : weights) {
            counts[Math.clamp((int) (w * 10), 0, 9)]++;
        }
        return counts;
    }

    /** The largest difference between the empirical distribution functions of {@code a} and {@code b}. */
    static double ksDistance(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double distance = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] <= v) {
                i++;
            }
            while (j < y.length && y[j] <= v) {
                j++;
            }
            distance = Math.max(distance, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return distance;
    }
}
