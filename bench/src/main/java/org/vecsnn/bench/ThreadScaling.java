package org.vecsnn.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.monitor.RateMonitor;
import org.vecsnn.core.networks.BenchmarkNetworks;
import org.vecsnn.core.networks.EiNetwork;
import org.vecsnn.core.networks.Microcircuit;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;

/**
 * How much faster a network steps on more threads, measured so that a machine's drift cancels: one JVM builds the
 * same network once per thread count, and runs them in rounds, each network for the same biological time per round,
 * in alternating order. The speed-up of each round compares runs a fraction of a second apart; its median over the
 * rounds is the figure. At the end every network has simulated the same time, and their spike counts per 1 ms bin
 * must be identical (they are the same run), else the command exits 1.
 */
public final class ThreadScaling {
    private ThreadScaling() {}

    static final String USAGE = """
            Usage: snn scaling [--network coba|cuba|cobahh|microcircuit] [--n N] [--scale S] [--threads 1,2]
                               [--rounds R] [--round MS] [--warmup MS] [--seed S]
              runs one network per thread count in one JVM, in alternating rounds of MS biological ms (default
              100; R = 20 rounds after MS of warm-up each, default 3000: on busy cores the JIT takes that long),
              and prints µs per step and the median speed-up of the rounds against the first thread count.
              Defaults: coba, N = 40000, threads 1,2.
            """;

    private record Subject(Network network, List<RateMonitor> rates) {}

    public static void main(String[] args) {
        String network = "coba";
        int n = 40_000;
        double scale = 1;
        int[] threads = {1, 2};
        int rounds = 20;
        double roundMs = 100;
        double warmupMs = RunNetwork.WARMUP_THREADS;
        long seed = 1;
        try {
            for (int i = 0; i < args.length; i += 2) {
                if (args[i].equals("--help") || args[i].equals("-h")) {
                    System.out.print(USAGE);
                    return;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--network" -> network = value.toLowerCase(Locale.ROOT);
                    case "--n" -> n = Integer.parseInt(value);
                    case "--scale" -> scale = Double.parseDouble(value);
                    case "--threads" -> threads = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                    case "--rounds" -> rounds = Integer.parseInt(value);
                    case "--round" -> roundMs = Double.parseDouble(value);
                    case "--warmup" -> warmupMs = Double.parseDouble(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds = " + rounds + ": must be at least 1");
            }
            if (!(roundMs > 0) || !(warmupMs >= 0)) {
                throw new IllegalArgumentException("--round = " + roundMs + ", --warmup = " + warmupMs
                        + ": the round must be positive and the warm-up not negative");
            }
            if (!BenchmarkNetworks.NAMES.contains(network) && !network.equals("microcircuit")) {
                throw new IllegalArgumentException("--network = " + network + ": must be one of "
                        + BenchmarkNetworks.NAMES + " or microcircuit");
            }
            if (!run(network, n, scale, threads, rounds, roundMs, warmupMs, seed)) {
                System.exit(1);
            }
        } catch (NumberFormatException e) {
            fail("every option's value must be a number: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        }
    }

    private static void fail(String message) {
        System.err.println("snn scaling: " + message);
        System.err.print(USAGE);
        System.exit(2);
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
