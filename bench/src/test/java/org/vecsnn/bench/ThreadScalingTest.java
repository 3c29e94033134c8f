package org.vecsnn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code snn scaling} on a small network: one row per thread count, and the runs agree spike for spike. */
class ThreadScalingTest {
    @Test
    void printsARowPerThreadCountAndFindsTheRunsIdentical() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = System.out;
        boolean same;
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            same = ThreadScaling.run("coba", 4000, 1, new int[] {1, 2, 3}, 3, 20, 50, 7);
        } finally {
            System.setOut(out);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(same, text);
        assertTrue(text.contains("identical for every thread count"), text);
        long rows = text.lines().filter(l -> l.matches("\\s+[123]\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9.]+ \\(.*")).count();
        assertEquals(3, rows, text);
        assertTrue(text.lines().anyMatch(l -> l.matches("\\s+1\\s+[0-9.]+\\s+[0-9.]+\\s+1\\.00 \\(1\\.00–1\\.00\\)")),
                "the first thread count is the reference: " + text);
    }
}
