package org.vecsnn.sonata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Runs a script of src/test/resources with Debian's /usr/bin/python3 and h5py, an HDF5 library not this project's. */
final class H5py {
    private H5py() {}

    /** The script's standard output; the calling test is skipped, saying why, where h5py is not installed. */
    static String run(String script, String... args) throws IOException, InterruptedException {
        Process check = new ProcessBuilder("/usr/bin/python3", "-c", "import h5py").redirectErrorStream(true).start();
        Assumptions.assumeTrue(check.waitFor() == 0, "h5py is not installed for /usr/bin/python3"
                + " (apt-get install python3-h5py): the test is skipped");
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3",
                Path.of("src/test/resources", script).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), script + " failed: " + output);
        return output;
    }
}
