package org.vecsnn.core.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.vecsnn.core.Population;
import org.vecsnn.core.TimeGrid;

/**
 * Streams every spike of a population to a {@link RecordSink} ({@code step,neuron}; the header's note gives dt), by
 * default a CSV file through a fixed 1 MiB buffer, so memory stays flat however long the run; recording allocates
 * nothing. Times are exact: spike k happened in step {@code step}, at {@code t = step·dt}. Close it (or the run's
 * end) to flush.
 */
public final class SpikeStream implements Monitor, AutoCloseable {
    private final Population population;
    private final Path file;
    private final RecordSink sink;
    private long count;
    private boolean begun;

    /** Streams to a CSV file. */
    public SpikeStream(Population population, Path file) throws IOException {
        this(population, CsvSink.open(file), file);
    }

    /** Streams to any sink. */
    public SpikeStream(Population population, RecordSink sink) {
        this(population, sink, null);
    }

    private SpikeStream(Population population, RecordSink sink, Path file) {
        if (population == null) {
            throw new IllegalArgumentException("population = null: must be a population to monitor");
        }
        this.population = population;
        this.sink = sink;
        this.file = file;
    }

    @Override
    public Population population() {
        return population;
    }

    @Override
    public void prepare(TimeGrid grid) {
        if (begun) { // prepared again after a refused checkpoint load: the header is written
            return;
        }
        begun = true;
        try {
            sink.begin("t = step * " + grid.dt() + " ms", "step", "neuron");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write spikes to " + where(), e);
        }
    }

    @Override
    public void record(long step) {
        int n = population.spikeCount();
        int[] spikes = population.spikes();
        try {
            for (int s = 0; s < n; s++) {
                sink.cell(step);
                sink.cell(spikes[s]);
                sink.endRow();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write spikes to " + where(), e);
        }
        count += n;
    }

    private String where() {
        return file != null ? file.toString() : sink.toString();
    }

    /** Saves the spike count; the file itself is the stream's own (a resumed run writes a new one). */
    @Override
    public void save(java.io.DataOutputStream out) throws IOException {
        out.writeLong(count);
    }

    @Override
    public Runnable load(java.io.DataInputStream in) throws IOException {
        long c = in.readLong();
        if (c < 0) {
            throw new IOException("spike stream: count " + c + " is negative");
        }
        return () -> count = c;
    }

    /** The number of spikes written so far. */
    public long count() {
        return count;
    }

    /** The CSV file streamed to, or null for another sink. */
    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        sink.close();
    }
}
