package org.vecsnn.sonata;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** A SONATA type table ({@code node_types.csv}, {@code edge_types.csv}): space-separated, with a header row. */
final class TypeTable {
    static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setDelimiter(' ').setHeader().setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true).get();
    final Path file;
    private final String idColumn;
    private final Map<Long, CSVRecord> rows = new HashMap<>();

    TypeTable(Path file, String idColumn) throws IOException {
        this.file = file;
        this.idColumn = idColumn;
        if (!Files.isRegularFile(file)) {
            throw new SonataFormatException(file, idColumn, "file missing");
        }
        try (Reader in = Files.newBufferedReader(file); var parser = FORMAT.parse(in)) {
            if (!parser.getHeaderMap().containsKey(idColumn)) {
                throw new SonataFormatException(file, "header", 0, "column '" + idColumn + "' missing (has "
                        + parser.getHeaderNames() + ")");
            }
            for (CSVRecord r : parser) {
                long id;
                try {
                    id = Long.parseLong(r.get(idColumn));
                } catch (IllegalArgumentException e) { // not a number, or a short row without the column
                    throw new SonataFormatException(file, idColumn, r.getRecordNumber(), "'"
                            + (r.isSet(idColumn) ? r.get(idColumn) : "") + "' must be an integer");
                }
                if (rows.put(id, r) != null) {
                    throw new SonataFormatException(file, idColumn, r.getRecordNumber(), id + " appears twice");
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw new SonataFormatException(file, "CSV", "cannot be parsed (" + e.getCause().getMessage() + ")");
        }
    }

    /** The type's row; {@code where} names the dataset and row that asked for it. */
    CSVRecord row(long id, Path asker, String where, long askerRow) throws SonataFormatException {
        CSVRecord r = rows.get(id);
        if (r == null) {
            throw new SonataFormatException(asker, where, askerRow, idColumn + " " + id + " is not in " + file);
        }
        return r;
    }

    /** A column of a type's row, or null when the table has no such column or the cell is NULL. */
    static String cell(CSVRecord r, String column) {
        return r.isMapped(column) && r.isSet(column) && !r.get(column).equals("NULL") ? r.get(column) : null;
    }

    /** A numeric column of a type's row, or NaN when absent. */
    double number(CSVRecord r, String column) throws SonataFormatException {
        String text = cell(r, column);
        if (text == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new SonataFormatException(file, column, r.getRecordNumber(), "'" + text + "' must be a number");
        }
    }
}
