package org.vecsnn.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./snn} script's text (running it here would build the project inside the build): it starts the JVM in
 * the caller's directory, so that a relative {@code --out} is the caller's, and filters stderr line by line, so that
 * progress lines are not held back when stderr is redirected.
 */
class SnnScriptTest {
    private static List<String> script() throws IOException {
        return Files.readAllLines(Path.of("..", "snn"));
    }

    @Test
    void theJvmStartsInTheCallersDirectory() throws IOException {
        assertFalse(script().stream().anyMatch(line -> line.startsWith("cd ")), "a top-level cd in ./snn");
        assertTrue(script().stream().anyMatch(line -> line.startsWith("exec ")), "./snn execs the JVM");
    }

    @Test
    void theStderrFilterIsLineBuffered() throws IOException {
        List<String> filters = script().stream().filter(line -> line.contains("grep ")).toList();
        assertFalse(filters.isEmpty());
        assertTrue(filters.stream().allMatch(line -> line.contains("grep --line-buffered")), filters.toString());
    }
}
