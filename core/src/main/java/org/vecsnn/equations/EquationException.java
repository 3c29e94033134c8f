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
        String where = source.lines().length > 1 ? source.what() + ", line " + pos.line() + ", column " + pos.column()
                : source.what() + ", column " + pos.column();
        return new EquationException(where + ": " + message + "\n    " + text + "\n    "
                + " ".repeat(pos.column() - 1) + "^".repeat(width), pos.line(), pos.column());
    }

    /** The line of the error, from 1 (0 when the error is about the whole model). */
    public int line() {
        return line;
    }

    /** The column of the error, from 1 (0 when the error is about the whole model). */
    public int column() {
        return column;
    }

    /** A text being parsed: what it is (for messages) and its lines. */
    record Source(String what, String[] lines) {
        static Source of(String what, String text) {
            return new Source(what, text.split("\n", -1));
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
