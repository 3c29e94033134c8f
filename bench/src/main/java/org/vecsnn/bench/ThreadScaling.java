package org.vecsnn.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vecsnn.bench.Cli.Range;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.monitor.RateMonitor;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.BenchmarkNetworks;
import org.vecsnn.networks.EiNetwork;
import org.vecsnn.networks.Microcircuit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How much faster a network steps on more threads, measured so that a machine's drift cancels: one JVM builds the
 * same network once per thread count, and runs them in rounds, each network for the same biological time per round,
 * in alternating order. The speed-up of each round compares runs a fraction of a second apart; its median over the
 * rounds is the figure. At the end every network has simulated the same time, and their spike counts per 1 ms bin
 * must be identical (they are the same run), else the command exits 1.
 */
@Command(name = "scaling",
        description = {"Runs one network per thread count in one JVM, in alternating rounds, and prints µs per step"
                + " and the median speed-up of the rounds against the first thread count. Exits 1 if the thread"
                + " counts did not fire the same spikes."})
final class ThreadScaling implements Callable<Integer> {
    @Option(names = "--network", paramLabel = "NAME", description = "COBA (default), CUBA, COBAHH or MICROCIRCUIT")
    RunNetwork.Benchmark network = RunNetwork.Benchmark.COBA;

    @Option(names = "--n", paramLabel = "N", description = "COBA, CUBA, COBAHH: number of neurons (default"
            + " ${DEFAULT-VALUE})")
    @Range(min = 1)
    int n = 40_000;

    @Option(names = "--scale", paramLabel = "S", description = "microcircuit: scale, 0.01 … 1 (default"
            + " ${DEFAULT-VALUE})")
    @Range(min = 0.01, max = 1)
    double scale = 1;

    @Option(names = "--threads", paramLabel = "T", split = ",", description = "thread counts, comma-separated, each"
            + " 1 … 1024 (default 1,2); the first is the reference")
    @Range(min = 1, max = 1024)
    List<Integer> threads = List.of(1, 2);

    @Option(names = "--rounds", paramLabel = "R", description = "rounds (default ${DEFAULT-VALUE})")
    @Range(min = 1)
    int rounds = 20;

    @Option(names = "--round", paramLabel = "MS", description = "biological ms per network and round (default"
            + " ${DEFAULT-VALUE})")
    @Range(min = 0, minExclusive = true)
    double roundMs = 100;

    @Option(names = "--warmup", paramLabel = "MS", description = "warm-up per network (default ${DEFAULT-VALUE}: on"
            + " busy cores the JIT takes that long)")
    @Range(min = 0)
    double warmupMs = RunNetwork.WARMUP_THREADS;

    @Option(names = "--seed", paramLabel = "S", description = "seed (default ${DEFAULT-VALUE})")
    long seed = 1;

    private record Subject(Network network, List<RateMonitor> rates) {}

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RunNetwork.refuseOptionsForOtherNetworks(spec.commandLine(), network);
        return run(network.key(), n, scale, threads.stream().mapToInt(Integer::intValue).toArray(), rounds, roundMs,
                warmupMs, seed) ? Cli.OK : Cli.FAILED;
    }

    private static Subject build(String name, int n, double scale, int threads, long seed) {
        List<NeuronPopulation> populations;
        Network network;
        if (name.equals("microcircuit")) {
            Microcircuit.Built built = Microcircuit.build(scale, 0.1, seed, KernelProvider.get(),
                    Microcircuit.Drive.DC);
            network = built.network();
            populations = built.populations();
        } else {
            EiNetwork e = BenchmarkNetworks.byName(name, n, 0.1, seed, KernelProvider.get());
            network = e.network();
            populations = List.of(e.neurons());
        }
        network.threads(threads);
        List<RateMonitor> rates = new ArrayList<>();
        for (NeuronPopulation p : populations) {
            rates.add(network.addMonitor(new RateMonitor(p.all(), 1.0)));
        }
        network.prepare();
        return new Subject(network, rates);
    }

    /** Prints the table; returns whether every thread count gave the same spike counts. */
    static boolean run(String name, int n, double scale, int[] threads, int rounds, double roundMs, double warmupMs,
                       long seed) {
        Subject[] subjects = new Subject[threads.length];
        for (int k = 0; k < threads.length; k++) {
            subjects[k] = build(name, n, scale, threads[k], seed);
            if (subjects[k].network().threads() != threads[k]) {
                throw new IllegalArgumentException("--threads: " + name + " steps on "
                        + subjects[k].network().threads() + " thread(s) when asked for " + threads[k]);
            }
            subjects[k].network().run(warmupMs, ProgressListener.SILENT);
        }
        String what = name.equals("microcircuit") ? "microcircuit, scale " + scale
                : name.toUpperCase(Locale.ROOT) + ", N = " + n;
        System.out.printf(Locale.ROOT, "%s, %d synapses, kernels %s; threads %s in one JVM: %d rounds of %s ms "
                        + "each, alternating, after %s ms of warm-up%n", what, subjects[0].network().synapseCount(),
                subjects[0].network().kernels().name(), Arrays.toString(threads), rounds, roundMs, warmupMs);
        long steps = subjects[0].network().grid().steps("round", roundMs, 1);
        double[][] micros = new double[threads.length][rounds];
        long start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < threads.length; i++) {
                int k = r % 2 == 0 ? i : threads.length - 1 - i;
                long t0 = System.nanoTime();
                subjects[k].network().runSteps(steps, ProgressListener.SILENT);
                micros[k][r] = (System.nanoTime() - t0) * 1e-3 / steps;
            }
            if (System.nanoTime() - start > 5_000_000_000L && (r + 1) % 5 == 0) {
                System.err.printf(Locale.ROOT, "snn scaling: %d of %d rounds%n", r + 1, rounds);
            }
        }
        System.out.println("threads   µs per step: min   median   speed-up: median of rounds (quartiles)");
        for (int k = 0; k < threads.length; k++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = micros[0][r] / micros[k][r];
            }
            double[] sorted = micros[k].clone();
            Arrays.sort(sorted);
            Arrays.sort(ratio);
            System.out.printf(Locale.ROOT, "%7d   %16.2f %8.2f   %6.2f (%.2f–%.2f)%n", threads[k], sorted[0],
                    median(sorted), median(ratio), ratio[rounds / 4], ratio[(3 * rounds) / 4]);
        }
        boolean same = true;
        for (int k = 1; k < threads.length; k++) {
            for (int p = 0; p < subjects[0].rates().size(); p++) {
                same &= Arrays.equals(subjects[0].rates().get(p).ratesHz(), subjects[k].rates().get(p).ratesHz());
            }
        }
        for (Subject s : subjects) {
            s.network().close();
        }
        System.out.println(same ? "spike counts per 1 ms bin: identical for every thread count (the same run)"
                : "spike counts per 1 ms bin DIFFER between thread counts: this is a bug");
        return same;
    }

    private static double median(double[] sorted) {
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
