package org.vecsnn.equations;

/**
 * A model that cannot be built: the message says where (which text, line and column, with the line and a caret
 * under the term), what is wrong and what is allowed.
 */
public final class EquationException extends IllegalArgumentException {
    private final int line;
    private final int column;

    EquationException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    /** An error at {@code pos} of {@code source} (or about the whole text when pos is null). */
    static EquationException at(Source source, Expr.Pos pos, String message) {
        if (pos == null || pos.line() < 1 || pos.line() > source.lines().length) {
            return new EquationException(source.what() + ": " + message, 0, 0);
        }
        String text = source.lines()[pos.line() - 1];
        int width = Math.max(1, Math.min(pos.end(), text.length() + 1) - pos.column());
        int line = source.numbers()[pos.line() - 1];
        String where = source.numbers()[source.numbers().length - 1] > 1
                ? source.what() + ", line " + line + ", column " + pos.column()
                : source.what() + ", column " + pos.column();
        return new EquationException(where + ": " + message + "\n    " + text + "\n    "
                + " ".repeat(pos.column() - 1) + "^".repeat(width), line, pos.column());
    }

    /** The line of the error, from 1 (0 when the error is about the whole model). */
    public int line() {
        return line;
    }

    /** The column of the error, from 1 (0 when the error is about the whole model). */
    public int column() {
        return column;
    }

    /**
     * A text being parsed: what it is (for messages), its logical lines, and the number of the text's line each
     * starts on (a column of a joined line counts within the joined line).
     */
    record Source(String what, String[] lines, int[] numbers) {
        static Source of(String what, String text) {
            String[] lines = text.split("\n", -1);
            int[] numbers = new int[lines.length];
            for (int i = 0; i < lines.length; i++) {
                numbers[i] = i + 1;
            }
            return new Source(what, lines, numbers);
        }

        /** Lines joined while a parenthesis is open, as Python (and Brian2) continue an expression. */
        static Source joined(String what, String text) {
            java.util.List<String> lines = new java.util.ArrayList<>();
            java.util.List<Integer> numbers = new java.util.ArrayList<>();
            String[] raw = text.split("\n", -1);
            StringBuilder current = null;
            int depth = 0;
            for (int i = 0; i < raw.length; i++) {
                String line = raw[i];
                int hash = line.indexOf('#');
                String code = hash >= 0 ? line.substring(0, hash) : line;
                if (current == null) {
                    current = new StringBuilder(code);
                    numbers.add(i + 1);
                } else {
                    current.append(' ').append(code.strip());
                }
                for (char c : code.toCharArray()) {
                    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                }
                if (depth <= 0 || i == raw.length - 1) {
                    lines.add(current.toString());
                    current = null;
                    depth = 0;
                }
            }
            return new Source(what, lines.toArray(String[]::new), numbers.stream().mapToInt(Integer::intValue)
                    .toArray());
        }

        /** The text a parsed node covers. */
        String text(Expr.Pos pos) {
            if (pos == null) {
                return null;
            }
            String line = lines[pos.line() - 1];
            return line.substring(pos.column() - 1, Math.min(pos.end() - 1, line.length())).strip();
        }
    }
}
