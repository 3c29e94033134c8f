package org.vecsnn.equations;

import java.util.ArrayList;
import java.util.List;
import org.vecsnn.equations.EquationException.Source;
import org.vecsnn.equations.Expr.Pos;

/** Tokens and expressions of one line of model text, with Python's operator precedence. */
final class Parser {
    enum Kind { NUMBER, NAME, OP, END }

    /** A token; columns from 1, end exclusive. */
    record Token(Kind kind, String text, int column, int end) {
        boolean is(String s) {
            return (kind == Kind.OP || kind == Kind.NAME) && text.equals(s);
        }
    }

    private static final String[] OPERATORS = {"**", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "+", "-", "*",
        "/", "%", "(", ")", ",", "<", ">", "=", ":", ";"};

    private final Source source;
    private final int line;
    private final List<Token> tokens;
    private int at;
    private final int stop;

    /** Parses tokens {@code [from, to)} of a lexed line. */
    Parser(Source source, int line, List<Token> tokens, int from, int to) {
        this.source = source;
        this.line = line;
        this.tokens = tokens;
        this.at = from;
        this.stop = to;
    }

    static List<Token> lex(Source source, int line) {
        String text = source.lines()[line - 1];
        int hash = text.indexOf('#');
        int length = hash >= 0 ? hash : text.length();
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (digit(c) || (c == '.' && i + 1 < length && digit(text.charAt(i + 1)))) {
                int j = i;
                while (j < length && (digit(text.charAt(j)) || text.charAt(j) == '.')) {
                    j++;
                }
                if (j < length && (text.charAt(j) == 'e' || text.charAt(j) == 'E')) {
                    int k = j + 1;
                    if (k < length && (text.charAt(k) == '+' || text.charAt(k) == '-')) {
                        k++;
                    }
                    if (k < length && digit(text.charAt(k))) {
                        j = k;
                        while (j < length && digit(text.charAt(j))) {
                            j++;
                        }
                    }
                }
                String number = text.substring(i, j);
                if (number.indexOf('.') != number.lastIndexOf('.')) {
                    throw EquationException.at(source, new Pos(line, i + 1, j + 1),
                            "malformed number '" + number + "'");
                }
                out.add(new Token(Kind.NUMBER, number, i + 1, j + 1));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < length && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
                    j++;
                }
                out.add(new Token(Kind.NAME, text.substring(i, j), i + 1, j + 1));
                i = j;
            } else {
                String op = null;
                for (String o : OPERATORS) {
                    if (text.startsWith(o, i)) {
                        op = o;
                        break;
                    }
                }
                if (op == null) {
                    throw EquationException.at(source, new Pos(line, i + 1, i + 2), "unexpected character '" + c
                            + "'" + (c == '^' ? " (powers are written **)" : c == '&' || c == '|'
                            ? " (write and, or)" : c == '!' ? " (write not)" : ""));
                }
                out.add(new Token(Kind.OP, op, i + 1, i + 1 + op.length()));
                i += op.length();
            }
        }
        out.add(new Token(Kind.END, "end of line", length + 1, length + 2));
        return out;
    }

    /** An ASCII digit: numbers are Python's (Character.isDigit takes other scripts' digits, which no parser reads). */
    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Parses an expression covering all the tokens of the range. */
    Expr whole() {
        Expr e = or();
        if (at < stop) {
            Token t = tokens.get(at);
            throw error(t, "unexpected " + describe(t) + " after the expression '" + source.text(e.pos()) + "'");
        }
        return e;
    }

    EquationException error(Token t, String message) {
        return EquationException.at(source, new Pos(line, t.column(), t.end()), message);
    }

    private Token peek() {
        return at < stop ? tokens.get(at) : new Token(Kind.END, "end", endColumn(), endColumn() + 1);
    }

    private int endColumn() {
        return stop > 0 && stop <= tokens.size() ? (stop < tokens.size() ? tokens.get(stop).column()
                : tokens.getLast().column()) : 1;
    }

    private static String describe(Token t) {
        return t.kind() == Kind.END ? "end of the expression" : "'" + t.text() + "'";
    }

    private Pos span(Expr a, Expr b) {
        return new Pos(line, a.pos().column(), b.pos().end());
    }

    private Expr or() {
        Expr left = and();
        while (peek().is("or")) {
            at++;
            Expr right = and();
            left = new Expr.Binary("or", left, right, span(left, right));
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (peek().is("and")) {
            at++;
            Expr right = not();
            left = new Expr.Binary("and", left, right, span(left, right));
        }
        return left;
    }

    private Expr not() {
        Token t = peek();
        if (t.is("not")) {
            at++;
            Expr x = not();
            return new Expr.Unary("not", x, new Pos(line, t.column(), x.pos().end()));
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = sum();
        Token t = peek();
        if (t.kind() == Kind.OP && Expr.comparison(t.text())) {
            at++;
            Expr right = sum();
            if (peek().kind() == Kind.OP && Expr.comparison(peek().text())) {
                throw error(peek(), "chained comparisons are not supported: write (a < b) and (b < c)");
            }
            return new Expr.Binary(t.text(), left, right, span(left, right));
        }
        return left;
    }

    private Expr sum() {
        Expr left = product();
        while (peek().is("+") || peek().is("-")) {
            String op = tokens.get(at++).text();
            Expr right = product();
            left = new Expr.Binary(op, left, right, span(left, right));
        }
        return left;
    }

    private Expr product() {
        Expr left = unary();
        while (peek().is("*") || peek().is("/") || peek().is("%")) {
            String op = tokens.get(at++).text();
            Expr right = unary();
            left = new Expr.Binary(op, left, right, span(left, right));
        }
        return left;
    }

    private Expr unary() {
        Token t = peek();
        if (t.is("-") || t.is("+")) {
            at++;
            Expr x = unary();
            return t.is("+") ? x : new Expr.Unary("-", x, new Pos(line, t.column(), x.pos().end()));
        }
        return power();
    }

    private Expr power() {
        Expr base = atom();
        if (peek().is("**")) {
            at++;
            Expr exponent = unary(); // right-associative, and 2**-1 is allowed
            return new Expr.Binary("**", base, exponent, span(base, exponent));
        }
        return base;
    }

    private Expr atom() {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER -> {
                at++;
                return new Expr.Num(Double.parseDouble(t.text()), Dimension.ONE, new Pos(line, t.column(), t.end()));
            }
            case NAME -> {
                at++;
                if (peek().is("(")) {
                    at++;
                    List<Expr> args = new ArrayList<>();
                    if (!peek().is(")")) {
                        args.add(or());
                        while (peek().is(",")) {
                            at++;
                            args.add(or());
                        }
                    }
                    Token close = peek();
                    if (!close.is(")")) {
                        throw error(close, "expected ')' or ',' in the arguments of " + t.text() + "(), found "
                                + describe(close));
                    }
                    at++;
                    return new Expr.Call(t.text(), List.copyOf(args), new Pos(line, t.column(), close.end()));
                }
                return new Expr.Name(t.text(), new Pos(line, t.column(), t.end()));
            }
            case OP -> {
                if (t.is("(")) {
                    at++;
                    Expr inner = or();
                    Token close = peek();
                    if (!close.is(")")) {
                        throw error(close, "expected ')' to close the '(' at column " + t.column() + ", found "
                                + describe(close));
                    }
                    at++;
                    return reposition(inner, new Pos(line, t.column(), close.end()));
                }
                throw error(t, "expected a number, a name or '(', found " + describe(t));
            }
            default -> throw error(t, "expected a number, a name or '(', found " + describe(t));
        }
    }

    /** A parenthesized expression keeps its meaning and covers its parentheses in messages. */
    private static Expr reposition(Expr e, Pos pos) {
        return switch (e) {
            case Expr.Num n -> new Expr.Num(n.value(), n.dimension(), pos);
            case Expr.Name n -> new Expr.Name(n.name(), pos);
            case Expr.Unary u -> new Expr.Unary(u.op(), u.operand(), pos);
            case Expr.Binary b -> new Expr.Binary(b.op(), b.left(), b.right(), pos);
            case Expr.Call c -> new Expr.Call(c.function(), c.arguments(), pos);
        };
    }
}
