package org.vecsnn.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
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
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.BenchmarkNetworks;
import org.vecsnn.networks.EiNetwork;
import org.vecsnn.networks.EquationNetworks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs the benchmark networks in this core (built-in models, and with {@code --equations} their Brian2 model strings
 * compiled at run time) and in Brian2 (C++ standalone, {@code bench/brian2/benchmark.py}) with the same N and
 * duration, one thread each, and prints network, N, duration, simulator, mean rate, wall seconds
 * per biological second and their ratio. Only the simulation loop is timed on both sides: Brian2's own run timer
 * (code generation and compilation excluded); here, after a warm-up run on an identical network. Each side's
 * time is the best of its repeats.
 */
@Command(name = "compare",
        description = "Runs COBA, CUBA and COBAHH side by side with Brian2's C++ standalone mode (needs apt-get install"
                + " python3-brian; exits 3 without it).")
final class CompareWithBrian2 implements Callable<Integer> {
    private static final String PYTHON = "/usr/bin/python3";
    static final int NO_BRIAN2 = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--n", paramLabel = "N", description = "number of neurons (default ${DEFAULT-VALUE})")
    @Range(min = 1)
    int n = 4000;

    @Option(names = "--duration", paramLabel = "MS", description = "biological ms per run (default ${DEFAULT-VALUE})")
    @Range(min = 0, minExclusive = true)
    double duration = 5000;

    @Option(names = "--repeats", paramLabel = "R", description = "runs per seed and simulator; the best wall time"
            + " counts (default ${DEFAULT-VALUE})")
    @Range(min = 1)
    int repeats = 3;

    @Option(names = "--seeds", paramLabel = "K", description = "seeds 1 … K; rates are averaged over them (default"
            + " ${DEFAULT-VALUE})")
    @Range(min = 1)
    int seeds = 1;

    @Option(names = "--networks", paramLabel = "NAMES", split = ",", description = "comma-separated, of COBA, CUBA"
            + " and COBAHH (default all three)")
    List<RunNetwork.Benchmark> networks = List.of(RunNetwork.Benchmark.COBA, RunNetwork.Benchmark.CUBA,
            RunNetwork.Benchmark.COBAHH);

    @Option(names = "--equations", negatable = true, description = "also run each network from its Brian2 model"
            + " strings (org.vecsnn.networks.EquationNetworks; default ${DEFAULT-VALUE})")
    boolean equations = true;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("out", "compare");

    record Measured(String simulator, double rateE, double rateI, double rate, double wallPerBio, long synapses) {
        /** Rates and synapse counts averaged over runs with different seeds; the best wall time of them all. */
        static Measured overSeeds(List<Measured> runs) {
            int k = runs.size();
            return new Measured(runs.get(0).simulator(), runs.stream().mapToDouble(Measured::rateE).sum() / k,
                    runs.stream().mapToDouble(Measured::rateI).sum() / k,
                    runs.stream().mapToDouble(Measured::rate).sum() / k,
                    runs.stream().mapToDouble(Measured::wallPerBio).min().orElseThrow(),
                    runs.stream().mapToLong(Measured::synapses).sum() / k);
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (networks.contains(RunNetwork.Benchmark.MICROCIRCUIT)) {
            throw new ParameterException(spec.commandLine(), "--networks = microcircuit: Brian2's side has COBA, CUBA"
                    + " and COBAHH only");
        }
        Path folder = Cli.writableFolder(spec.commandLine(), out);
        if (!brian2Available()) {
            System.err.println("snn compare: Brian2 is not installed for " + PYTHON + ". Install Debian's package:"
                    + "\n    apt-get install python3-brian\n(it installs for Debian's own Python, " + PYTHON + ").");
            return NO_BRIAN2;
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT,
                "Rates are means over %d seed(s) (a network and its initial state per seed);"
                + " wall time is the best of %d repeat(s) per seed.%n", seeds, repeats));
        lines.add(String.format(Locale.ROOT, "| network | N | duration (s) | simulator | rate E (Hz) | rate I (Hz) | "
                + "mean rate (Hz) | wall s per bio s | ratio to Brian2 |"));
        lines.add("|---|---|---|---|---|---|---|---|---|");
        for (String network : networks.stream().map(RunNetwork.Benchmark::key).toList()) {
            System.err.printf(Locale.ROOT, "running %s N = %d for %.1f s in vecsnn and Brian2 ...%n", network, n,
                    duration / 1000);
            List<Measured> oursPerSeed = new ArrayList<>();
            List<Measured> equationsPerSeed = new ArrayList<>();
            List<Measured> brianPerSeed = new ArrayList<>();
            for (int seed = 1; seed <= seeds; seed++) {
                oursPerSeed.add(runOurs(network, n, duration, repeats, seed, false));
                if (equations) {
                    equationsPerSeed.add(runOurs(network, n, duration, repeats, seed, true));
                }
                brianPerSeed.add(runBrian2(network, n, duration, repeats, seed));
            }
            List<Measured> ours = new ArrayList<>(List.of(Measured.overSeeds(oursPerSeed)));
            if (equations) {
                ours.add(Measured.overSeeds(equationsPerSeed));
            }
            Measured brian = Measured.overSeeds(brianPerSeed);
            List<Measured> all = new ArrayList<>(ours);
            all.add(brian);
            for (Measured m : all) {
                lines.add(String.format(Locale.ROOT, "| %s | %d | %.1f | %s | %.2f | %.2f | %.2f | %.4f | %.2f |",
                        network.toUpperCase(Locale.ROOT), n, duration / 1000, m.simulator(), m.rateE(), m.rateI(),
                        m.rate(), m.wallPerBio(), m.wallPerBio() / brian.wallPerBio()));
            }
            for (Measured m : ours) {
                lines.add(String.format(Locale.ROOT, "| %s | | | rate difference%s | %+.1f %% | %+.1f %% | %+.1f %% |"
                        + " | |", network.toUpperCase(Locale.ROOT), m == ours.getFirst() ? "" : ", from equations",
                        100 * (m.rateE() / brian.rateE() - 1), 100 * (m.rateI() / brian.rateI() - 1),
                        100 * (m.rate() / brian.rate() - 1)));
            }
        }
        Files.write(folder.resolve("compare.md"), lines);
        lines.forEach(System.out::println);
        System.out.println("\nwrote " + folder.resolve("compare.md"));
        return Cli.OK;
    }

