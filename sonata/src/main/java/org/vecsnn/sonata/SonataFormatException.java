package org.vecsnn.sonata;

import java.io.IOException;
import java.nio.file.Path;

/** A SONATA file refused: the message names the file, the dataset (or table, or key), the row and what is allowed. */
public final class SonataFormatException extends IOException {
    public SonataFormatException(Path file, String where, long row, String problem) {
        super(file + ": " + where + (row >= 0 ? ", row " + row : "") + ": " + problem);
    }

    public SonataFormatException(Path file, String where, String problem) {
        this(file, where, -1, problem);
    }
}
