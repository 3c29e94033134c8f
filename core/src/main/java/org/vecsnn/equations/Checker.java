package org.vecsnn.equations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.vecsnn.equations.EquationException.Source;
import org.vecsnn.equations.Equations.Equation;
import org.vecsnn.equations.Equations.Kind;
import org.vecsnn.equations.Expr.Binary;
import org.vecsnn.equations.Expr.Call;
import org.vecsnn.equations.Expr.Name;
import org.vecsnn.equations.Expr.Num;
import org.vecsnn.equations.Expr.Unary;

/**
 * Resolves names and checks units with Brian2's rules (both sides of {@code +}, {@code -}, comparisons and
 * {@code clip} in one unit; arguments of exp, log, sin, cos, tanh, exprel dimensionless; {@code dx/dt} in the unit of
 * x per second), then lowers expressions to stored units (see {@link Dimension}): every number becomes a
 * dimensionless value in the core's scaled units, subexpressions substituted, external constants kept as names whose
 * stored values the kernel reads at bind time.
 */
final class Checker {
    /** The noise term's dimension: second^-1/2. */
    static final Dimension XI = Dimension.SECOND.power(-0.5);

    private final Equations equations;
    /** External constants (SI value, dimension), as Brian2's namespace. */
    private final Map<String, Num> constants;
    private final Map<String, Expr> lowered = new LinkedHashMap<>();

    /**
     * Whether {@link #lower} keeps external constants as names, read at bind time (so that models that differ only
     * in their values share one generated source), or writes their values.
     */
    private final boolean symbolicConstants;

    Checker(Equations equations, Map<String, Num> constants, boolean symbolicConstants) {
        this.equations = equations;
        this.constants = constants;
        this.symbolicConstants = symbolicConstants;
    }

    /** Each external constant's stored value. */
    Map<String, Double> storedConstants() {
        Map<String, Double> out = new LinkedHashMap<>();
        constants.forEach((name, c) -> out.put(name, c.value() / c.dimension().scale()));
        return out;
    }

    /** e lowered with the constants' values written in, simplified: a number if e is constant. */
    Expr valueOf(Expr e) {
        Map<String, Expr> values = new LinkedHashMap<>();
        storedConstants().forEach((name, v) -> values.put(name, Expr.num(v)));
        return Algebra.simplify(Algebra.substitute(lower(e), values));
    }

    /** The known names, for messages. */
    String known() {
        TreeSet<String> names = new TreeSet<>(equations.all().keySet());
        names.addAll(constants.keySet());
        names.addAll(List.of("t", "dt", "xi"));
        return String.join(", ", names);
    }

    /** Checks every equation's units. */
    void checkEquations() {
        Source src = equations.source;
        for (Equation e : equations.all().values()) {
            if (e.kind() == Kind.PARAMETER) {
                continue;
            }
            Dimension rhs = dimension(src, e.expression(), e.kind() == Kind.DIFFERENTIAL ? e.name() : null);
            Dimension expected = e.kind() == Kind.DIFFERENTIAL ? e.dimension().over(Dimension.SECOND)
                    : e.dimension();
            if (!rhs.equals(expected)) {
                String lhs = e.kind() == Kind.DIFFERENTIAL ? "d" + e.name() + "/dt" : e.name();
                throw EquationException.at(src, e.expression().pos(), "units do not match in the equation of "
                        + lhs + ": the right-hand side '" + src.text(e.expression().pos()) + "' has unit " + rhs
                        + ", " + lhs + " has unit " + expected + (e.kind() == Kind.DIFFERENTIAL ? " (the unit of "
                        + e.name() + ", " + e.dimension() + ", per second)" : " (as declared)"));
            }
        }
    }

