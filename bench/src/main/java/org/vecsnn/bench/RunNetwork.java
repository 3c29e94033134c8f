package org.vecsnn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.monitor.RateMonitor;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.networks.BenchmarkNetworks;
import org.vecsnn.core.networks.Microcircuit;
import org.vecsnn.core.networks.EiNetwork;
import org.vecsnn.core.simd.KernelProvider;

/**
 * The main job: builds a benchmark network, runs it, prints size, build and simulation times and rates, and writes
 * the spikes (CSV), the population rate (CSV) and a raster plot with the rate (PNG).
 */
public final class RunNetwork {
    private RunNetwork() {}

    static final String USAGE = """
            Usage: snn [options]            run a benchmark network
                   snn examples [--out DIR]  run the seed chapter's synapse experiments (default out/examples)
                   snn validate [--out DIR]  run the validation report (default out/validation); exits 1 on a failure
                   snn verify-microcircuit [--seeds 1,2] [--out DIR]  the full-scale microcircuit's rate, ISI CV and
                                            correlation distributions against NEST 3.10's (minutes per seed; needs
                                            SNN_JAVA_OPTS=-Xmx5g; default out/microcircuit); exits 1 on a miss
                   snn latency [--steps N] [--out DIR]  per-step latency percentiles of COBA 4000 (HdrHistogram)
                   snn longrun [--seconds S] [--window S] [--out DIR]  COBA 4000 for S s (default 1000) with
                                            streamed spikes: rate and heap per window
                   snn scaling [--network NAME] [--n N] [--threads 1,2] [--rounds R]  speed-up on more threads,
                                            alternating runs in one JVM (see snn scaling --help)
                   snn compare [--n N] [--duration MS] [--repeats R] [--networks coba,cuba,cobahh]
                                            side by side with Brian2 (needs apt-get install python3-brian)
              --network NAME   coba (default), cuba or cobahh: Brette et al. 2007 benchmarks (see README);
                               microcircuit: Potjans & Diesmann 2014 (77k neurons, 0.3e9 synapses at scale 1)
              --scale S        microcircuit: sizes and synapse counts × S, in-degrees kept (0.01 … 1, default 1)
              --drive D        microcircuit: dc (default) or poisson external input
              --n N            number of neurons, 80 % excitatory (default 4000)
              --duration MS    biological time to simulate in ms (default 1000)
              --dt MS          time step in ms (default 0.1)
              --seed S         seed of connectivity and initial state (default 1)
              --threads T      threads to step on (default: every core from 10^6 synapses, else one; results
                               are the same for any T)
              --warmup MS      biological time first run on an identical network to warm up the JIT,
                               not timed (default 1000 on one thread, 3000 on more; 0 for none);
                               microcircuit: simulated on the network itself and discarded (default 500)
              --out DIR        output folder (default out)
              --help           this text
            JVM options go in SNN_JAVA_OPTS, e.g. SNN_JAVA_OPTS="-Dvecsnn.kernels=plain" or "-Dvecsnn.vectorBits=256".
            """;

    /** The warm-up when none is given: on one thread; on more; for the microcircuit (on itself). */
    static final double WARMUP_ONE_THREAD = 1000;
    static final double WARMUP_THREADS = 3000;
    static final double WARMUP_MICROCIRCUIT = 500;

    record Options(String network, int n, double durationMs, double dt, long seed, double warmupMs, Path out,
                   int threads, double scale, String drive) {}

