package org.vecsnn.core.monitor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.vecsnn.core.Population;
import org.vecsnn.core.Range;
import org.vecsnn.core.TimeGrid;

/** The population rate of a range: spikes per unit per second, in bins of a whole number of steps. */
public final class RateMonitor implements Monitor {
    private final Range range;
    private final double binMs;
    private TimeGrid grid;
    private long binSteps;
    private int[] counts = new int[1024];
    private int bins;

    public RateMonitor(Range range, double binMs) {
        if (range == null) {
            throw new IllegalArgumentException("range = null: must be a range of a population");
        }
        org.vecsnn.core.Check.positive("rate bin (ms)", binMs);
        this.range = range;
        this.binMs = binMs;
    }

    @Override
    public String description() {
        return "rate monitor of " + range + " in bins of " + binMs + " ms";
    }

    @Override
    public Population population() {
        return range.population();
    }

    @Override
    public void prepare(TimeGrid grid) {
        this.grid = grid;
        this.binSteps = grid.steps("rate bin", binMs, 1);
    }

    @Override
    public void record(long step) {
        int bin = (int) (step / binSteps);
        if (bin >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(counts.length * 2, bin + 1));
        }
        bins = Math.max(bins, bin + 1);
        int[] spikes = range.population().spikes();
        int n = range.population().spikeCount();
        int c = 0;
        for (int s = 0; s < n; s++) {
            if (spikes[s] >= range.from() && spikes[s] < range.to()) {
                c++;
            }
        }
        counts[bin] += c;
    }

    @Override
    public void save(java.io.DataOutputStream out) throws IOException {
        org.vecsnn.core.Checkpointed.writeInts(out, Arrays.copyOf(counts, bins));
    }

    @Override
    public Runnable load(java.io.DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 100_000_000) {
            throw new IOException("rate monitor: " + n + " bins: out of range");
        }
        int[] c = new int[n];
        for (int b = 0; b < n; b++) {
            c[b] = in.readInt();
        }
        return () -> {
            counts = Arrays.copyOf(c, Math.max(n, 1024));
            bins = n;
        };
    }

    /** The start time of each bin in ms. */
    public double[] times() {
        double[] t = new double[bins];
        for (int b = 0; b < bins; b++) {
            t[b] = grid.time(b * binSteps);
        }
        return t;
    }

    /** The rate of each bin in Hz. */
    public double[] ratesHz() {
        double[] r = new double[bins];
        double scale = 1.0 / range.size() / (binSteps * grid.dt() * 1e-3);
        for (int b = 0; b < bins; b++) {
            r[b] = counts[b] * scale;
        }
        return r;
    }

    /** Writes {@code t_ms,rate_hz} rows, one per bin. */
    public void writeTo(RecordSink sink) throws IOException {
        double[] t = times();
        double[] r = ratesHz();
        sink.begin(null, "t_ms", "rate_hz");
        for (int b = 0; b < bins; b++) {
            sink.cell(t[b]);
            sink.cell(r[b]);
            sink.endRow();
        }
    }

    public void writeCsv(Path file) throws IOException {
        try (CsvSink sink = CsvSink.open(file)) {
            writeTo(sink);
        }
    }
}
