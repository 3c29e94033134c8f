package org.vecsnn.distributed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Starts a test program on several ranks with {@code mpirun} (oversubscribed, unbound: CI has 2 cores, and runs as
 * root), each rank a JVM on this test's class path; the tests are skipped with a message where mpirun is missing.
 */
final class MpiRun {
    /** What a run left: its exit code, everything it printed, and how long it took. */
    record Result(int exitCode, String output, double seconds) {}

    private MpiRun() {}

    /** Skips the calling test unless {@code mpirun} runs here. */
    static void assumeMpirun() {
        boolean present;
        try {
            Process p = new ProcessBuilder("mpirun", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            present = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            present = false;
        }
        Assumptions.assumeTrue(present, "mpirun not found: install Open MPI (Debian: apt-get install openmpi-bin"
                + " libopenmpi-dev) to run the distributed tests");
    }

    /** The command that starts {@code main} with {@code args} on {@code ranks} ranks. */
    static List<String> command(int ranks, Class<?> main, String... args) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of("mpirun", "-np", Integer.toString(ranks), "--oversubscribe",
                "--bind-to", "none", "-x", "OMPI_ALLOW_RUN_AS_ROOT", "-x", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx1g",
                "-cp", classPath, main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs {@code command}, waiting at most {@code timeoutSeconds} (then it is killed and the test fails). */
    static Result run(List<String> command, double timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OMPI_ALLOW_RUN_AS_ROOT", "1");
        builder.environment().put("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
        long start = System.nanoTime();
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append("(output unreadable: ").append(e).append(')');
            }
        });
        if (!process.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
            reader.join();
            throw new AssertionError("mpirun ran past " + timeoutSeconds + " s (a rank hangs?): " + command
                    + "\n" + output);
        }
        reader.join();
        return new Result(process.exitValue(), output.toString(), (System.nanoTime() - start) * 1e-9);
    }
}
