package org.vecsnn.equations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk cache of compiled classes ({@link InMemoryCompiler}): hits, damaged and foreign entries, races. */
class EquationDiskCacheTest {
    @TempDir
    Path cache;

    private static Map<String, String> probe(String name, int value) {
        return Racer.probe(name, value);
    }

    private static int call(InMemoryCompiler.Loaded loaded, String name) throws ReflectiveOperationException {
        return Racer.call(loaded, name);
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.sorted().toList();
        }
    }

    @Test
    void aSecondCompileLoadsTheEntryAndRunsTheSameCode() throws Exception {
        InMemoryCompiler.Loaded cold = InMemoryCompiler.compile(probe("Probe", 7), false, cache);
        assertFalse(cold.fromDisk());
        assertEquals(1, entries().size(), "one entry file: " + entries());
        assertTrue(entries().getFirst().toString().endsWith(".classes"));
        InMemoryCompiler.Loaded warm = InMemoryCompiler.compile(probe("Probe", 7), false, cache);
        assertTrue(warm.fromDisk());
        assertEquals(7, call(cold, "Probe"));
        assertEquals(7, call(warm, "Probe"));
        assertFalse(InMemoryCompiler.compile(probe("Probe", 8), false, cache).fromDisk(), "other source, other key");
        assertEquals(2, entries().size());
        assertFalse(InMemoryCompiler.compile(probe("Probe", 7), false, null).fromDisk(), "no folder, no cache");
    }

    @Test
    void aDamagedOrTruncatedEntryIsIgnoredAndReplaced() throws Exception {
        InMemoryCompiler.compile(probe("Probe", 3), false, cache);
        Path entry = entries().getFirst();
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(entry, bytes);
        InMemoryCompiler.Loaded damaged = InMemoryCompiler.compile(probe("Probe", 3), false, cache);
        assertFalse(damaged.fromDisk(), "a flipped byte fails the checksum");
        assertEquals(3, call(damaged, "Probe"));
        assertTrue(InMemoryCompiler.compile(probe("Probe", 3), false, cache).fromDisk(), "rewritten whole");
        Files.write(entry, Arrays.copyOf(Files.readAllBytes(entry), 40));
        assertFalse(InMemoryCompiler.compile(probe("Probe", 3), false, cache).fromDisk(), "truncated");
        Files.write(entry, new byte[0]);
        assertFalse(InMemoryCompiler.compile(probe("Probe", 3), false, cache).fromDisk(), "empty");
        assertTrue(InMemoryCompiler.compile(probe("Probe", 3), false, cache).fromDisk());
    }

    /** Another key's entry under this key's name (copied, or renamed by hand): intact, but not loaded. */
    @Test
    void aForeignEntryIsIgnored() throws Exception {
        InMemoryCompiler.compile(probe("Probe", 1), false, cache);
        Path one = entries().getFirst();
        InMemoryCompiler.compile(probe("Probe", 2), false, cache);
        Path two = entries().stream().filter(p -> !p.equals(one)).findFirst().orElseThrow();
        Files.copy(one, two, StandardCopyOption.REPLACE_EXISTING);
        InMemoryCompiler.Loaded loaded = InMemoryCompiler.compile(probe("Probe", 2), false, cache);
        assertFalse(loaded.fromDisk());
        assertEquals(2, call(loaded, "Probe"), "its own classes, not the foreign entry's");
        Files.writeString(two, "not an entry at all, but longer than a SHA-256 of thirty-two bytes");
        assertFalse(InMemoryCompiler.compile(probe("Probe", 2), false, cache).fromDisk());
    }

    @Test
    void theKeyHoldsTheJdkAndTheLibraryVersion() {
        Map<String, String> sources = probe("Probe", 1);
        String key = InMemoryCompiler.key(sources, "25+36", "0.1.0");
        assertEquals(key, InMemoryCompiler.key(sources, "25+36", "0.1.0"));
        assertNotEquals(key, InMemoryCompiler.key(sources, "25.0.1+8", "0.1.0"));
        assertNotEquals(key, InMemoryCompiler.key(sources, "25+36", "0.2.0"));
        assertNotEquals(key, InMemoryCompiler.key(probe("Probe", 2), "25+36", "0.1.0"));
        assertEquals(64, key.length(), "a SHA-256 in hex");
    }

    /** Threads of one JVM compiling, writing and reading the same entry at once all get working classes. */
    @Test
    void racingThreadsAllGetWorkingClasses() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> call(InMemoryCompiler.compile(probe("Race", 5), false, cache), "Race")));
            }
            for (Future<Integer> r : results) {
                assertEquals(5, r.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, entries().size(), "one entry, no temporary file left: " + entries());
        assertTrue(InMemoryCompiler.compile(probe("Race", 5), false, cache).fromDisk());
    }

    /** Two JVMs started together on an empty cache, each compiling and loading the same two models three times. */
    @Test
    void twoJvmsRacingDoNotBreakEachOther() throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        String classPath = Path.of(InMemoryCompiler.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + File.pathSeparator
                + Path.of(Racer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Process> jvms = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            jvms.add(new ProcessBuilder(javaBin, "-cp", classPath, Racer.class.getName(), cache.toString())
                    .redirectErrorStream(true).start());
        }
        for (Process p : jvms) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            assertEquals("11 12 11 12 11 12", out.strip(), "each JVM's classes return their own values");
        }
        assertEquals(2, entries().size(), "two entries, no temporary file left: " + entries());
        assertTrue(InMemoryCompiler.compile(probe("A", 11), false, cache).fromDisk());
        assertTrue(InMemoryCompiler.compile(probe("B", 12), false, cache).fromDisk());
    }

    /**
     * The other JVM of {@link #twoJvmsRacingDoNotBreakEachOther}: prints the values its classes return. It holds the
     * helpers the tests share, so that it runs without the test class (and JUnit) on its class path.
     */
    static final class Racer {
        /** A generated class that returns {@code value} through a method of the core (so that its key names it). */
        static Map<String, String> probe(String name, int value) {
            return Map.of(name, "package vecsnn.generated;\n\npublic final class " + name
                    + " implements java.util.function.IntSupplier {\n    public int getAsInt() {\n        return (int)"
                    + " org.vecsnn.equations.Functions.floor(" + value + ".5f);\n    }\n}\n");
        }

        static int call(InMemoryCompiler.Loaded loaded, String name) throws ReflectiveOperationException {
            return ((IntSupplier) loaded.classes().get(name).getConstructor().newInstance()).getAsInt();
        }

        public static void main(String[] args) throws Exception {
            Path cache = Path.of(args[0]);
            StringBuilder out = new StringBuilder();
            for (int round = 0; round < 3; round++) {
                out.append(call(InMemoryCompiler.compile(probe("A", 11), false, cache), "A")).append(' ');
                out.append(call(InMemoryCompiler.compile(probe("B", 12), false, cache), "B")).append(' ');
            }
            System.out.println(out.toString().strip());
        }
    }
}
