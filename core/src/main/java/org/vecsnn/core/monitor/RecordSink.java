package org.vecsnn.core.monitor;

import java.io.IOException;

/**
 * Where a monitor's records go: a table of named columns, written row by row, cell by cell. {@link CsvSink} is one
 * sink; a monitor writes to any (see {@code writeTo}). Writing a row of whole numbers allocates nothing, so a
 * streaming monitor may write while the network runs.
 */
public interface RecordSink extends AutoCloseable {
    /** Starts the table: its columns, and a note for the header ({@code null} for none). Called once, first. */
    void begin(String note, String... columns) throws IOException;

    void cell(long value) throws IOException;

    void cell(double value) throws IOException;

    void cell(float value) throws IOException;

    /** Ends the current row. */
    void endRow() throws IOException;

    @Override
    void close() throws IOException;
}
