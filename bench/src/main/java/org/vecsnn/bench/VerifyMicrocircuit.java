package org.vecsnn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vecsnn.bench.Cli.Range;
import org.vecsnn.validation.MicrocircuitVerification;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snn verify-microcircuit}: the microcircuit's spike statistics against NEST 3.10's. */
@Command(name = "verify-microcircuit",
        description = "Runs the full-scale microcircuit with Poisson drive (500 ms discarded, 3000 ms recorded) per"
                + " seed and compares the distributions of rates, ISI CVs and spike-count correlations with NEST"
                + " 3.10's (KS distance against the spread between NEST's seeds). Minutes per seed; needs"
                + " SNN_JAVA_OPTS=-Xmx5g. Exits 1 on a miss.")
final class VerifyMicrocircuit implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seeds", paramLabel = "S", split = ",", description = "seeds, comma-separated (default 1,2)")
    @Range(min = 0)
    long[] seeds = {1, 2};

    @Option(names = "--scale", paramLabel = "S", description = "scale, 0.01 … 1 (default ${DEFAULT-VALUE}; the "
            + "reference is for 1)")
    @Range(min = 0.01, max = 1)
    double scale = 1;

    @Option(names = "--threads", paramLabel = "T", description = "threads (default: every core)")
    @Range(min = 1, max = 1024)
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--reference", paramLabel = "CSV", description = "NEST's statistics (default ${DEFAULT-VALUE})")
    Path reference = defaultReference();

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("out", "microcircuit");

    /**
     * The reference beside the repository ({@code ../shared/...}), found from the repository's folder that the snn
     * script names ({@code -Dvecsnn.home}), so that the command works from any directory; else from this one.
     */
    static Path defaultReference() {
        String home = System.getProperty("vecsnn.home");
        Path relative = MicrocircuitVerification.DEFAULT_REFERENCE;
        return home == null || home.isBlank() ? relative : Path.of(home).resolve(relative).normalize();
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isReadable(reference)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--reference = " + reference + ": no such"
                    + " readable file; must be NEST's statistics (../shared/reference/microcircuit-nest/ beside the"
                    + " repository)");
        }
        Path folder = Cli.writableFolder(spec.commandLine(), out);
        if (MicrocircuitVerification.run(seeds, folder, reference, scale, threads)) {
            return Cli.OK;
        }
        System.err.println("snn verify-microcircuit: some distances or mean correlations miss NEST's (see the table)");
        return Cli.FAILED;
    }
}
