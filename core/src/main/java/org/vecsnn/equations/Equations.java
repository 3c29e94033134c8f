package org.vecsnn.equations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vecsnn.equations.EquationException.Source;
import org.vecsnn.equations.Expr.Pos;
import org.vecsnn.equations.Parser.Kind;
import org.vecsnn.equations.Parser.Token;

/**
 * A parsed block of Brian2 equations, one per line: {@code dx/dt = expr : unit (flags)} (differential),
 * {@code y = expr : unit (flags)} (subexpression), {@code p : unit (flags)} (parameter); {@code #} starts a comment,
 * and a line with an open parenthesis continues on the next.
 * Checked here: the syntax, names declared once, flags allowed for the kind, and no cycle among subexpressions.
 */
public final class Equations {
    public enum Kind { DIFFERENTIAL, SUBEXPRESSION, PARAMETER }

    /** One equation; {@code expression} is null for a parameter. */
    public record Equation(Kind kind, String name, Expr expression, Dimension dimension, Set<String> flags,
                           Pos namePos) {
        public boolean has(String flag) {
            return flags.contains(flag);
        }
    }

    /**
     * What a block of equations describes, which decides the flags it may use: a neuron group's, a plastic
     * synapse's (event-driven, {@link SynapseModel}) or a kinetic synapse's (clock-driven and summed,
     * {@link KineticEquations}).
     */
    enum Role {
        NEURON(Set.of("unless refractory"), Set.of("constant", "shared"), Set.of()),
        EVENT_DRIVEN_SYNAPSE(Set.of("event-driven"), Set.of(), Set.of()),
        CLOCK_DRIVEN_SYNAPSE(Set.of("clock-driven"), Set.of(), Set.of("summed"));

        final Set<String> differential;
        final Set<String> parameter;
        final Set<String> subexpression;

        Role(Set<String> differential, Set<String> parameter, Set<String> subexpression) {
            this.differential = differential;
            this.parameter = parameter;
            this.subexpression = subexpression;
        }
    }

    /** Names a model may not declare: Brian2's special names and the functions. */
    static final Set<String> RESERVED = Set.of("t", "dt", "xi", "i", "N", "lastspike", "not_refractory", "True",
            "False", "pi", "e", "inf", "and", "or", "not");

    final Source source;
    private final Map<String, Equation> equations;

    private Equations(Source source, Map<String, Equation> equations) {
        this.source = source;
        this.equations = equations;
    }

    public Map<String, Equation> all() {
        return equations;
    }

    public Equation get(String name) {
        return equations.get(name);
    }

    public List<Equation> of(Kind kind) {
        return equations.values().stream().filter(e -> e.kind() == kind).toList();
    }

    /** No equations: the context of constant quantities. */
    static Equations none() {
        return new Equations(Source.of("constants", ""), Map.of());
    }

    public static Equations parse(String text) {
        return parse(text, Role.NEURON);
    }

    /** A neuron group's equations, or a synapse's (the role decides the flags allowed). */
    static Equations parse(String text, Role role) {
        if (text == null || text.isBlank()) {
            throw new EquationException("equations: the model has no equations; write at least one line such as"
                    + " 'dv/dt = -v/tau : volt'", 0, 0);
        }
        Source source = Source.joined("equations", text);
        Map<String, Equation> out = new LinkedHashMap<>();
        for (int line = 1; line <= source.lines().length; line++) {
            List<Token> tokens = Parser.lex(source, line);
            if (tokens.size() == 1) {
                continue;
            }
            Equation e = line(source, line, tokens, role);
            if (out.containsKey(e.name())) {
                throw EquationException.at(source, e.namePos(), "'" + e.name() + "' is declared twice (first on line "
                        + source.numbers()[out.get(e.name()).namePos().line() - 1] + "); each name is declared once");
            }
            out.put(e.name(), e);
        }
        if (out.isEmpty()) {
            throw new EquationException("equations: the model has no equations (only comments); write at least one"
                    + " line such as 'dv/dt = -v/tau : volt'", 0, 0);
        }
        Equations eqs = new Equations(source, out);
        eqs.refuseCycles();
        return eqs;
    }

