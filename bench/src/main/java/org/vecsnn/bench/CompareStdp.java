package org.vecsnn.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vecsnn.bench.Cli.Range;
import org.vecsnn.bench.jmh.PlasticityBenchmark;
import org.vecsnn.core.Network;
import org.vecsnn.core.Projection;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.SongMillerAbbott;
import org.vecsnn.validation.SpikeStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * STDP networks in this core and in Brian2 (C++ standalone, {@code bench/brian2/stdp.py}): Song, Miller &amp; Abbott
 * (2000) ({@link SongMillerAbbott}, Brian2's own example), with the output rate and the final weights (in tenths of
 * g_max, and the Kolmogorov–Smirnov distance between the two distributions); or COBA 4000 with additive STDP on every
 * excitatory synapse ({@link PlasticityBenchmark#coba}). Both give wall seconds per biological second (Brian2's run
 * timer; here the run after a warm-up on an identical network) and nanoseconds per plastic event (a presynaptic spike
 * updates its row of plastic synapses, a postsynaptic spike its column), the whole run divided by the events.
 */
@Command(name = "compare-stdp",
        description = "Runs Song, Miller & Abbott (2000), COBA with STDP or Vogels et al. (2011) side by side with"
                + " Brian2's C++ standalone mode (needs apt-get install python3-brian; exits 3 without it).")
final class CompareStdp implements Callable<Integer> {
    /** The two networks. */
    enum Model { SONG, COBA, VOGELS }

    @Option(names = "--network", paramLabel = "NAME", description = "song (Song et al. 2000), coba (COBA 4000 with"
            + " STDP on its excitatory synapses) or vogels (Vogels et al. 2011) (default ${DEFAULT-VALUE})")
    Model model = Model.SONG;

    @Option(names = "--duration", paramLabel = "S", description = "biological seconds (default ${DEFAULT-VALUE})")
    @Range(min = 1)
    int duration = 100;

    @Option(names = "--rule-from-strings", description = "song: the rule as Brian2's STDP.py writes it, compiled"
            + " from its strings (SynapseModel), instead of the built-in PairStdp")
    boolean ruleFromStrings;

    @Option(names = "--seed", paramLabel = "SEED", description = "seed of both runs (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("out", "compare-stdp");

    /** One simulator's run: output rate, final weights in units of g_max (Song et al.), wall time, plastic events. */
    record Run(String simulator, double rateHz, double[] weights, double runSeconds, long plasticEvents) {}

    @Override
    public Integer call() throws Exception {
        if (!CompareWithBrian2.brian2Available()) {
            System.err.println("Brian2 is not installed: apt-get install python3-brian");
            return CompareWithBrian2.NO_BRIAN2;
        }
        if (model == Model.VOGELS) {
            return vogels();
        }
        boolean song = model == Model.SONG;
        Run ours = song ? runOurs(duration, seed, ruleFromStrings) : runOursCoba(duration, seed);
        Run brian = runBrian2(song ? "song" : "coba", duration, seed);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s, %d s biological, dt 0.1 ms, seed %d%s.", song
                ? "Song, Miller & Abbott (2000)" : "COBA 4000 with additive STDP on its 256,000 excitatory synapses",
                duration, seed, song ? "; weights in tenths of g_max (0.01), 1000 synapses" : ""));
        lines.add("");
        lines.add("| simulator | output rate (Hz) | wall s per bio s | ns per plastic event |"
                + (song ? " weights per tenth |" : ""));
        lines.add("|---|---|---|---|" + (song ? "---|" : ""));
        for (Run r : List.of(ours, brian)) {
            lines.add(String.format(Locale.ROOT, "| %s | %.2f | %.4f | %.1f |%s", r.simulator(), r.rateHz(),
                    r.runSeconds() / duration, r.runSeconds() * 1e9 / r.plasticEvents(),
                    song ? " " + Arrays.toString(tenths(r.weights())) + " |" : ""));
        }
        lines.add("");
        lines.add(String.format(Locale.ROOT, "%soutput rate %+.1f %%; wall time %.3f × Brian2's.", song
                ? String.format(Locale.ROOT, "Kolmogorov–Smirnov distance between the final weight distributions:"
                + " %.3f; ", SpikeStatistics.ks(ours.weights(), brian.weights())) : "",
                100 * (ours.rateHz() / brian.rateHz() - 1), ours.runSeconds() / brian.runSeconds()));
        Files.createDirectories(out);
        Files.write(out.resolve("compare-stdp-" + model.name().toLowerCase(Locale.ROOT) + ".md"), lines);
        lines.forEach(System.out::println);
        System.out.println("\nwrote " + out.resolve("compare-stdp-" + model.name().toLowerCase(Locale.ROOT) + ".md"));
        return Cli.OK;
    }

    private int vogels() throws Exception {
        List<String> notes = new ArrayList<>();
        VogelsComparison.Run ours = VogelsComparison.ours(duration, seed, notes);
        VogelsComparison.Run brian = VogelsComparison.brian2(duration, seed);
        List<String> lines = VogelsComparison.report(duration, seed, ours, brian, notes);
        Files.createDirectories(out);
        Files.write(out.resolve("compare-stdp-vogels.md"), lines);
        VogelsComparison.figure(duration, ours, brian, out.resolve("compare-stdp-vogels.png"));
        lines.forEach(System.out::println);
        System.out.println("\nwrote " + out.resolve("compare-stdp-vogels.md") + " and compare-stdp-vogels.png");
        return Cli.OK;
    }

    static Run runOurs(int seconds, long seed, boolean ruleFromStrings) {
        java.util.function.LongFunction<SongMillerAbbott> build = s -> ruleFromStrings
                ? SongMillerAbbott.build(s, KernelProvider.get(), SongMillerAbbott.stdpFromBrian2Strings())
                : SongMillerAbbott.build(s, KernelProvider.get());
        SongMillerAbbott warm = build.apply(seed + 1);
        warm.network().addMonitor(new SpikeMonitor(warm.neuron()));
        warm.network().run(10_000, ProgressListener.SILENT);
        SongMillerAbbott song = build.apply(seed);
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
        return new Run("vecsnn (" + song.network().kernels().name() + ", 1 thread" + (ruleFromStrings
                ? ", rule from STDP.py's strings" : "") + ")",
                outSpikes.count() / (double) seconds, weights, wall, in.count() + 1000L * outSpikes.count());
    }

    /** COBA 4000 with pair STDP on its excitatory synapses, after a warm-up second on an identical network. */
    static Run runOursCoba(int seconds, long seed) {
        Network warm = new Network(0.1, KernelProvider.get()).seed(seed + 1);
        PlasticityBenchmark.coba(warm, "pair");
        warm.run(1000, ProgressListener.SILENT);
        Network net = new Network(0.1, KernelProvider.get()).seed(seed);
        Projection plastic = PlasticityBenchmark.coba(net, "pair");
        SpikeMonitor spikes = net.addMonitor(new SpikeMonitor(net.populations().get(0)));
        net.prepare();
        long start = System.nanoTime();
        net.run(seconds * 1000.0, ProgressListener.SILENT);
        double wall = (System.nanoTime() - start) * 1e-9;
        int[] rowStart = plastic.csr().rowStart();
        int[] inDegree = new int[net.populations().get(0).size()];
        for (int t : plastic.csr().targets()) {
            inDegree[t]++;
        }
        long events = 0;
        for (int u : spikes.units()) {
            events += (u < PlasticityBenchmark.EXCITATORY ? rowStart[u + 1] - rowStart[u] : 0) + inDegree[u];
        }
        return new Run("vecsnn (" + net.kernels().name() + ", 1 thread)",
                spikes.count() / (double) inDegree.length / seconds, new double[0], wall, events);
    }

    static Run runBrian2(String network, int seconds, long seed) throws Exception {
        String json = CompareWithBrian2.brian2("stdp.py", network, Integer.toString(seconds), Long.toString(seed));
        return new Run(CompareWithBrian2.field(json, "simulator"), CompareWithBrian2.number(json, "rate_hz"),
                CompareWithBrian2.numbers(json, "weights"), CompareWithBrian2.number(json, "run_seconds"),
                (long) CompareWithBrian2.number(json, "plastic_events"));
    }

    /** How many weights (in units of g_max, in [0, 1]) fall in each tenth, the last one closed. */
    static int[] tenths(double[] weights) {
        int[] counts = new int[10];
        for (double w : weights) {
            counts[Math.clamp((int) (w * 10), 0, 9)]++;
        }
        return counts;
    }
}
