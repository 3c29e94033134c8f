package org.vecsnn.io;

import java.util.ArrayList;
import java.util.List;

/** Shared parsing for the text loaders: comma-separated lines, '#' comments, errors that name the line. */
final class TextFiles {
    private TextFiles() {}

    /** The non-empty, non-comment lines of {@code text}, each split at commas and trimmed, with line numbers. */
    static List<Line> lines(String text, int maxLines) {
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\r?\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (lines.size() == maxLines) {
                throw new IllegalArgumentException("more than " + maxLines + " lines: must be at most " + maxLines);
            }
            String[] fields = line.split(",", -1);
            for (int f = 0; f < fields.length; f++) {
                fields[f] = fields[f].strip();
            }
            lines.add(new Line(i + 1, fields));
        }
        return lines;
    }

    record Line(int number, String[] fields) {
        int integer(int field, String name) {
            try {
                return Integer.parseInt(fields[field]);
            } catch (NumberFormatException e) {
                throw fail(name, fields[field], "an integer");
            }
        }

        double number(int field, String name) {
            double value;
            try {
                value = Double.parseDouble(fields[field]);
            } catch (NumberFormatException e) {
                throw fail(name, fields[field], "a number");
            }
            if (!Double.isFinite(value)) {
                throw fail(name, fields[field], "a finite number");
            }
            return value;
        }

        IllegalArgumentException fail(String name, String value, String allowed) {
            return new IllegalArgumentException("line " + number + ": " + name + " = " + value + ": must be " + allowed);
        }
    }

    /** Whether a line is a header (its first field is not a number). */
    static boolean isHeader(Line line) {
        try {
            Double.parseDouble(line.fields()[0]);
            return false;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