    private static Equation line(Source source, int line, List<Token> tokens, Role role) {
        int colon = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is(":")) {
                colon = i;
                break;
            }
        }
        Token last = tokens.getLast();
        if (colon < 0) {
            throw EquationException.at(source, new Pos(line, last.column(), last.end()),
                    "missing ': unit' at the end of the equation (a dimensionless variable has unit 1)");
        }
        // the right of the colon: the unit, then optional (flags)
        int end = tokens.size() - 1;
        Set<String> flags = new LinkedHashSet<>();
        if (end - 1 > colon + 1 && tokens.get(end - 1).is(")")) {
            int open = end - 2;
            while (open > colon && !tokens.get(open).is("(")) {
                open--;
            }
            if (open > colon + 1 && flagTokens(tokens, open + 1, end - 1)) {
                flags.addAll(flags(tokens, open + 1, end - 1));
                end = open;
            }
        }
        for (int i = colon + 1; i < end; i++) {
            if (tokens.get(i).is("(") && tokens.get(end - 1).kind() == Parser.Kind.NAME) {
                throw EquationException.at(source, new Pos(line, tokens.get(i).column(), tokens.get(end - 1).end()),
                        "the flags after the unit are not closed: write (flag, …)");
            }
        }
        if (end == colon + 1) {
            throw EquationException.at(source, new Pos(line, tokens.get(colon).column(), tokens.get(colon).end()),
                    "missing unit after ':' (a dimensionless variable has unit 1)");
        }
        Expr unitExpr = new Parser(source, line, tokens, colon + 1, end).whole();
        Dimension dimension = unitDimension(source, unitExpr);
        // the left: dx/dt = expr, y = expr, or p
        Token first = tokens.getFirst();
        if (first.kind() != Parser.Kind.NAME) {
            throw EquationException.at(source, new Pos(line, first.column(), first.end()),
                    "an equation starts with a name: 'dx/dt = …', 'y = …' or 'p : unit', found '" + first.text() + "'");
        }
        Kind kind;
        String name;
        Pos namePos;
        int exprFrom;
        if (colon >= 4 && first.text().startsWith("d") && tokens.get(1).is("/") && tokens.get(2).is("dt")
                && tokens.get(3).is("=")) {
            kind = Kind.DIFFERENTIAL;
            name = first.text().substring(1);
            namePos = new Pos(line, first.column(), tokens.get(2).end());
            exprFrom = 4;
            if (name.isEmpty()) {
                throw EquationException.at(source, namePos, "'d/dt' names no variable; write dx/dt");
            }
        } else if (colon >= 2 && tokens.get(1).is("=")) {
            kind = Kind.SUBEXPRESSION;
            name = first.text();
            namePos = new Pos(line, first.column(), first.end());
            exprFrom = 2;
        } else if (colon == 1) {
            kind = Kind.PARAMETER;
            name = first.text();
            namePos = new Pos(line, first.column(), first.end());
            exprFrom = -1;
        } else {
            Token t = tokens.get(1);
            throw EquationException.at(source, new Pos(line, t.column(), t.end()), "expected '=' or ':' after '"
                    + first.text() + "' (forms: 'dx/dt = expr : unit', 'y = expr : unit', 'p : unit'), found '"
                    + t.text() + "'");
        }
        if (RESERVED.contains(name) || name.startsWith("xi_") || name.startsWith("_") || Functions.known(name)) {
            throw EquationException.at(source, namePos, "'" + name + "' is a reserved name (" + (Functions.known(name)
                    ? "a function" : "Brian2's special names: t, dt, xi, xi_*, i, N, names starting with _")
                    + "); choose another");
        }
        if (exprFrom > 0 && exprFrom == colon) {
            Token t = tokens.get(colon);
            throw EquationException.at(source, new Pos(line, t.column(), t.end()), "missing expression after '='");
        }
        Expr expression = exprFrom > 0 ? new Parser(source, line, tokens, exprFrom, colon).whole() : null;
        Set<String> allowed = switch (kind) {
            case DIFFERENTIAL -> role.differential;
            case PARAMETER -> role.parameter;
            case SUBEXPRESSION -> role.subexpression;
        };
        for (String flag : flags) {
            if (!allowed.contains(flag)) {
                String why = switch (flag) {
                    case "event-driven" -> role == Role.NEURON ? " (a synapse flag: write the synapse with"
                            + " SynapseModel)" : " (a plastic synapse's: write it with SynapseModel)";
                    case "clock-driven", "summed" -> role == Role.NEURON ? " (a synapse flag)" : " (a kinetic"
                            + " synapse's, stepped every step: write it with KineticEquations)";
                    case "unless refractory" -> role != Role.NEURON ? " (a neuron flag)" : "";
                    case "constant over dt", "linked" -> " (not supported)";
                    default -> "";
                };
                throw EquationException.at(source, namePos, "flag '" + flag + "' is not allowed on the "
                        + kind.name().toLowerCase() + " '" + name + "'" + why + "; allowed: "
                        + (allowed.isEmpty() ? "none" : String.join(", ", allowed)));
            }
        }
        return new Equation(kind, name, expression, dimension, Set.copyOf(flags), namePos);
    }

    private static boolean flagTokens(List<Token> tokens, int from, int to) {
        for (int i = from; i < to; i++) {
            Token t = tokens.get(i);
            if (t.kind() != Parser.Kind.NAME && !t.is(",") && !t.is("-")) {
                return false;
            }
        }
        return to > from;
    }

    private static List<String> flags(List<Token> tokens, int from, int to) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        for (int i = from; i <= to; i++) {
            if (i == to || tokens.get(i).is(",")) {
                out.add(b.toString());
                b.setLength(0);
            } else if (tokens.get(i).is("-")) {
                b.append('-');
            } else {
                if (b.length() > 0 && b.charAt(b.length() - 1) != '-') {
                    b.append(' ');
                }
                b.append(tokens.get(i).text());
            }
        }
        return out;
    }

    /** The dimension of a unit specification: unit names, 1, *, / and ** with a number. */
    static Dimension unitDimension(Source source, Expr e) {
        return switch (e) {
            case Expr.Num n when n.value() == 1 -> Dimension.ONE;
            case Expr.Name n -> {
                if (n.name().equals("boolean") || n.name().equals("integer")) {
                    throw EquationException.at(source, n.pos(), "variables of type " + n.name()
                            + " are not supported; use a float variable with unit 1");
                }
                Units.Unit u = Units.find(n.name());
                if (u == null) {
                    throw EquationException.at(source, n.pos(), "unknown unit '" + n.name()
                            + "' (units are Brian2's: volt, mV, amp, pA, siemens, nS, farad, pF, second, ms, hertz,"
                            + " metre, cm2, 1 …)");
                }
                yield u.dimension();
            }
            case Expr.Binary b when b.op().equals("*") -> unitDimension(source, b.left())
                    .times(unitDimension(source, b.right()));
            case Expr.Binary b when b.op().equals("/") -> unitDimension(source, b.left())
                    .over(unitDimension(source, b.right()));
            case Expr.Binary b when b.op().equals("**") && numberOf(b.right()) != null ->
                    unitDimension(source, b.left()).power(numberOf(b.right()));
            default -> throw EquationException.at(source, e.pos(), "'" + source.text(e.pos())
                    + "' is not a unit: write unit names with *, / and ** a number, or 1");
        };
    }

    private static Double numberOf(Expr e) {
        return switch (e) {
            case Expr.Num n -> n.value();
            case Expr.Unary u when u.op().equals("-") && u.operand() instanceof Expr.Num n -> -n.value();
            default -> null;
        };
    }

    /** A subexpression may not depend on itself, directly or through others. */
    private void refuseCycles() {
        Map<String, Integer> state = new LinkedHashMap<>();
        for (Equation e : of(Kind.SUBEXPRESSION)) {
            visit(e.name(), state, new ArrayList<>());
        }
    }

    private void visit(String name, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(name);
        if (s != null && s == 2) {
            return;
        }
        path.add(name);
        if (s != null) {
            throw EquationException.at(source, equations.get(name).namePos(), "the subexpressions depend on each"
                    + " other in a cycle: " + String.join(" → ", path.subList(path.indexOf(name), path.size()))
                    + "; none of them can be computed");
        }
        state.put(name, 1);
        Set<String> names = new LinkedHashSet<>();
        Algebra.names(equations.get(name).expression(), names);
        for (String n : names) {
            Equation dep = equations.get(n);
            if (dep != null && dep.kind() == Kind.SUBEXPRESSION) {
                visit(n, state, path);
            }
        }
        state.put(name, 2);
        path.removeLast();
    }
}
