package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core as a Java module: a program on the module path reads the API, runs COBA with the vector kernels, and
 * cannot reach the engine's own classes, not even by reflection.
 */
class ModulePathTest {
    private static final String PROGRAM = """
            import org.vecsnn.core.simd.KernelProvider;
            import org.vecsnn.networks.BenchmarkNetworks;

            public class OnTheModulePath {
                public static void main(String[] args) throws Exception {
                    var coba = BenchmarkNetworks.coba(4000, 0.1, 1, KernelProvider.get());
                    coba.network().runSteps(1000, org.vecsnn.core.ProgressListener.SILENT);
                    System.out.println("module " + coba.network().getClass().getModule().getName());
                    System.out.println("kernels " + coba.network().kernels().name());
                    System.out.println("steps " + coba.network().stepIndex());
                    // statements generated, compiled and loaded at run time, beside the module
                    var stdp = org.vecsnn.equations.SynapseModel.builder("w : 1\\ndA/dt = -A/tau : 1 (event-driven)")
                            .onPre("ge += w\\nA += 0.001\\nw = clip(w - A, 0, 0.01)").constant("tau", "20*ms")
                            .build();
                    var song = org.vecsnn.networks.SongMillerAbbott.build(1, KernelProvider.get(), stdp);
                    song.network().runSteps(1000, org.vecsnn.core.ProgressListener.SILENT);
                    System.out.println("synapse model steps " + song.network().stepIndex());
                    try {
                        Class.forName("org.vecsnn.core.Stepper").getDeclaredConstructors()[0].setAccessible(true);
                        System.out.println("engine reachable");
                    } catch (RuntimeException refused) {
                        System.out.println("engine refused: " + refused.getClass().getSimpleName());
                    }
                }
            }
            """;

    @Test
    void aProgramOnTheModulePathUsesTheApiAndNotTheEngine(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("OnTheModulePath.java");
        Files.writeString(source, PROGRAM);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "--module-path", Path.of("target/classes").toString(),
                "--add-modules", "org.vecsnn.core,jdk.incubator.vector", source.toString())
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the program ends");
        List<String> lines = new String(process.getInputStream().readAllBytes()).lines()
                .filter(l -> !l.startsWith("WARNING")).toList();
        assertEquals(0, process.exitValue(), String.join("\n", lines));
        assertEquals("module org.vecsnn.core", lines.get(0), String.join("\n", lines));
        assertTrue(lines.get(1).startsWith("kernels vector"), lines.get(1));
        assertEquals("steps 1000", lines.get(2));
        assertEquals("synapse model steps 1000", lines.get(3), String.join("\n", lines));
        assertEquals("engine refused: InaccessibleObjectException", lines.get(4));
    }
}
