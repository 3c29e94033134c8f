package org.vecsnn.equations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vecsnn.equations.Expr.Binary;
import org.vecsnn.equations.Expr.Call;
import org.vecsnn.equations.Expr.Name;
import org.vecsnn.equations.Expr.Num;
import org.vecsnn.equations.Expr.Unary;

/**
 * The small computer algebra the integrators need (Brian2 uses sympy for it): substitution, simplification by
 * constant folding and the identities of 0 and 1, and symbolic differentiation. Works on lowered expressions
 * (dimensionless numbers in stored units).
 */
final class Algebra {
    private Algebra() {}

    static void names(Expr e, Set<String> out) {
        switch (e) {
            case Name n -> out.add(n.name());
            case Unary u -> names(u.operand(), out);
            case Binary b -> {
                names(b.left(), out);
                names(b.right(), out);
            }
            case Call c -> c.arguments().forEach(a -> names(a, out));
            case Num n -> { }
        }
    }

    static boolean contains(Expr e, String name) {
        Set<String> s = new java.util.HashSet<>();
        names(e, s);
        return s.contains(name);
    }

    static Expr substitute(Expr e, Map<String, Expr> values) {
        return switch (e) {
            case Name n -> values.getOrDefault(n.name(), n);
            case Unary u -> new Unary(u.op(), substitute(u.operand(), values), null);
            case Binary b -> new Binary(b.op(), substitute(b.left(), values), substitute(b.right(), values), null);
            case Call c -> new Call(c.function(), c.arguments().stream().map(a -> substitute(a, values)).toList(),
                    null);
            case Num n -> n;
        };
    }

    static boolean isZero(Expr e) {
        return e instanceof Num n && n.value() == 0;
    }

    static boolean isOne(Expr e) {
        return e instanceof Num n && n.value() == 1;
    }

    static Expr add(Expr a, Expr b) {
        return simplify(Expr.binary("+", a, b));
    }

    static Expr sub(Expr a, Expr b) {
        return simplify(Expr.binary("-", a, b));
    }

    static Expr mul(Expr a, Expr b) {
        return simplify(Expr.binary("*", a, b));
    }

    static Expr div(Expr a, Expr b) {
        return simplify(Expr.binary("/", a, b));
    }

    static Expr neg(Expr a) {
        return simplify(new Unary("-", a, null));
    }

    /** Folds numbers and applies x+0, x*1, x*0, x/1, x**1, −(−x); keeps the order of the remaining operations. */
    static Expr simplify(Expr e) {
        return switch (e) {
            case Num n -> n;
            case Name n -> n;
            case Unary u -> {
                Expr x = simplify(u.operand());
                if (u.op().equals("-")) {
                    if (x instanceof Num n) {
                        yield Expr.num(-n.value());
                    }
                    if (x instanceof Unary inner && inner.op().equals("-")) {
                        yield inner.operand();
                    }
                }
                yield new Unary(u.op(), x, null);
            }
            case Call c -> {
                List<Expr> args = c.arguments().stream().map(Algebra::simplify).toList();
                boolean numbers = !args.isEmpty() && args.stream().allMatch(a -> a instanceof Num);
                if (numbers && !c.function().equals("rand") && !c.function().equals("randn")) {
                    double[] v = args.stream().mapToDouble(a -> ((Num) a).value()).toArray();
                    yield Expr.num(evaluate(c.function(), v));
                }
                yield new Call(c.function(), args, null);
            }
            case Binary b -> {
                Expr l = simplify(b.left());
                Expr r = simplify(b.right());
                if (l instanceof Num x && r instanceof Num y && !Expr.comparison(b.op()) && !Expr.logical(b.op())) {
                    yield Expr.num(arithmetic(b.op(), x.value(), y.value()));
                }
                yield switch (b.op()) {
                    case "+" -> isZero(l) ? r : isZero(r) ? l : new Binary("+", l, r, null);
                    case "-" -> isZero(r) ? l : isZero(l) ? neg(r) : new Binary("-", l, r, null);
                    case "*" -> isZero(l) || isZero(r) ? Expr.num(0) : isOne(l) ? r : isOne(r) ? l
                            : new Binary("*", l, r, null);
                    case "/" -> isZero(l) ? Expr.num(0) : isOne(r) ? l : new Binary("/", l, r, null);
                    case "**" -> isOne(r) ? l : isZero(r) ? Expr.num(1) : new Binary("**", l, r, null);
                    default -> new Binary(b.op(), l, r, null);
                };
            }
        };
    }

