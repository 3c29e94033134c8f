package org.vecsnn.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.monitor.SpikeStream;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.networks.BenchmarkNetworks;
import org.vecsnn.core.networks.EiNetwork;
import org.vecsnn.core.simd.KernelProvider;

/**
 * A long run of COBA 4000 with monitors that keep memory flat: every spike streamed to disk
 * ({@link SpikeStream}) and the V of 10 neurons sampled every 10 ms into a ring of the last 100 s. Every window of biological time it reports
 * the rate in that window and the heap in use, and writes them as CSV.
 */
public final class LongRun {
    private LongRun() {}

    public static void main(String[] args) throws IOException {
        double seconds = 1000;
        double window = 50;
        Path out = Path.of("out", "longrun");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--window" -> window = Double.parseDouble(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> {
                    System.err.println("snn longrun: unknown option " + args[i] + " (--seconds, --window, --out)");
                    System.exit(2);
                }
            }
        }
        Files.createDirectories(out);
        EiNetwork coba = BenchmarkNetworks.coba(4000, 0.1, 1, KernelProvider.get());
        StateMonitor v = coba.network().addMonitor(new StateMonitor(coba.neurons(), "V",
                new int[] {0, 400, 800, 1200, 1600, 2000, 2400, 2800, 3200, 3600}, 10).keepLast(10_000));
        Runtime runtime = Runtime.getRuntime();
        System.out.println("t (s)   rate in window (Hz)   heap used (MiB)   wall (s)");
        long start = System.nanoTime();
        try (SpikeStream spikes = coba.network().addMonitor(new SpikeStream(coba.neurons(),
                out.resolve("spikes.csv"))); Writer csv = Files.newBufferedWriter(out.resolve("heap-and-rate.csv"))) {
            csv.write("t_s,rate_hz,heap_mib,wall_s\n");
            long counted = 0;
            for (double t = window; t <= seconds + 1e-9; t += window) {
                coba.network().run(window * 1000, ProgressListener.SILENT);
                double rate = (spikes.count() - counted) / 4000.0 / window;
                counted = spikes.count();
                double heap = (runtime.totalMemory() - runtime.freeMemory()) / 1048576.0;
                double wall = (System.nanoTime() - start) * 1e-9;
                String line = String.format(Locale.ROOT, "%.0f,%.3f,%.1f,%.1f", t, rate, heap, wall);
                csv.write(line + "\n");
                csv.flush();
                System.out.printf(Locale.ROOT, "%6.0f   %19.3f   %15.1f   %8.1f%n", t, rate, heap, wall);
            }
        }
        System.out.printf(Locale.ROOT, "V samples kept: the last %d (every 10 ms); spikes in %s%n", v.sampleCount(),
                out.resolve("spikes.csv"));
    }
}
