package org.vecsnn.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import org.vecsnn.bench.Cli.Range;
import org.vecsnn.core.Network;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.BenchmarkNetworks;
import org.vecsnn.networks.EiNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The embedding latency of one step of COBA 4000, after warm-up, as an HdrHistogram: plain stepping, and a
 * closed loop that writes an external input into 100 neurons before each step and reads their spikes after it.
 * Prints p50, p90, p99, p99.9 and max and writes one {@code .hgrm} file per loop.
 */
@Command(name = "latency",
        description = "Per-step latency percentiles of COBA 4000 (HdrHistogram): plain stepping, a closed loop with"
                + " input and spike read-out, and a fixed computation as long as the step (the machine's own tail).")
final class StepLatency implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--steps", paramLabel = "N", description = "measured steps per loop, after 30,000 warm-up steps"
            + " (default ${DEFAULT-VALUE})")
    @Range(min = 1, max = 1e9)
    long steps = 100_000;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("out", "latency");

    @Override
    public Integer call() throws IOException {
        Path folder = Cli.writableFolder(spec.commandLine(), out);
        System.out.printf(Locale.ROOT, "COBA 4000, %d measured steps after 30,000 warm-up steps, kernels %s%n",
                steps, KernelProvider.get().name());
        System.out.println("loop          p50 µs   p90 µs   p99 µs  p99.9 µs   max µs   p99.9/p50   > 10 µs: share,"
                + " per second");
        Histogram step = measure(steps, false);
        report("step", step, folder);
        report("closed-loop", measure(steps, true), folder);
        report("fixed-work", fixedWork(steps, step.getValueAtPercentile(50)), folder);
        System.out.println("fixed-work: the same loop timing a fixed computation as long as the step's median; its "
                + "tail is the machine's (interrupts, scheduling), not the simulator's. Equal rates of slow iterations "
                + "per second mean the same cause: an interrupt every few ms, which p99.9 catches once iterations last "
                + "long enough for more than 1 in 1000 to be hit");
        return Cli.OK;
    }

    /** A fixed computation of about {@code targetNanos}, timed like the steps: the platform's own latency tail. */
    static Histogram fixedWork(long steps, long targetNanos) {
        float[] data = new float[512];
        java.util.Arrays.fill(data, 1.0001f);
        for (int w = 0; w < 50_000; w++) { // compiled before it is calibrated (calibrated while interpreted, the
            sink += work(data, 1 + (w & 7)); // work came out at a third of the step's median)
        }
        int rounds = 0;
        for (long took = 0; took < targetNanos; ) { // calibrate: the least rounds that take the step's median
            rounds++;
            long start = System.nanoTime();
            for (int w = 0; w < 2000; w++) {
                sink += work(data, rounds);
            }
            took = (System.nanoTime() - start) / 2000;
        }
        Histogram histogram = new Histogram(3_600_000_000L, 3);
        for (long n = -30_000; n < steps; n++) {
            long start = System.nanoTime();
            sink += work(data, rounds);
            long elapsed = System.nanoTime() - start;
            if (n >= 0) {
                histogram.recordValue(elapsed);
            }
        }
        return histogram;
    }

    private static volatile float sink;

    private static float work(float[] data, int rounds) {
        float acc = 0;
        for (int r = 0; r < rounds; r++) {
            for (float x : data) {
                acc = acc * 0.999f + x;
            }
        }
        return acc;
    }

    static Histogram measure(long steps, boolean closedLoop) {
        EiNetwork coba = BenchmarkNetworks.coba(4000, 0.1, 1, KernelProvider.get());
        Network net = coba.network();
        NeuronPopulation neurons = coba.neurons();
        Histogram histogram = new Histogram(3_600_000_000L, 3);
        long spikesSeen = 0;
        for (long n = -30_000; n < steps; n++) {
            long start = System.nanoTime();
            if (closedLoop) { // the application's input for this step, then its read of the spikes
                float drive = (float) (2 * Math.sin(n * 0.01));
                float[] input = neurons.input();
                for (int i = 0; i < 100; i++) {
                    input[i] += drive;
                }
            }
            net.step();
            if (closedLoop) {
                int[] spikes = neurons.spikes();
                for (int s = 0; s < neurons.spikeCount() && spikes[s] < 100; s++) {
                    spikesSeen++;
                }
            }
            long elapsed = System.nanoTime() - start;
            if (n >= 0) {
                histogram.recordValue(elapsed);
            }
        }
        if (closedLoop && spikesSeen == 0) {
            throw new IllegalStateException("the closed loop saw no spikes: the network is silent");
        }
        return histogram;
    }

    static void report(String name, Histogram h, Path out) throws IOException {
        double p50 = h.getValueAtPercentile(50) / 1e3;
        double p999 = h.getValueAtPercentile(99.9) / 1e3;
        long slow = h.getCountBetweenValues(10_000, h.getMaxValue());
        double seconds = h.getMean() * h.getTotalCount() * 1e-9;
        System.out.printf(Locale.ROOT, "%-11s %8.2f %8.2f %8.2f %9.2f %8.1f %11.2f   %6.3f %%, %5.0f/s%n", name, p50,
                h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3, p999, h.getMaxValue() / 1e3,
                p999 / p50, 100.0 * slow / h.getTotalCount(), slow / seconds);
        Path file = out.resolve("latency-" + name + ".hgrm");
        try (PrintStream ps = new PrintStream(Files.newOutputStream(file))) {
            h.outputPercentileDistribution(ps, 1000.0); // in µs
        }
    }
}
