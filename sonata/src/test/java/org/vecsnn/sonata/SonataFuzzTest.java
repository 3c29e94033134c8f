package org.vecsnn.sonata;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vecsnn.core.simd.KernelProvider;

/**
 * Fuzz tests of the SONATA readers: a {@link TinyCircuit} with one file replaced (the nodes HDF5 file with bytes
 * of the valid one changed, or the circuit's JSON) loads or is refused with a {@link SonataFormatException}, never
 * another exception. In CI they replay their seeds; {@code JAZZER_FUZZ=1} fuzzes for real (.ci/run, 10 s each).
 */
class SonataFuzzTest {
    private static final Path DIR = folder();
    private static final byte[] NODES = read(DIR.resolve("net/nodes.h5"));

    private static Path folder() {
        try {
            Path dir = Files.createTempDirectory("sonata-fuzz");
            new TinyCircuit().write(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void load(Path file, byte[] content) throws IOException {
        Path saved = DIR.resolve("saved");
        Files.copy(file, saved, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.write(file, content);
        try {
            SonataSimulation.load(DIR.resolve("simulation_config.json"), KernelProvider.get());
        } catch (SonataFormatException refused) {
            // the readers' answer to a malformed file
        } finally {
            Files.move(saved, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The valid nodes file with a few bytes overwritten at fuzzed places, or cut short. */
    @FuzzTest(maxDuration = "10s")
    void hdf5Nodes(FuzzedDataProvider data) throws IOException {
        byte[] bytes = NODES.clone();
        int changes = data.consumeInt(0, 8);
        for (int i = 0; i < changes; i++) {
            bytes[data.consumeInt(0, bytes.length - 1)] = data.consumeByte();
        }
        int length = data.consumeInt(0, bytes.length);
        load(DIR.resolve("net/nodes.h5"), java.util.Arrays.copyOf(bytes, length));
    }

    @FuzzTest(maxDuration = "10s")
    void circuitJson(FuzzedDataProvider data) throws IOException {
        load(DIR.resolve("circuit_config.json"), data.consumeRemainingAsBytes());
    }
}
