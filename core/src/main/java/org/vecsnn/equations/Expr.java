package org.vecsnn.equations;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An expression of the model language, as parsed (with positions and units) and as rewritten by the integrators
 * (positions null, numbers in stored units). Operators: {@code + - * / ** %}, comparisons, {@code and or not}.
 */
public sealed interface Expr {
    /** Where a parsed node starts and ends in its line (columns from 1, end exclusive); null for derived nodes. */
    record Pos(int line, int column, int end) {}

    Pos pos();

    /** A number; a literal is dimensionless, a unit name becomes its SI factor with its dimension. */
    record Num(double value, Dimension dimension, Pos pos) implements Expr {}

    record Name(String name, Pos pos) implements Expr {}

    /** {@code -x} or {@code not x}. */
    record Unary(String op, Expr operand, Pos pos) implements Expr {}

    record Binary(String op, Expr left, Expr right, Pos pos) implements Expr {}

    record Call(String function, List<Expr> arguments, Pos pos) implements Expr {}

    static Num num(double value) {
        return new Num(value, Dimension.ONE, null);
    }

    static Name name(String name) {
        return new Name(name, null);
    }

    static Expr binary(String op, Expr left, Expr right) {
        return new Binary(op, left, right, null);
    }

    static boolean comparison(String op) {
        return switch (op) {
            case "<", "<=", ">", ">=", "==", "!=" -> true;
            default -> false;
        };
    }

    static boolean logical(String op) {
        return op.equals("and") || op.equals("or") || op.equals("not");
    }

    /** Binding strength, as Python's. */
    static int precedence(Expr e) {
        return switch (e) {
            case Binary b -> switch (b.op()) {
                case "or" -> 1;
                case "and" -> 2;
                case "+", "-" -> 5;
                case "*", "/", "%" -> 6;
                case "**" -> 8;
                default -> 4;
            };
            case Unary u -> u.op().equals("not") ? 3 : 7;
            default -> 9;
        };
    }

    /** The expression as text with the fewest parentheses that keep its meaning (also a key for equal subtrees). */
    static String print(Expr e) {
        return switch (e) {
            case Num n -> n.dimension().dimensionless() ? number(n.value())
                    : number(n.value()) + "*" + n.dimension();
            case Name n -> n.name();
            case Unary u -> (u.op().equals("not") ? "not " : "-") + wrap(u.operand(), precedence(u), false);
            case Binary b -> {
                int p = precedence(b);
                boolean power = b.op().equals("**");
                yield wrap(b.left(), p, power) + (power ? "**" : " " + b.op() + " ") + wrap(b.right(), p, !power);
            }
            case Call c -> c.function() + "(" + c.arguments().stream().map(Expr::print)
                    .collect(Collectors.joining(", ")) + ")";
        };
    }

    private static String wrap(Expr e, int outer, boolean strict) {
        int p = precedence(e);
        boolean negativeNumber = e instanceof Num n && n.value() < 0;
        return p < outer || (strict && p == outer) || (negativeNumber && outer >= 7) ? "(" + print(e) + ")" : print(e);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
