package org.vecsnn.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.EquationExamples;
import org.vecsnn.networks.EquationNetworks.Built;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Brian2's example networks from their model strings ({@link EquationExamples}) here and in Brian2
 * ({@code bench/brian2/examples.py}, C++ standalone, float64 as the examples, one thread), seeds 1 … K on each side
 * (the seeds do not give the same network on both sides: each side's rates are a sample over its K networks).
 * Prints per network and simulator the rates' mean and standard deviation over the seeds and the median wall
 * seconds per biological second; only the simulation loop is timed on both sides (Brian2's own run timer; here
 * {@code Network.run}, after a warm-up run of another seed).
 */
@Command(name = "compare-examples",
        description = "Runs Brian2's Brunel (2000) panel B, adaptive-threshold and Izhikevich (2003) examples from"
                + " their model strings side by side with Brian2's C++ standalone mode, over several seeds (needs"
                + " apt-get install python3-brian; exits 3 without it).")
final class CompareExamples implements Callable<Integer> {
    /** A Brian2 example: its name in examples.py, the run (ms), where counting starts (ms), its E/I split. */
    enum Example {
        BRUNEL("brunel", 1200, 200, 10000, seed -> EquationExamples.brunel(10000, 0.1, 6, 4, 0.1, seed,
                KernelProvider.get())),
        ADAPTIVE("adaptive", 2000, 0, -1, seed -> EquationExamples.adaptiveThreshold(1000, 0.1, seed,
                KernelProvider.get())),
        IZHIKEVICH("izhikevich", 1000, 0, 800, seed -> EquationExamples.izhikevich(seed, KernelProvider.get()));

        final String key;
        final double durationMs;
        final double fromMs;
        final int excitatory;
        final LongFunction<Built> build;

        Example(String key, double durationMs, double fromMs, int excitatory, LongFunction<Built> build) {
            this.key = key;
            this.durationMs = durationMs;
            this.fromMs = fromMs;
            this.excitatory = excitatory;
            this.build = build;
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--networks", paramLabel = "NAMES", split = ",", description = "comma-separated, of ${COMPLETION-"
            + "CANDIDATES} (default all)")
    List<Example> networks = List.of(Example.values());

    @Option(names = "--seeds", paramLabel = "K", description = "seeds 1 … K on each side (default ${DEFAULT-VALUE})")
    @Cli.Range(min = 1)
    int seeds = 3;

    @Option(names = "--no-brian2", negatable = true, description = "run Brian2's side (the default), or with"
            + " --no-brian2 only this core's")
    boolean brian2 = true;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("out", "compare-examples");

    /** One run: rates (Hz) of the excitatory, inhibitory (NaN if none) and all neurons, wall s per biological s. */
    record Run(double rateE, double rateI, double rate, double wallPerBio) {}

    @Override
    public Integer call() throws Exception {
        Path folder = Cli.writableFolder(spec.commandLine(), out);
        if (brian2 && !CompareWithBrian2.brian2Available()) {
            System.err.println("snn compare-examples: Brian2 is not installed: apt-get install python3-brian"
                    + " (or --no-brian2)");
            return CompareWithBrian2.NO_BRIAN2;
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Seeds 1 … %d on each side; rates: mean ± standard deviation over the"
                + " seeds; wall: median over the seeds.%n", seeds));
        lines.add("| network | simulator | seeds | rate E (Hz) | rate I (Hz) | mean rate (Hz) | difference to Brian2"
                + " | wall s per bio s |");
        lines.add("|---|---|---|---|---|---|---|---|");
        List<String> perSeed = new ArrayList<>(List.of("network,simulator,seed,rate_e_hz,rate_i_hz,rate_hz,"
                + "wall_per_bio_s"));
        for (Example example : networks) {
            System.err.printf(Locale.ROOT, "running %s for %.1f s, seeds 1 … %d ...%n", example.key,
                    example.durationMs / 1000, seeds);
            ours(example, seeds + 1);   // warm-up, on a seed not measured
            List<Run> ours = new ArrayList<>();
            List<Run> theirs = new ArrayList<>();
            for (int seed = 1; seed <= seeds; seed++) {
                ours.add(ours(example, seed));
                perSeed.add(csv(example, "vecsnn", seed, ours.getLast()));
                if (brian2) {
                    theirs.add(brian2(example, seed));
                    perSeed.add(csv(example, "brian2", seed, theirs.getLast()));
                }
            }
            Double reference = brian2 ? mean(theirs, Run::rate) : null;
            lines.add(row(example, "vecsnn from equations, " + KernelProvider.get().name() + ", 1 thread", ours,
                    reference));
            if (brian2) {
                lines.add(row(example, "Brian2 2.5.1 cpp_standalone, float64, 1 thread", theirs, null));
            }
        }
        Files.write(folder.resolve("compare-examples.md"), lines);
        Files.write(folder.resolve("compare-examples.csv"), perSeed);
        lines.forEach(System.out::println);
        System.out.println("\nwrote " + folder.resolve("compare-examples.md") + " and compare-examples.csv");
        return Cli.OK;
    }

    static Run ours(Example example, long seed) {
        Built b = example.build.apply(seed);
        b.network().threads(1);
        SpikeMonitor spikes = b.network().addMonitor(new SpikeMonitor(b.neurons()));
        b.network().prepare();
        long start = System.nanoTime();
        b.network().run(example.durationMs, ProgressListener.SILENT);
        double seconds = (System.nanoTime() - start) * 1e-9;
        double[] times = spikes.times();
        int[] units = spikes.units();
        int n = b.neurons().size();
        int split = example.excitatory < 0 ? n : example.excitatory;
        long e = 0;
        long i = 0;
        for (int s = 0; s < times.length; s++) {
            if (times[s] >= example.fromMs) {
                if (units[s] < split) {
                    e++;
                } else {
                    i++;
                }
            }
        }
        double window = (example.durationMs - example.fromMs) / 1000;
        return new Run(e / (split * window), split == n ? Double.NaN : i / ((n - split) * window),
                (e + i) / (n * window), seconds / (example.durationMs / 1000));
    }

    static Run brian2(Example example, long seed) throws Exception {
        String json = CompareWithBrian2.brian2("examples.py", example.key, Double.toString(example.durationMs),
                Long.toString(seed));
        boolean split = example.excitatory >= 0;
        return new Run(split ? CompareWithBrian2.number(json, "rate_e_hz") : CompareWithBrian2.number(json, "rate_hz"),
                split ? CompareWithBrian2.number(json, "rate_i_hz") : Double.NaN,
                CompareWithBrian2.number(json, "rate_hz"), CompareWithBrian2.number(json, "wall_per_bio_s"));
    }

    private static String row(Example example, String simulator, List<Run> runs, Double reference) {
        double rate = mean(runs, Run::rate);
        return String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %.4f |", example.key, simulator,
                runs.size(), meanSd(runs, Run::rateE), meanSd(runs, Run::rateI), meanSd(runs, Run::rate),
                reference == null ? "" : String.format(Locale.ROOT, "%+.1f %%", 100 * (rate / reference - 1)),
                JarComparison.quantile(runs.stream().mapToDouble(Run::wallPerBio).toArray(), 0.5));
    }

    private static String csv(Example example, String simulator, int seed, Run r) {
        return String.format(Locale.ROOT, "%s,%s,%d,%.4f,%.4f,%.4f,%.5f", example.key, simulator, seed, r.rateE(),
                r.rateI(), r.rate(), r.wallPerBio());
    }

    private static double mean(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        return runs.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static String meanSd(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        double m = mean(runs, f);
        if (Double.isNaN(m)) {
            return "";
        }
        double ss = runs.stream().mapToDouble(f).map(x -> (x - m) * (x - m)).sum();
        return runs.size() < 2 ? String.format(Locale.ROOT, "%.2f", m)
                : String.format(Locale.ROOT, "%.2f ± %.2f", m, Math.sqrt(ss / (runs.size() - 1)));
    }
}