    static Options parse(String[] args) {
        String network = "coba";
        int n = 4000;
        double duration = 1000;
        double dt = 0.1;
        long seed = 1;
        int threads = 0;
        double scale = 1;
        String drive = "dc";
        double warmup = Double.NaN; // the default, chosen once the network is known
        Path out = Path.of("out");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + arg + " needs a value");
            }
            String value = args[++i];
            try {
                switch (arg) {
                    case "--network" -> network = value.toLowerCase(Locale.ROOT);
                    case "--n" -> n = Integer.parseInt(value);
                    case "--duration" -> duration = Double.parseDouble(value);
                    case "--dt" -> dt = Double.parseDouble(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--threads" -> threads = Integer.parseInt(value);
                    case "--scale" -> scale = Double.parseDouble(value);
                    case "--drive" -> drive = value.toLowerCase(Locale.ROOT);
                    case "--warmup" -> warmup = Double.parseDouble(value);
                    case "--out" -> out = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option " + arg + " = " + value + ": must be a number");
            }
        }
        if (!BenchmarkNetworks.NAMES.contains(network) && !network.equals("microcircuit")) {
            throw new IllegalArgumentException("--network = " + network + ": must be one of "
                    + BenchmarkNetworks.NAMES + " or microcircuit");
        }
        if (!drive.equals("dc") && !drive.equals("poisson")) {
            throw new IllegalArgumentException("--drive = " + drive + ": must be dc or poisson");
        }
        return new Options(network, n, duration, dt, seed, warmup, out, threads, scale, drive);
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length > 0 && args[0].equals("examples")) {
            SeedExamples.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("compare")) {
            CompareWithBrian2.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("longrun")) {
            LongRun.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("scaling")) {
            ThreadScaling.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("latency")) {
            StepLatency.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("validate")) {
            org.vecsnn.validation.ValidationReport.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("verify-microcircuit")) {
            org.vecsnn.validation.MicrocircuitVerification.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("snn: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(USAGE);
            return;
        }
        try {
            run(options);
        } catch (IllegalArgumentException e) {
            System.err.println("snn: " + e.getMessage());
            System.exit(2);
        }
    }

    static EiNetwork build(Options o) {
        EiNetwork net = BenchmarkNetworks.byName(o.network(), o.n(), o.dt(), o.seed(), KernelProvider.get());
        if (o.threads() > 0) {
            net.network().threads(o.threads());
        }
        return net;
    }

    private record Monitors(SpikeMonitor spikes, RateMonitor rate) {}

    /** A spike monitor and a 1 ms rate monitor of every neuron. */
    private static Monitors addMonitors(EiNetwork net) {
        return new Monitors(net.network().addMonitor(new SpikeMonitor(net.neurons())),
                net.network().addMonitor(new RateMonitor(net.neurons().all(), 1.0)));
    }

    static void run(Options o) throws IOException {
        if (o.network().equals("microcircuit")) {
            RunMicrocircuit.run(o.scale(), o.drive().equals("dc") ? Microcircuit.Drive.DC : Microcircuit.Drive.POISSON,
                    o.threads(), o.durationMs(), Double.isNaN(o.warmupMs()) ? WARMUP_MICROCIRCUIT : o.warmupMs(),
                    o.seed(), o.out());
            return;
        }
        double warmupMs = o.warmupMs();
        if (!(warmupMs <= 0)) {
            // with the same monitors: a code path first taken after warm-up (a monitor call in the step loop) is
            // deoptimised and recompiled during the timed run (seen: 2 threads at 0.30–0.43 s instead of 0.21)
            EiNetwork warm = build(o);
            addMonitors(warm);
            warm.network().prepare();
            if (Double.isNaN(warmupMs)) {
                // with every core stepping, the JIT's compiler threads get little time: COBA 40,000 on 2 threads
                // reached its steady speed only after ~30,000 steps (on one thread, ~10,000)
                warmupMs = warm.network().threads() > 1 ? WARMUP_THREADS : WARMUP_ONE_THREAD;
            }
            warm.network().run(warmupMs, ProgressListener.SILENT);
            warm.network().close();
        }
        long buildStart = System.nanoTime();
        EiNetwork net = build(o);
        Monitors monitors = addMonitors(net);
        SpikeMonitor spikes = monitors.spikes();
        RateMonitor rate = monitors.rate();
        long steps = net.network().grid().steps("duration", o.durationMs(), 1);
        net.network().prepare();
        double buildSeconds = (System.nanoTime() - buildStart) * 1e-9;

        System.out.printf(Locale.ROOT, "network      %s, N = %d (%d excitatory, %d inhibitory), dt = %s ms%n",
                o.network().toUpperCase(Locale.ROOT), net.size(), net.excitatory(), net.inhibitory(), o.dt());
        System.out.printf(Locale.ROOT, "synapses     %d (%.1f per neuron)%n", net.network().synapseCount(),
                net.network().synapseCount() / (double) net.size());
        System.out.printf(Locale.ROOT, "kernels      %s, %d thread(s), spikes exchanged every %d step(s)%n",
                net.network().kernels().name(), net.network().threads(), net.network().stepsPerExchange());
        System.out.printf(Locale.ROOT, "build        %.3f s%n", buildSeconds);

        long simStart = System.nanoTime();
        net.network().runSteps(steps, ProgressListener.stderr(5.0));
        double simSeconds = (System.nanoTime() - simStart) * 1e-9;
        double bioSeconds = o.durationMs() * 1e-3;

        System.out.printf(Locale.ROOT, "simulation   %.3f s wall for %.3f s biological (after %s ms of warm-up)%n",
                simSeconds, bioSeconds, Math.max(0, warmupMs));
        System.out.printf(Locale.ROOT, "speed        %.4f wall s per biological s%n", simSeconds / bioSeconds);
        System.out.printf(Locale.ROOT, "spikes       %d%n", spikes.count());
        System.out.printf(Locale.ROOT, "rate         E %.2f Hz, I %.2f Hz%n",
                spikes.meanRate(0, net.excitatory(), o.durationMs()),
                spikes.meanRate(net.excitatory(), net.size(), o.durationMs()));

        Files.createDirectories(o.out());
        spikes.writeCsv(o.out().resolve("spikes.csv"));
        rate.writeCsv(o.out().resolve("rate.csv"));
        Path png = o.out().resolve("raster.png");
        Plots.rasterWithRate(net.name().toUpperCase(Locale.ROOT) + ", N = " + net.size(), spikes, rate,
                o.durationMs(), png);
        System.out.printf(Locale.ROOT, "wrote        %s, %s, %s%n", o.out().resolve("spikes.csv"),
                o.out().resolve("rate.csv"), png);
    }
}
