package org.vecsnn.core.monitor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.vecsnn.core.Population;
import org.vecsnn.core.TimeGrid;

/**
 * Records every spike of a population as (step, unit), in memory; the buffers double when full. Times are the
 * labels of the spiking steps, {@code t = n·dt}.
 */
public final class SpikeMonitor implements Monitor {
    private final Population population;
    private TimeGrid grid;
    private long[] steps = new long[4096];
    private int[] units = new int[4096];
    private int count;

    public SpikeMonitor(Population population) {
        if (population == null) {
            throw new IllegalArgumentException("population = null: must be a population to monitor");
        }
        this.population = population;
    }

    @Override
    public Population population() {
        return population;
    }

    @Override
    public void prepare(TimeGrid grid) {
        this.grid = grid;
    }

    @Override
    public void record(long step) {
        int n = population.spikeCount();
        if (count + n > units.length) {
            int capacity = Math.max(units.length * 2, count + n);
            steps = Arrays.copyOf(steps, capacity);
            units = Arrays.copyOf(units, capacity);
        }
        int[] spikes = population.spikes();
        for (int s = 0; s < n; s++) {
            steps[count] = step;
            units[count++] = spikes[s];
        }
    }

    @Override
    public void save(java.io.DataOutputStream out) throws IOException {
        out.writeInt(count);
        org.vecsnn.core.Checkpointed.writeLongs(out, steps());
        org.vecsnn.core.Checkpointed.writeInts(out, units());
    }

    @Override
    public Runnable load(java.io.DataInputStream in) throws IOException {
        long[] s = readLongs(in);
        int[] u = org.vecsnn.core.Checkpointed.readInts(in, s.length, "spike monitor of '" + population.name() + "'");
        for (int k = 0; k < u.length; k++) {
            if (u[k] < 0 || u[k] >= population.size() || s[k] < 0) {
                throw new IOException("spike monitor of '" + population.name() + "': spike " + k + " out of range");
            }
        }
        return () -> {
            steps = Arrays.copyOf(s, Math.max(s.length, 4096));
            units = Arrays.copyOf(u, Math.max(u.length, 4096));
            count = s.length;
        };
    }

    private long[] readLongs(java.io.DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 500_000_000) {
            throw new IOException("spike monitor of '" + population.name() + "': " + n + " spikes: out of range");
        }
        return org.vecsnn.core.Checkpointed.readLongs(in, n, "spike monitor of '" + population.name() + "'") ;
    }

    /** The number of spikes recorded. */
    public int count() {
        return count;
    }

    /** The number of spikes of units {@code [from, to)}. */
    public int count(int from, int to) {
        int c = 0;
        for (int s = 0; s < count; s++) {
            if (units[s] >= from && units[s] < to) {
                c++;
            }
        }
        return c;
    }

    /** The spiking steps, in recording order. */
    public long[] steps() {
        return Arrays.copyOf(steps, count);
    }

    /** The spiking units, in recording order. */
    public int[] units() {
        return Arrays.copyOf(units, count);
    }

    /** The spike times in ms. */
    public double[] times() {
        double[] t = new double[count];
        for (int s = 0; s < count; s++) {
            t[s] = grid.time(steps[s]);
        }
        return t;
    }

    /** The spike times of one unit in ms, ascending. */
    public double[] timesOf(int unit) {
        return java.util.stream.IntStream.range(0, count).filter(s -> units[s] == unit)
                .mapToDouble(s -> grid.time(steps[s])).toArray();
    }

    /** The mean rate in Hz of units {@code [from, to)} over {@code durationMs}. */
    public double meanRate(int from, int to, double durationMs) {
        return count(from, to) / (double) (to - from) / (durationMs * 1e-3);
    }

    /** Writes {@code t_ms,neuron} rows. */
    public void writeTo(RecordSink sink) throws IOException {
        sink.begin(null, "t_ms", "neuron");
        for (int s = 0; s < count; s++) {
            sink.cell(grid.time(steps[s]));
            sink.cell(units[s]);
            sink.endRow();
        }
    }

    /** Writes {@code t_ms,neuron} lines with a header. */
    public void writeCsv(Path file) throws IOException {
        try (CsvSink sink = CsvSink.open(file)) {
            writeTo(sink);
        }
    }
}
