package org.vecsnn.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vecsnn.validation.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snn validate}: the validation report ({@link ValidationReport}). */
@Command(name = "validate",
        description = "Runs the validation report: every model against closed forms or RK4 references, with bounds,"
                + " convergence orders and PNG figures. Exits 1 if any case misses its bound.")
final class Validate implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("out", "validation");

    @Override
    public Integer call() throws IOException {
        if (ValidationReport.run(Cli.writableFolder(spec.commandLine(), out))) {
            return Cli.OK;
        }
        System.err.println("snn validate: some cases missed their bounds (see the report)");
        return Cli.FAILED;
    }
}