    static double arithmetic(String op, double x, double y) {
        return switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            case "/" -> x / y;
            case "**" -> StrictMath.pow(x, y);
            case "%" -> x - y * StrictMath.floor(x / y); // Python's sign convention
            default -> throw new IllegalStateException(op);
        };
    }

    static double evaluate(String function, double[] a) {
        return switch (function) {
            case "exp" -> StrictMath.exp(a[0]);
            case "log" -> StrictMath.log(a[0]);
            case "sqrt" -> StrictMath.sqrt(a[0]);
            case "abs" -> Math.abs(a[0]);
            case "sin" -> StrictMath.sin(a[0]);
            case "cos" -> StrictMath.cos(a[0]);
            case "tanh" -> StrictMath.tanh(a[0]);
            case "exprel" -> a[0] == 0 ? 1 : StrictMath.expm1(a[0]) / a[0];
            case "clip" -> Math.min(Math.max(a[0], a[1]), a[2]);
            case "int" -> a[0] < 0 ? StrictMath.ceil(a[0]) : StrictMath.floor(a[0]);
            case "floor" -> StrictMath.floor(a[0]);
            case "ceil" -> StrictMath.ceil(a[0]);
            case "sign" -> Math.signum(a[0]);
            default -> throw new IllegalStateException(function);
        };
    }

    /** A static expression's value in double: numbers and the names in {@code values}. */
    static double evaluate(Expr e, Map<String, Double> values) {
        return switch (e) {
            case Num n -> n.value();
            case Name n -> {
                Double v = values.get(n.name());
                if (v == null) {
                    throw new IllegalStateException("no bind-time value of " + n.name());
                }
                yield v;
            }
            case Unary u -> -evaluate(u.operand(), values);
            case Binary b -> arithmetic(b.op(), evaluate(b.left(), values), evaluate(b.right(), values));
            case Call c -> evaluate(c.function(), c.arguments().stream().mapToDouble(a -> evaluate(a, values))
                    .toArray());
        };
    }

    /**
     * ∂e/∂x, simplified; null where x occurs in a form this algebra does not differentiate (a function of x other
     * than exp, log, sqrt, sin, cos, tanh; a power of x with an exponent that depends on x).
     */
    static Expr derivative(Expr e, String x) {
        if (!contains(e, x)) {
            return Expr.num(0);
        }
        return switch (e) {
            case Name n -> Expr.num(1);
            case Num n -> Expr.num(0);
            case Unary u -> {
                Expr d = derivative(u.operand(), x);
                yield d == null || !u.op().equals("-") ? null : neg(d);
            }
            case Binary b -> {
                Expr dl = derivative(b.left(), x);
                Expr dr = derivative(b.right(), x);
                if (dl == null || dr == null) {
                    yield null;
                }
                yield switch (b.op()) {
                    case "+" -> add(dl, dr);
                    case "-" -> sub(dl, dr);
                    case "*" -> add(mul(dl, b.right()), mul(b.left(), dr));
                    case "/" -> isZero(dr) ? div(dl, b.right())
                            : div(sub(mul(dl, b.right()), mul(b.left(), dr)), mul(b.right(), b.right()));
                    case "**" -> contains(b.right(), x) ? null
                            : mul(mul(b.right(), simplify(Expr.binary("**", b.left(), sub(b.right(), Expr.num(1))))),
                                    dl);
                    default -> null;
                };
            }
            case Call c -> {
                if (c.arguments().size() != 1) {
                    yield null;
                }
                Expr a = c.arguments().getFirst();
                Expr da = derivative(a, x);
                if (da == null) {
                    yield null;
                }
                Expr outer = switch (c.function()) {
                    case "exp" -> c;
                    case "log" -> div(Expr.num(1), a);
                    case "sqrt" -> div(Expr.num(0.5), c);
                    case "sin" -> new Call("cos", List.of(a), null);
                    case "cos" -> neg(new Call("sin", List.of(a), null));
                    case "tanh" -> sub(Expr.num(1), mul(c, c));
                    default -> null;
                };
                yield outer == null ? null : mul(outer, da);
            }
        };
    }

    /** The subtrees of e that are function calls of x (for messages about non-linearity). */
    static List<Expr> termsWith(Expr e, String x) {
        List<Expr> out = new ArrayList<>();
        if (e instanceof Binary b && (b.op().equals("+") || b.op().equals("-"))) {
            out.addAll(termsWith(b.left(), x));
            out.addAll(termsWith(b.right(), x));
        } else if (contains(e, x)) {
            out.add(e);
        }
        return out;
    }
}
