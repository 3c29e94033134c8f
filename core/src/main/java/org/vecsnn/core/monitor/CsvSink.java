package org.vecsnn.core.monitor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one CSV writer of the monitors: comma-separated cells, a header line of column names (and {@code # note}),
 * numbers in their shortest round-trip form without locale (whole doubles without a fraction), through a fixed
 * 1 MiB buffer. Whole numbers are formatted in place, so rows of them allocate nothing.
 */
public final class CsvSink implements RecordSink {
    private final Path file;
    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 20];
    private int used;
    private boolean rowStarted;

    private CsvSink(Path file) throws IOException {
        this.file = file;
        this.out = Files.newOutputStream(file);
    }

    /** A sink writing (and replacing) {@code file}. */
    public static CsvSink open(Path file) throws IOException {
        return new CsvSink(file);
    }

    public Path file() {
        return file;
    }

    @Override
    public void begin(String note, String... columns) throws IOException {
        StringBuilder header = new StringBuilder(String.join(",", columns));
        if (note != null) {
            header.append(" # ").append(note);
        }
        text(header.append('\n').toString());
    }

    @Override
    public void cell(long value) throws IOException {
        separate();
        if (value < 0) {
            buffer[used++] = '-';
            if (value == Long.MIN_VALUE) {
                text("9223372036854775808");
                return;
            }
            value = -value;
        }
        int start = used;
        do {
            buffer[used++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        for (int i = start, j = used - 1; i < j; i++, j--) {
            byte b = buffer[i];
            buffer[i] = buffer[j];
            buffer[j] = b;
        }
    }

    @Override
    public void cell(double value) throws IOException {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            cell((long) value);
        } else {
            separate();
            text(Double.toString(value));
        }
    }

    @Override
    public void cell(float value) throws IOException {
        separate();
        text(Float.toString(value));
    }

    @Override
    public void endRow() throws IOException {
        room(1);
        buffer[used++] = '\n';
        rowStarted = false;
    }

    /** A comma before every cell but a row's first, with room for the longest number. */
    private void separate() throws IOException {
        room(48);
        if (rowStarted) {
            buffer[used++] = ',';
        }
        rowStarted = true;
    }

    private void text(String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        room(bytes.length);
        if (bytes.length > buffer.length) {
            out.write(bytes);
            return;
        }
        System.arraycopy(bytes, 0, buffer, used, bytes.length);
        used += bytes.length;
    }

    private void room(int bytes) throws IOException {
        if (used > buffer.length - Math.min(bytes, buffer.length)) {
            flush();
        }
    }

    /** Writes what is buffered. */
    public void flush() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