    static boolean brian2Available() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON, "-c", "import brian2").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    /** A network to run: its neurons, the first {@code excitatory} of them excitatory. */
    private record Run(Network network, NeuronPopulation neurons, int excitatory) {}

    static Measured runOurs(String network, int n, double duration, int repeats, long seed, boolean equations) {
        // the warm-up network carries the same monitor: a code path first taken after warm-up is recompiled mid-run
        Run warm = build(network, n, seed, equations);
        warm.network().addMonitor(new SpikeMonitor(warm.neurons()));
        warm.network().run(1000, ProgressListener.SILENT);
        double best = Double.MAX_VALUE;
        Measured result = null;
        for (int r = 0; r < repeats; r++) {
            Run net = build(network, n, seed, equations);
            SpikeMonitor spikes = net.network().addMonitor(new SpikeMonitor(net.neurons()));
            net.network().prepare();
            long start = System.nanoTime();
            net.network().run(duration, ProgressListener.SILENT);
            double seconds = (System.nanoTime() - start) * 1e-9;
            if (seconds < best) {
                best = seconds;
                int size = net.neurons().size();
                result = new Measured("vecsnn " + (equations ? "from equations, " : "") + KernelProvider.get().name()
                        + ", 1 thread", spikes.meanRate(0, net.excitatory(), duration),
                        spikes.meanRate(net.excitatory(), size, duration), spikes.meanRate(0, size, duration),
                        seconds / (duration / 1000), net.network().synapseCount());
            }
        }
        return result;
    }

    /** One thread, as Brian2's C++ standalone runs here; the built-in models or the Brian2 strings. */
    private static Run build(String network, int n, long seed, boolean equations) {
        Run run;
        if (equations) {
            EquationNetworks.Built b = EquationNetworks.byName(network, n, 0.1, seed, KernelProvider.get());
            run = new Run(b.network(), b.neurons(), (int) Math.round(0.8 * n));
        } else {
            EiNetwork e = BenchmarkNetworks.byName(network, n, 0.1, seed, KernelProvider.get());
            run = new Run(e.network(), e.neurons(), e.excitatory());
        }
        run.network().threads(1);
        return run;
    }

    static Measured runBrian2(String network, int n, double duration, int repeats, long seed)
            throws IOException, InterruptedException {
        String json = brian2("benchmark.py", network, Integer.toString(n), Double.toString(duration),
                Integer.toString(repeats), Long.toString(seed));
        return new Measured(field(json, "simulator"), number(json, "rate_e_hz"), number(json, "rate_i_hz"),
                number(json, "rate_hz"), number(json, "wall_per_bio_s"), (long) number(json, "synapses"));
    }

    /** Runs {@code bench/brian2/SCRIPT} with Debian's Python and returns the JSON line it prints last. */
    static String brian2(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, script(script).toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        String stdout;
        try (InputStream in = p.getInputStream(); InputStream err = p.getErrorStream()) {
            Thread drain = Thread.ofPlatform().start(() -> {
                try {
                    err.readAllBytes();
                } catch (IOException ignored) {
                    // the warnings of Brian2's dependencies are not needed
                }
            });
            stdout = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            drain.join();
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("Brian2 run of " + script + " " + List.of(args) + " failed: " + stdout);
        }
        return stdout.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
    }

    /** {@code bench/brian2/SCRIPT}, found from this class's jar or classes folder (bench/target/…). */
    private static Path script(String name) {
        try {
            Path code = Path.of(CompareWithBrian2.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent().getParent().resolve("brian2").resolve(name);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate bench/brian2/" + name, e);
        }
    }

    /** The flat array {@code "key": [n, …]} of Brian2's JSON line. */
    static double[] numbers(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \\[([^\\[\\]]*)\\]").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + key + " in Brian2's output: " + json);
        }
        return parse(m.group(1));
    }

    /** The array of arrays {@code "key": [[n, …], …]} of Brian2's JSON line, one row per inner array. */
    static double[][] rows(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \\[(\\[[^\\]]*\\](?:,\\s*\\[[^\\]]*\\])*)\\]").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + key + " in Brian2's output: " + json);
        }
        Matcher row = Pattern.compile("\\[([^\\]]*)\\]").matcher(m.group(1));
        List<double[]> rows = new ArrayList<>();
        while (row.find()) {
            rows.add(parse(row.group(1)));
        }
        return rows.toArray(double[][]::new);
    }

    private static double[] parse(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
    }

    static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.eE+]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + key + " in Brian2's output: " + json);
        }
        return Double.parseDouble(m.group(1));
    }

    static String field(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "brian2";
    }
}
