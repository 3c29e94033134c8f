package org.vecsnn.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vecsnn.bench.Cli.Range;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.monitor.SpikeStream;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.BenchmarkNetworks;
import org.vecsnn.networks.EiNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A long run of COBA 4000 with monitors that keep memory flat: every spike streamed to disk
 * ({@link SpikeStream}) and the V of 10 neurons sampled every 10 ms into a ring of the last 100 s. Every window of
 * biological time it reports the rate in that window and the heap in use, and writes them as CSV.
 */
@Command(name = "longrun",
        description = "COBA 4000 for a long biological time with spikes streamed to disk: the rate and the heap in"
                + " use per window, printed and written as CSV.")
final class LongRun implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seconds", paramLabel = "S", description = "biological seconds to simulate (default"
            + " ${DEFAULT-VALUE})")
    @Range(min = 0, minExclusive = true)
    double seconds = 1000;

    @Option(names = "--window", paramLabel = "S", description = "biological seconds per reported window, at most"
            + " --seconds (default ${DEFAULT-VALUE})")
    @Range(min = 0, minExclusive = true)
    double window = 50;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("out", "longrun");

    @Override
    public Integer call() throws IOException {
        if (window > seconds) { // the loop would report nothing
            throw new ParameterException(spec.commandLine(), "--window = " + window + ": must be at most --seconds = "
                    + seconds);
        }
        Path folder = Cli.writableFolder(spec.commandLine(), out);
        EiNetwork coba = BenchmarkNetworks.coba(4000, 0.1, 1, KernelProvider.get());
        StateMonitor v = coba.network().addMonitor(new StateMonitor(coba.neurons(), "V",
                new int[] {0, 400, 800, 1200, 1600, 2000, 2400, 2800, 3200, 3600}, 10).keepLast(10_000));
        Runtime runtime = Runtime.getRuntime();
        System.out.println("   t (s)   rate in window (Hz)   heap used (MiB)   wall (s)");
        long start = System.nanoTime();
        try (SpikeStream spikes = coba.network().addMonitor(new SpikeStream(coba.neurons(),
                folder.resolve("spikes.csv")));
             Writer csv = Files.newBufferedWriter(folder.resolve("heap-and-rate.csv"))) {
            csv.write("t_s,rate_hz,heap_mib,wall_s\n");
            long counted = 0;
            for (long k = 1; k * window <= seconds + 1e-9; k++) { // k · window: no drift from repeated sums
                double t = k * window;
                coba.network().run(window * 1000, ProgressListener.SILENT);
                double rate = (spikes.count() - counted) / 4000.0 / window;
                counted = spikes.count();
                double heap = (runtime.totalMemory() - runtime.freeMemory()) / 1048576.0;
                double wall = (System.nanoTime() - start) * 1e-9;
                String line = String.format(Locale.ROOT, "%.3f,%.3f,%.1f,%.1f", t, rate, heap, wall);
                csv.write(line + "\n");
                csv.flush();
                System.out.printf(Locale.ROOT, "%8.3f   %19.3f   %15.1f   %8.1f%n", t, rate, heap, wall);
            }
        }
        System.out.printf(Locale.ROOT, "V samples kept: the last %d (every 10 ms); spikes in %s%n", v.sampleCount(),
                folder.resolve("spikes.csv"));
        return Cli.OK;
    }
}
