package org.vecsnn.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vecsnn.core.connect.Connector;
import org.vecsnn.core.connect.Connectors;

/**
 * Reads explicit synapses from CSV text, one per line: {@code pre,post} with optionally {@code ,weight} and
 * {@code ,delay_ms} (PyNN's FromFileConnector columns; the delay in this core's terms, k = d/dt steps: PyNN's on
 * NEST or Brian2 is one step longer, see {@link org.vecsnn.networks.Nest}); indices relative to the projection's
 * ranges; an optional header line; '#' starts a comment. Every line must have the same columns. A malformed file is
 * refused with the line and field named.
 */
public final class ConnectionListFile {
    /** At most this many synapses per file. */
    public static final int MAX_LINES = 50_000_000;

    private ConnectionListFile() {}

    public static Connector read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static Connector parse(String text) {
        List<TextFiles.Line> lines = TextFiles.lines(text, MAX_LINES);
        if (!lines.isEmpty() && TextFiles.isHeader(lines.get(0))) {
            lines = lines.subList(1, lines.size());
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("connection list: no synapses: must have at least one line pre,post");
        }
        int columns = lines.get(0).fields().length;
        if (columns < 2 || columns > 4) {
            throw new IllegalArgumentException("line " + lines.get(0).number() + ": " + columns
                    + " columns: must be pre,post[,weight[,delay_ms]]");
        }
        int n = lines.size();
        int[] pre = new int[n];
        int[] post = new int[n];
        float[] weights = columns >= 3 ? new float[n] : null;
        double[] delays = columns == 4 ? new double[n] : null;
        for (int s = 0; s < n; s++) {
            TextFiles.Line line = lines.get(s);
            if (line.fields().length != columns) {
                throw new IllegalArgumentException("line " + line.number() + ": " + line.fields().length
                        + " columns: must have " + columns + " like the first line");
            }
            pre[s] = line.integer(0, "pre");
            post[s] = line.integer(1, "post");
            if (pre[s] < 0 || post[s] < 0) {
                throw line.fail(pre[s] < 0 ? "pre" : "post", line.fields()[pre[s] < 0 ? 0 : 1], "an index >= 0");
            }
            if (weights != null) {
                double w = line.number(2, "weight");
                if (Math.abs(w) > Float.MAX_VALUE) {
                    throw line.fail("weight", line.fields()[2], "within the float range");
                }
                weights[s] = (float) w;
            }
            if (delays != null) {
                delays[s] = line.number(3, "delay_ms");
            }
        }
        return Connectors.fromList(pre, post, weights, delays);
    }
}