    /** The dimension of a numeric expression; {@code differential} names the equation xi may occur in (or null). */
    Dimension dimension(Source src, Expr e, String differential) {
        return switch (e) {
            case Num n -> n.dimension();
            case Name n -> nameDimension(src, n, differential);
            case Unary u -> {
                if (u.op().equals("not")) {
                    throw EquationException.at(src, u.pos(), "'" + src.text(u.pos())
                            + "' is a condition where a number is expected");
                }
                yield dimension(src, u.operand(), differential);
            }
            case Binary b -> {
                if (Expr.comparison(b.op()) || Expr.logical(b.op())) {
                    throw EquationException.at(src, b.pos(), "'" + src.text(b.pos())
                            + "' is a condition where a number is expected");
                }
                Dimension l = dimension(src, b.left(), differential);
                Dimension r = dimension(src, b.right(), differential);
                yield switch (b.op()) {
                    case "+", "-", "%" -> {
                        same(src, b, l, r, b.op().equals("%") ? "%" : b.op());
                        if (b.op().equals("%") && !l.dimensionless()) {
                            throw EquationException.at(src, b.pos(), "'" + src.text(b.pos()) + "': % of a value"
                                    + " with unit " + l + " would depend on the unit convention; divide by a unit"
                                    + " first");
                        }
                        yield l;
                    }
                    case "*" -> l.times(r);
                    case "/" -> {
                        if (constant(b.right()) && valueOf(b.right()) instanceof Num z
                                && z.value() == 0) {
                            throw EquationException.at(src, b.right().pos(), "division by zero: '"
                                    + src.text(b.right().pos()) + "' is a constant equal to 0");
                        }
                        yield l.over(r);
                    }
                    case "**" -> {
                        if (!r.dimensionless()) {
                            throw EquationException.at(src, b.right().pos(), "the exponent '" + src.text(b.right()
                                    .pos()) + "' has unit " + r + ": exponents must be dimensionless");
                        }
                        if (l.dimensionless()) {
                            yield l;
                        }
                        Double p = valueOf(b.right()) instanceof Num n ? n.value() : null;
                        if (p == null) {
                            throw EquationException.at(src, b.right().pos(), "the exponent '" + src.text(b.right()
                                    .pos()) + "' of '" + src.text(b.left().pos()) + "' (unit " + l + ") must be a"
                                    + " constant number, or the unit of the result is not known");
                        }
                        yield l.power(p);
                    }
                    default -> throw new IllegalStateException(b.op());
                };
            }
            case Call c -> callDimension(src, c, differential);
        };
    }

    /** Whether e is made of numbers, units and external constants only. */
    private boolean constant(Expr e) {
        java.util.Set<String> names = new java.util.HashSet<>();
        Algebra.names(e, names);
        for (String n : names) {
            if (equations.get(n) != null || !(constants.containsKey(n) || Units.find(n) != null || n.equals("pi")
                    || n.equals("e"))) {
                return false;
            }
        }
        return true;
    }

    private Dimension nameDimension(Source src, Name n, String differential) {
        String name = n.name();
        Equation eq = equations.get(name);
        if (eq != null) {
            return eq.dimension();
        }
        if (constants.containsKey(name)) {
            return constants.get(name).dimension();
        }
        if (name.equals("t") || name.equals("dt")) {
            return Dimension.SECOND;
        }
        if (name.equals("pi") || name.equals("e")) {
            return Dimension.ONE;
        }
        if (name.equals("xi") || name.startsWith("xi_")) {
            if (differential == null) {
                throw EquationException.at(src, n.pos(), "the noise term '" + name + "' may only appear in"
                        + " differential equations");
            }
            return XI;
        }
        Units.Unit u = Units.find(name);
        if (u != null) {
            return u.dimension();
        }
        throw EquationException.at(src, n.pos(), "unknown name '" + name + "'" + (Functions.known(name)
                ? " (" + name + " is a function: write " + name + "(…))" : "") + "; known names: " + known()
                + ", and Brian2's units (mV, ms, nS, pA, pF, …)");
    }

