package org.vecsnn.core.monitor;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vecsnn.core.Population;
import org.vecsnn.core.TimeGrid;

/**
 * Streams every spike of a population to a CSV file ({@code step,neuron}; the header line gives dt) through a
 * fixed 1 MiB buffer, so memory stays flat however long the run; recording allocates nothing. Times are exact:
 * spike k happened in step {@code step}, at {@code t = step·dt}. Close it (or the run's end) to flush.
 */
public final class SpikeStream implements Monitor, AutoCloseable {
    private final Population population;
    private final Path file;
    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 20];
    private int used;
    private long count;

    public SpikeStream(Population population, Path file) throws IOException {
        if (population == null) {
            throw new IllegalArgumentException("population = null: must be a population to monitor");
        }
        this.population = population;
        this.file = file;
        this.out = Files.newOutputStream(file);
    }

    @Override
    public Population population() {
        return population;
    }

    @Override
    public void prepare(TimeGrid grid) {
        byte[] header = ("step,neuron # t = step * " + grid.dt() + " ms\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, buffer, 0, header.length);
        used = header.length;
    }

    @Override
    public void record(long step) {
        int n = population.spikeCount();
        int[] spikes = population.spikes();
        for (int s = 0; s < n; s++) {
            if (used > buffer.length - 48) {
                flush();
            }
            used = digits(step, used);
            buffer[used++] = ',';
            used = digits(spikes[s], used);
            buffer[used++] = '\n';
        }
        count += n;
    }

    private int digits(long value, int at) {
        int start = at;
        do {
            buffer[at++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        for (int i = start, j = at - 1; i < j; i++, j--) {
            byte b = buffer[i];
            buffer[i] = buffer[j];
            buffer[j] = b;
        }
        return at;
    }

    private void flush() {
        try {
            out.write(buffer, 0, used);
            used = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write spikes to " + file, e);
        }
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

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
