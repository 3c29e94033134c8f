package org.vecsnn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vecsnn.bench.Cli.Range;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.monitor.RateMonitor;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.BenchmarkNetworks;
import org.vecsnn.networks.EiNetwork;
import org.vecsnn.networks.Microcircuit;
import org.vecsnn.sonata.SonataWriter;
import org.vecsnn.sonata.SpikeReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The main job: builds a benchmark network, runs it, prints size, build and simulation times and rates, and writes
 * the spikes (CSV), the population rate (CSV) and a raster plot with the rate (PNG). Its sub-commands are the other
 * runners; {@link Cli} gives them all the same parsing, ranges and exit codes.
 */
@Command(name = "snn", mixinStandardHelpOptions = true, versionProvider = RunNetwork.Version.class,
        scope = CommandLine.ScopeType.INHERIT, // --help and --version for every sub-command
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Runs a benchmark network: Brette et al. 2007's COBA, CUBA or COBAHH, or the Potjans-Diesmann"
                + " microcircuit. Relative paths are resolved against the current directory.",
        subcommands = {SeedExamples.class, Validate.class, VerifyMicrocircuit.class, StepLatency.class, LongRun.class,
            ThreadScaling.class, CompareWithBrian2.class, CompareExamples.class, CompareStdp.class,
            CompareBrunelWang.class, RunSonata.class, RunDistributed.class, RunModelFile.class},
        footer = {"JVM options go in SNN_JAVA_OPTS, e.g. SNN_JAVA_OPTS=\"-Dvecsnn.kernels=plain\" or"
                + " \"-Dvecsnn.vectorBits=256\".",
            "Exit codes: 0 done, 1 failed (validate: a case missed its bound), 2 usage error."})
public final class RunNetwork implements Callable<Integer> {
    /** The warm-up when none is given: on one thread; on more; for the microcircuit (on itself). */
    static final double WARMUP_ONE_THREAD = 1000;
    static final double WARMUP_THREADS = 3000;
    static final double WARMUP_MICROCIRCUIT = 500;

    /** The project's version, from benchmarks.jar's manifest (written by the shade plugin from the pom). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = RunNetwork.class.getPackage().getImplementationVersion();
            return new String[] {"vecsnn " + (version == null ? "(unknown: not run from benchmarks.jar)" : version)};
        }
    }

    /** The networks {@code snn} and {@code snn scaling} run. */
    enum Benchmark { COBA, CUBA, COBAHH, MICROCIRCUIT;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--network", paramLabel = "NAME", description = "COBA (default), CUBA or COBAHH: Brette et al."
            + " 2007 benchmarks (see README); MICROCIRCUIT: Potjans & Diesmann 2014 (77k neurons, 0.3e9 synapses at"
            + " scale 1). Case-insensitive.")
    Benchmark network = Benchmark.COBA;

    @Option(names = "--n", paramLabel = "N", description = "COBA, CUBA, COBAHH: number of neurons, 80 %% excitatory"
            + " (default ${DEFAULT-VALUE})")
    @Range(min = 1)
    int n = 4000;

    @Option(names = "--scale", paramLabel = "S", description = "microcircuit: sizes and synapse counts × S, in-degrees"
            + " kept (0.01 … 1, default ${DEFAULT-VALUE})")
    @Range(min = 0.01, max = 1)
    double scale = 1;

    @Option(names = "--drive", paramLabel = "D", description = "microcircuit: DC (default) or POISSON external input")
    Microcircuit.Drive drive = Microcircuit.Drive.DC;

    @Option(names = "--duration", paramLabel = "MS", description = "biological time to simulate in ms (default"
            + " ${DEFAULT-VALUE})")
    @Range(min = 0, minExclusive = true)
    double durationMs = 1000;

    @Option(names = "--dt", paramLabel = "MS", description = "time step in ms (default ${DEFAULT-VALUE})")
    @Range(min = 0, max = 10, minExclusive = true)
    double dt = 0.1;

    @Option(names = "--seed", paramLabel = "S", description = "seed of connectivity and initial state (default"
            + " ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--threads", paramLabel = "T", description = "threads to step on, 1 … 1024 (default: every core"
            + " from 10^6 synapses, else one; results are the same for any T)")
    @Range(min = 1, max = 1024)
    Integer threads;

    @Option(names = "--warmup", paramLabel = "MS", description = "biological time first run on an identical network"
            + " to warm up the JIT, not timed (default 1000 on one thread, 3000 on more; 0 for none); microcircuit:"
            + " simulated on the network itself and discarded (default 500)")
    @Range(min = 0)
    Double warmupMs;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("out");

    @Option(names = "--sonata", description = "COBA, CUBA: also write the network as a SONATA circuit with its"
            + " simulation_config.json into OUT/sonata, and the run's spikes as a SONATA report,"
            + " OUT/sonata/output/spikes.h5 (snn run OUT/sonata/simulation_config.json reproduces it)")
    boolean sonata;