    private Dimension callDimension(Source src, Call c, String differential) {
        String f = c.function();
        if (!Functions.known(f)) {
            throw EquationException.at(src, c.pos(), "unknown function '" + f + "'; known functions: "
                    + Functions.list());
        }
        if (c.arguments().size() != Functions.arity(f)) {
            throw EquationException.at(src, c.pos(), f + "() takes " + Functions.arity(f) + " argument"
                    + (Functions.arity(f) == 1 ? "" : "s") + ", found " + c.arguments().size());
        }
        List<Dimension> a = new ArrayList<>();
        for (Expr arg : c.arguments()) {
            a.add(dimension(src, arg, differential));
        }
        switch (f) {
            case "rand", "randn" -> {
                if (differential != null) {
                    throw EquationException.at(src, c.pos(), f + "() in a differential equation: a random number"
                            + " per step is not a noise term; use xi (white noise, unit second**-0.5)");
                }
                return Dimension.ONE;
            }
            case "sqrt" -> {
                return a.getFirst().power(0.5);
            }
            case "abs" -> {
                return a.getFirst();
            }
            case "sign" -> {
                return Dimension.ONE;
            }
            case "clip" -> {
                for (int k = 1; k < 3; k++) {
                    if (!a.get(k).equals(a.getFirst())) {
                        throw EquationException.at(src, c.arguments().get(k).pos(), "clip(): the bound '"
                                + src.text(c.arguments().get(k).pos()) + "' has unit " + a.get(k) + ", the value '"
                                + src.text(c.arguments().getFirst().pos()) + "' has unit " + a.getFirst()
                                + "; all three must have the same unit");
                    }
                }
                return a.getFirst();
            }
            default -> {
                if (!a.getFirst().dimensionless()) {
                    Expr arg = c.arguments().getFirst();
                    String why = switch (f) {
                        case "int", "floor", "ceil" -> " (rounding a value with a unit would depend on the unit"
                                + " convention; divide by a unit first)";
                        default -> "";
                    };
                    throw EquationException.at(src, arg.pos(), "the argument '" + src.text(arg.pos()) + "' of " + f
                            + "() has unit " + a.getFirst() + ": it must be dimensionless" + why);
                }
                return Dimension.ONE;
            }
        }
    }

    private static void same(Source src, Binary b, Dimension l, Dimension r, String op) {
        if (!l.equals(r)) {
            throw EquationException.at(src, b.pos(), "units do not match in '" + src.text(b.pos()) + "': '"
                    + src.text(b.left().pos()) + "' has unit " + l + " and '" + src.text(b.right().pos())
                    + "' has unit " + r + "; both sides of " + op + " must have the same unit");
        }
    }

    /** Checks a condition (threshold, refractory): comparisons of equal units joined by and, or, not. */
    void condition(Source src, Expr e) {
        switch (e) {
            case Binary b when Expr.comparison(b.op()) -> same(src, b, dimension(src, b.left(), null),
                    dimension(src, b.right(), null), b.op());
            case Binary b when Expr.logical(b.op()) -> {
                condition(src, b.left());
                condition(src, b.right());
            }
            case Unary u when u.op().equals("not") -> condition(src, u.operand());
            default -> throw EquationException.at(src, e.pos(), "'" + src.text(e.pos()) + "' is not a condition:"
                    + " write a comparison such as v > -50*mV (joined by and, or, not), found a value of unit "
                    + dimension(src, e, null));
        }
    }

    /**
     * The expression in stored units: numbers divided by their dimension's storage scale, unit names as numbers,
     * constants as names (or numbers, see {@link #symbolicConstants}), subexpressions substituted, a plain {@code xi} renamed per equation ({@code xi@v}: Brian2's xi
     * of two equations are independent).
     */
    Expr lower(Expr e, String differential) {
        return switch (e) {
            case Num n -> Expr.num(n.value() / n.dimension().scale());
            case Name n -> {
                String name = n.name();
                Equation eq = equations.get(name);
                if (eq != null && eq.kind() == Kind.SUBEXPRESSION) {
                    yield lowered.computeIfAbsent(name, k -> Algebra.simplify(lower(eq.expression(), null)));
                }
                if (eq != null) {
                    yield Expr.name(name);
                }
                Num c = constants.get(name);
                if (c != null) {
                    yield symbolicConstants ? Expr.name(name) : Expr.num(c.value() / c.dimension().scale());
                }
                if (name.equals("pi")) {
                    yield Expr.num(Math.PI);
                }
                if (name.equals("e")) {
                    yield Expr.num(Math.E);
                }
                if (name.equals("xi")) {
                    yield Expr.name("xi@" + differential);
                }
                if (name.equals("t") || name.equals("dt") || name.startsWith("xi_")) {
                    yield Expr.name(name);
                }
                Units.Unit u = Units.find(name);
                yield Expr.num(u.factor() / u.dimension().scale());
            }
            case Unary u -> new Unary(u.op(), lower(u.operand(), differential), null);
            case Binary b -> new Binary(b.op(), lower(b.left(), differential), lower(b.right(), differential),
                    null);
            case Call c -> new Call(c.function(), c.arguments().stream().map(a -> lower(a, differential)).toList(),
                    null);
        };
    }

    Expr lower(Expr e) {
        return lower(e, null);
    }
}
