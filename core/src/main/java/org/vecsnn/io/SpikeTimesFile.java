package org.vecsnn.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vecsnn.core.input.SpikeTimesSource;

/**
 * Reads given spike times from CSV text, one spike per line: {@code neuron,t_ms}; an optional header line; '#'
 * starts a comment. A malformed file is refused with the line and field named.
 */
public final class SpikeTimesFile {
    public static final int MAX_LINES = 50_000_000;

    private SpikeTimesFile() {}

    public static SpikeTimesSource read(Path file, String name, int size) throws IOException {
        return parse(Files.readString(file), name, size);
    }

    public static SpikeTimesSource parse(String text, String name, int size) {
        List<TextFiles.Line> lines = TextFiles.lines(text, MAX_LINES);
        if (!lines.isEmpty() && TextFiles.isHeader(lines.get(0))) {
            lines = lines.subList(1, lines.size());
        }
        int[] units = new int[lines.size()];
        double[] times = new double[lines.size()];
        for (int s = 0; s < units.length; s++) {
            TextFiles.Line line = lines.get(s);
            if (line.fields().length != 2) {
                throw new IllegalArgumentException("line " + line.number() + ": " + line.fields().length
                        + " columns: must be neuron,t_ms");
            }
            units[s] = line.integer(0, "neuron");
            times[s] = line.number(1, "t_ms");
        }
        return new SpikeTimesSource(name, size, units, times);
    }
}