    public static void main(String[] args) {
        System.exit(Cli.commandLine(new RunNetwork()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        CommandLine line = spec.commandLine();
        refuseOptionsForOtherNetworks(line, network);
        if (sonata && (network == Benchmark.MICROCIRCUIT || network == Benchmark.COBAHH)) {
            throw new ParameterException(line, "--sonata applies to COBA and CUBA (COBAHH's Hodgkin-Huxley"
                    + " neurons have no SONATA template here; the microcircuit's circuit is written by SonataWriter"
                    + " from Java)");
        }
        Path folder = Cli.writableFolder(line, out);
        if (network == Benchmark.MICROCIRCUIT) {
            RunMicrocircuit.run(scale, drive, threads(), dt, durationMs,
                    warmupMs == null ? WARMUP_MICROCIRCUIT : warmupMs, seed, folder);
        } else {
            run(folder);
        }
        return Cli.OK;
    }

    /** Refuses, rather than ignores, a size option of the other kind of network (also for {@code snn scaling}). */
    static void refuseOptionsForOtherNetworks(CommandLine line, Benchmark network) {
        ParseResult given = line.getParseResult();
        if (network == Benchmark.MICROCIRCUIT) {
            if (given.hasMatchedOption("--n")) {
                throw new ParameterException(line, "--n applies to COBA, CUBA and COBAHH; the microcircuit's size"
                        + " is set by --scale");
            }
        } else if (given.hasMatchedOption("--scale") || given.hasMatchedOption("--drive")) {
            throw new ParameterException(line, "--scale and --drive apply only to --network microcircuit, not to "
                    + network.key());
        }
    }

    private int threads() {
        return threads == null ? 0 : threads;
    }

    private EiNetwork build() {
        EiNetwork net = BenchmarkNetworks.byName(network.key(), n, dt, seed, KernelProvider.get());
        if (threads != null) {
            net.network().threads(threads);
        }
        return net;
    }

    private record Monitors(SpikeMonitor spikes, RateMonitor rate) {}

    /** A spike monitor and a 1 ms rate monitor of every neuron. */
    private static Monitors addMonitors(EiNetwork net) {
        return new Monitors(net.network().addMonitor(new SpikeMonitor(net.neurons())),
                net.network().addMonitor(new RateMonitor(net.neurons().all(), 1.0)));
    }

    private void run(Path folder) throws IOException {
        double warmup = warmupMs == null ? Double.NaN : warmupMs; // NaN: chosen once the thread count is known
        if (!(warmup == 0)) {
            // with the same monitors: a code path first taken after warm-up (a monitor call in the step loop) is
            // deoptimised and recompiled during the timed run (seen: 2 threads at 0.30–0.43 s instead of 0.21)
            EiNetwork warm = build();
            addMonitors(warm);
            warm.network().prepare();
            if (Double.isNaN(warmup)) {
                // with every core stepping, the JIT's compiler threads get little time: COBA 40,000 on 2 threads
                // reached its steady speed only after ~30,000 steps (on one thread, ~10,000)
                warmup = warm.network().threads() > 1 ? WARMUP_THREADS : WARMUP_ONE_THREAD;
            }
            warm.network().run(warmup, ProgressListener.SILENT);
            warm.network().close();
        }
        long buildStart = System.nanoTime();
        EiNetwork net = build();
        Monitors monitors = addMonitors(net);
        SpikeMonitor spikes = monitors.spikes();
        RateMonitor rate = monitors.rate();
        long steps = net.network().grid().steps("duration", durationMs, 1);
        Path sonataFolder = folder.resolve("sonata");
        if (sonata) { // before prepare(): the writer reads the network as built
            SonataWriter.write(net.network(), sonataFolder);
            SonataWriter.writeSimulation(net.network(), sonataFolder, durationMs);
        }
        net.network().prepare();
        double buildSeconds = (System.nanoTime() - buildStart) * 1e-9;

        System.out.printf(Locale.ROOT, "network      %s, N = %d (%d excitatory, %d inhibitory), dt = %s ms%n",
                network.name(), net.size(), net.excitatory(), net.inhibitory(), dt);
        System.out.printf(Locale.ROOT, "synapses     %d (%.1f per neuron)%n", net.network().synapseCount(),
                net.network().synapseCount() / (double) net.size());
        System.out.printf(Locale.ROOT, "kernels      %s, %d thread(s), spikes exchanged every %d step(s)%n",
                net.network().kernels().name(), net.network().threads(), net.network().stepsPerExchange());
        System.out.printf(Locale.ROOT, "build        %.3f s%n", buildSeconds);

        long simStart = System.nanoTime();
        net.network().runSteps(steps, ProgressListener.stderr(5.0));
        double simSeconds = (System.nanoTime() - simStart) * 1e-9;
        double bioSeconds = durationMs * 1e-3;

        System.out.printf(Locale.ROOT, "simulation   %.3f s wall for %.3f s biological (after %s ms of warm-up)%n",
                simSeconds, bioSeconds, warmup);
        System.out.printf(Locale.ROOT, "speed        %.4f wall s per biological s%n", simSeconds / bioSeconds);
        System.out.printf(Locale.ROOT, "spikes       %d%n", spikes.count());
        System.out.printf(Locale.ROOT, "rate         E %.2f Hz, I %.2f Hz%n",
                spikes.meanRate(0, net.excitatory(), durationMs),
                spikes.meanRate(net.excitatory(), net.size(), durationMs));

        spikes.writeCsv(folder.resolve("spikes.csv"));
        rate.writeCsv(folder.resolve("rate.csv"));
        Path png = folder.resolve("raster.png");
        Plots.rasterWithRates(network.name() + ", N = " + net.size(), List.of(
                Plots.Group.of("E (" + net.excitatory() + ")", spikes, 0, net.excitatory()),
                Plots.Group.of("I (" + net.inhibitory() + ")", spikes, net.excitatory(), net.size())),
                0, durationMs, 1, png);
        System.out.printf(Locale.ROOT, "wrote        %s, %s, %s%n", folder.resolve("spikes.csv"),
                folder.resolve("rate.csv"), png);
        if (sonata) {
            Path report = Files.createDirectories(sonataFolder.resolve("output")).resolve("spikes.h5");
            SpikeReport.write(report, List.of(spikes));
            System.out.printf(Locale.ROOT, "wrote        %s, %s%n", sonataFolder.resolve("simulation_config.json"),
                    report);
        }
    }
}
