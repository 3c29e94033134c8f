package org.vecsnn.equations;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vecsnn.core.plasticity.PlasticSynapses;
import org.vecsnn.core.plasticity.PlasticityKernel;
import org.vecsnn.core.plasticity.PlasticityRule;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateVariable;
import org.vecsnn.equations.EquationException.Source;
import org.vecsnn.equations.Equations.Equation;
import org.vecsnn.equations.Equations.Kind;
import org.vecsnn.equations.Expr.Binary;
import org.vecsnn.equations.Expr.Call;
import org.vecsnn.equations.Expr.Name;
import org.vecsnn.equations.Expr.Num;
import org.vecsnn.equations.Expr.Unary;

/**
 * A plastic synapse written in Brian2's model language, as a {@link PlasticityRule} of the core: per-synapse
 * parameters ({@code w : 1}), {@code (event-driven)} linear equations, and the statements of {@code on_pre} and
 * {@code on_post}. Brian2's STDP example (Song, Miller &amp; Abbott):
 *
 * <pre>{@code
 * SynapseModel stdp = SynapseModel.builder("""
 *         w : 1
 *         dApre/dt = -Apre / taupre : 1 (event-driven)
 *         dApost/dt = -Apost / taupost : 1 (event-driven)""")
 *     .onPre("ge += w\nApre += dApre\nw = clip(w + Apost, 0, gmax)")
 *     .onPost("Apost += dApost\nw = clip(w + Apre, 0, gmax)")
 *     .constant("taupre", "20*ms") … .build();
 * }</pre>
 *
 * <p>As Brian2, an event-driven variable changes only at its synapse's events: at each pre or post event it is first
 * brought from the synapse's last update ({@code lastupdate}, a step, declared state) to the event's step by the
 * exact solution of its equation {@code x' = a·x + b}, in double, rounded once; then the event's statements run in
 * order. The statements are generated as Java source and compiled in memory.
 *
 * <p>The delivery statement of {@code on_pre} ({@code ge += w}, {@code ge_post += w}: a name that is not the
 * synapse's, increased by one of its parameters) names the parameter that is the projection's weight (the core's
 * {@code "w"}); the projection delivers it to its target receptor (or {@link OnPre}) after the rule's presynaptic
 * phase, so the spike delivers the weight after all of on_pre's statements, wherever the delivery stands in on_pre
 * (Brian2 delivers where it stands: with {@code ge += w} first, the value before the update).
 */
public final class SynapseModel implements PlasticityRule {
    /** The statements of one pathway, generated: reads and writes the variables of synapse {@code s}. */
    public interface Statements {
        void run(float[][] variables, int s, float t, float dt);
    }

    private static final String LAST_UPDATE = "lastupdate";

    private final String weight;
    /** The synapse's variables besides the weight: event-driven first (in order), then parameters. */
    private final List<String> state = new ArrayList<>();
    /** Per event-driven variable (the first of {@link #state}): x' = a·x + b, in stored units per ms. */
    private final double[] slope;
    private final double[] offset;
    private final StateSpec spec;
    private final boolean post;
    private final String source;
    private final Class<?> compiled;
    /** What makes the rule: its statements' class (a hash of their source), state and decay constants. */
    private final String description;

    private SynapseModel(Builder b) {
        Equations eqs = Equations.parse(b.model, Equations.Role.EVENT_DRIVEN_SYNAPSE);
        Map<String, Num> constants = new LinkedHashMap<>();
        b.constants.forEach((name, text) -> {
            if (eqs.get(name) != null) {
                throw new EquationException("constant '" + name + "': also declared in the synapse's model", 0, 0);
            }
            constants.put(name, EquationModel.quantity("constant '" + name + "'", text));
        });
        if (eqs.get(LAST_UPDATE) != null) {
            throw EquationException.at(eqs.source, eqs.get(LAST_UPDATE).namePos(), "'lastupdate' is a reserved"
                    + " name (the step of the synapse's last event); choose another");
        }
        Checker checker = new Checker(eqs, constants, false);
        checker.checkEquations();
        List<Double> a = new ArrayList<>();
        List<Double> c = new ArrayList<>();
        for (Equation e : eqs.of(Kind.DIFFERENTIAL)) {
            if (!e.has("event-driven")) {
                throw EquationException.at(eqs.source, e.namePos(), "d" + e.name() + "/dt: a synapse's"
                        + " differential equations must be (event-driven); clock-driven ones (updated every step)"
                        + " make a kinetic synapse (KineticEquations), not a learning rule");
            }
            double[] linear = linear(eqs.source, e, checker);
            state.add(e.name());
            a.add(linear[0]);
            c.add(linear[1]);
        }
        slope = a.stream().mapToDouble(Double::doubleValue).toArray();
        offset = c.stream().mapToDouble(Double::doubleValue).toArray();
        String[] preLines = b.onPre == null ? new String[0] : b.onPre.split("\n", -1);
        weight = delivery(Source.of("on_pre", b.onPre == null ? "" : b.onPre), preLines, eqs, constants.keySet());
        for (Equation e : eqs.of(Kind.PARAMETER)) {
            if (!e.name().equals(weight)) {
                state.add(e.name());
            }
        }
        if (!weight.equals("w") && eqs.get("w") != null) {
            throw EquationException.at(eqs.source, eqs.get("w").namePos(), "'w' is the name of the projection's"
                    + " weight, here '" + weight + "' (delivered by on_pre); rename the parameter 'w'");
        }
        List<StateVariable> vars = new ArrayList<>();
        for (String name : state) {
            double initial = b.initial.containsKey(name) ? stored(eqs, name, b.initial.get(name)) : 0;
            vars.add(StateVariable.real(name, EquationModel.storedUnit(eqs.get(name).dimension()), initial));
        }
        for (String name : b.initial.keySet()) {
            if (!state.contains(name)) {
                throw new EquationException("initial value of '" + name + "': " + (name.equals(weight)
                        ? "the weight is given by the projection (weight(…) or weights(…))"
                        : "not a variable of the synapse; its variables: " + state), 0, 0);
            }
        }
        vars.add(StateVariable.wide(LAST_UPDATE, "step", 0));
        spec = StateSpec.of(vars);
        List<String> names = new ArrayList<>();
        names.add(weight);
        names.addAll(state);
        String preCode = body(statements("on_pre", String.join("\n", preLines), eqs, checker, constants), names);
        post = b.onPost != null && !b.onPost.isBlank();
        String postCode = body(statements("on_post", b.onPost, eqs, checker, constants), names);
        String template = "package vecsnn.generated;\n\nimport org.vecsnn.core.simd.Exp;\nimport org.vecsnn.equations"
                + ".Functions;\nimport org.vecsnn.equations.SynapseModel;\n\npublic final class CLASS {\n"
                + "    public static final class Pre implements SynapseModel.Statements {\n" + preCode + "    }\n\n"
                + "    public static final class Post implements SynapseModel.Statements {\n" + postCode + "    }\n"
                + "}\n";
        String name = "Synapse" + EquationModel.hash(template);
        source = template.replace("CLASS", name);
        compiled = InMemoryCompiler.compiled(name, source);
        description = "SynapseModel[weight " + weight + ", state " + vars + ", dx/dt = a*x + b with a "
                + Arrays.toString(slope) + ", b " + Arrays.toString(offset) + " per ms, statements "
                + name + "]";
    }

    /** Names the rule by what it does, so that a checkpoint knows it again in a network built anew. */
    @Override
    public String toString() {
        return description;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SynapseModel m && m.description.equals(description);
    }

    @Override
    public int hashCode() {
        return description.hashCode();
    }

    /**
     * {@code dx/dt = f} as {@code f = a·x + b} with constant a and b (stored units per ms), or an error saying why
     * the equation cannot be solved between events.
     */
    private static double[] linear(Source src, Equation e, Checker checker) {
        Expr f = Algebra.simplify(checker.lower(e.expression(), e.name()));
        Set<String> names = new HashSet<>();
        Algebra.names(f, names);
        names.remove(e.name());
        for (String n : names) {
            String why = n.startsWith("xi") ? "noise (xi) has no exact solution between events"
                    : n.equals("t") || n.equals("dt") ? "it depends on " + n
                    : "it depends on '" + n + "' (coupled event-driven equations are not supported)";
            throw EquationException.at(src, e.expression().pos(), "the event-driven equation of " + e.name()
                    + " is solved exactly between events as dx/dt = a*x + b with constant a and b: " + why);
        }
        Expr a = Algebra.derivative(f, e.name());
        if (a == null || Algebra.contains(a, e.name())) {
            throw EquationException.at(src, e.expression().pos(), "the event-driven equation of " + e.name()
                    + " is not linear in " + e.name() + " ('" + src.text(e.expression().pos()) + "'); Brian2"
                    + " solves event-driven equations exactly, which needs dx/dt = a*x + b");
        }
        Expr b = Algebra.simplify(Algebra.substitute(f, Map.of(e.name(), Expr.num(0))));
        return new double[] {Algebra.evaluate(a, Map.of()), Algebra.evaluate(b, Map.of())};
    }

    private static double stored(Equations eqs, String name, String text) {
        Num q = EquationModel.quantity("initial value of '" + name + "'", text);
        if (!q.dimension().equals(eqs.get(name).dimension())) {
            throw new EquationException("initial value of '" + name + "' = " + text + ": has unit " + q.dimension()
                    + ", " + name + " has unit " + eqs.get(name).dimension(), 0, 0);
        }
        return q.value() / q.dimension().scale();
    }

    /**
     * Finds on_pre's delivery ({@code x += p} or {@code x_post += p}, x neither the synapse's nor an external
     * constant, p a parameter), blanks its line in {@code lines} (the other lines keep their numbers) and returns p.
     */
    private static String delivery(Source src, String[] lines, Equations eqs, Set<String> constants) {
        String found = null;
        for (int line = 1; line <= src.lines().length; line++) {
            List<Parser.Token> t = Parser.lex(src, line);
            if (t.size() < 2 || t.getFirst().kind() != Parser.Kind.NAME || eqs.get(t.getFirst().text()) != null
                    || constants.contains(t.getFirst().text()) || !(t.get(1).is("+=") || t.get(1).is("-="))) {
                continue;
            }
            Expr.Pos at = new Expr.Pos(line, t.getFirst().column(), t.getFirst().end());
            if (t.stream().anyMatch(token -> token.is(";"))) {
                throw EquationException.at(src, at, "the delivery ('" + t.getFirst().text() + " += …') must stand on"
                        + " a line of its own, without ';'");
            }
            Expr.Pos rest = new Expr.Pos(line, t.get(Math.min(2, t.size() - 2)).column(), t.get(t.size() - 2).end());
            Equation p = t.size() == 4 && t.get(2).kind() == Parser.Kind.NAME ? eqs.get(t.get(2).text()) : null;
            if (p == null || p.kind() != Kind.PARAMETER) {
                throw EquationException.at(src, rest, "'" + t.getFirst().text() + "' is not a variable of the"
                        + " synapse, so this is the delivery to the target: it must add one per-synapse parameter"
                        + " (such as 'ge += w'), which becomes the projection's weight; variables of the synapse: "
                        + eqs.all().keySet());
            }
            if (t.get(1).is("-=")) {
                throw EquationException.at(src, at, "the delivery subtracts its weight: the projection adds it;"
                        + " write '" + t.getFirst().text() + " += " + p.name() + "' onto a receptor whose sign"
                        + " inhibits (a negative reversal potential)");
            }
            if (found != null) {
                throw EquationException.at(src, at, "a second delivery: a projection delivers one weight to one"
                        + " receptor; connect another projection for another target");
            }
            found = p.name();
            lines[line - 1] = "";
        }
        if (found == null) {
            throw new EquationException("on_pre: no delivery; write the increment of the target by the weight,"
                    + " such as 'ge += w' (w a per-synapse parameter)", 0, 0);
        }
        return found;
    }

    /** The checked statements of a pathway, with the refusals that are a synapse's own. */
    private static List<Map.Entry<String, Expr>> statements(String what, String text, Equations eqs,
                                                            Checker checker, Map<String, Num> constants) {
        if (text == null) {
            return List.of();
        }
        Source src = Source.of(what, text);
        for (int line = 1; line <= src.lines().length; line++) {
            List<Parser.Token> t = Parser.lex(src, line);
            if (t.size() > 3 && t.get(1).is("/") && t.get(2).is("dt") && t.getFirst().text().startsWith("d")) {
                throw EquationException.at(src, new Expr.Pos(line, t.getFirst().column(), t.get(2).end()),
                        "cannot assign to the derivative " + t.getFirst().text() + "/dt: an event-driven variable"
                        + " follows its equation between events; change the variable itself ("
                        + t.getFirst().text().substring(1) + " += …)");
            }
            for (int k = 0; k < t.size(); k++) {
                Parser.Token n = t.get(k);
                if (n.kind() != Parser.Kind.NAME || eqs.get(n.text()) != null) {
                    continue;
                }
                Expr.Pos at = new Expr.Pos(line, n.column(), n.end());
                if (n.text().endsWith("_pre") || n.text().endsWith("_post")) {
                    throw EquationException.at(src, at, "'" + n.text() + "' is a variable of the "
                            + (n.text().endsWith("_pre") ? "pre" : "post") + "synaptic neurons: a synapse rule"
                            + " here reads and writes only its synapses' variables (" + eqs.all().keySet() + ")");
                }
                if (n.text().equals("rand") || n.text().equals("randn")) {
                    throw EquationException.at(src, at, n.text() + "() in a synapse's statements is not"
                            + " supported (no random stream per synapse)");
                }
            }
        }
        return EquationModel.statements(what, text, eqs, checker, constants.keySet(), null);
    }

    /** The method {@code run} of a pathway: load every variable of synapse s, the statements in order, store. */
    private static String body(List<Map.Entry<String, Expr>> statements, List<String> names) {
        StringBuilder s = new StringBuilder("        @Override\n        public void run(float[][] v, int s, float t,"
                + " float dt) {\n");
        for (int k = 0; k < names.size(); k++) {
            s.append("            float v_").append(names.get(k)).append(" = v[").append(k).append("][s];\n");
        }
        Set<String> written = new HashSet<>();
        for (Map.Entry<String, Expr> e : statements) {
            s.append("            v_").append(e.getKey()).append(" = ").append(java(e.getValue())).append(";\n");
            written.add(e.getKey());
        }
        for (int k = 0; k < names.size(); k++) {
            if (written.contains(names.get(k))) {
                s.append("            v[").append(k).append("][s] = v_").append(names.get(k)).append(";\n");
            }
        }
        return s.append("        }\n").toString();
    }

    /**
     * e as a scalar Java float expression (names {@code v_x}; {@code t}, {@code dt} as they are): IEEE operations
     * and the functions of the plain neuron kernels. Also {@link KineticEquations}' channel steps.
     */
    static String java(Expr e) {
        return switch (e) {
            case Num n -> "(" + Float.toHexString((float) n.value()) + "f)";
            case Name n -> n.name().equals("t") ? "t" : n.name().equals("dt") ? "dt" : "v_" + n.name();
            case Unary u -> "(-" + java(u.operand()) + ")";
            case Binary b -> switch (b.op()) {
                case "**" -> "Functions.pow(" + java(b.left()) + ", " + java(b.right()) + ")";
                case "%" -> "Functions.mod(" + java(b.left()) + ", " + java(b.right()) + ")";
                default -> "(" + java(b.left()) + " " + b.op() + " " + java(b.right()) + ")";
            };
            case Call c -> {
                List<String> a = c.arguments().stream().map(SynapseModel::java).toList();
                yield switch (c.function()) {
                    case "exp" -> "Exp.exp(" + a.getFirst() + ")";
                    case "sqrt" -> "((float) Math.sqrt(" + a.getFirst() + "))";
                    case "abs" -> "Math.abs(" + a.getFirst() + ")";
                    case "clip" -> "Math.min(Math.max(" + a.get(0) + ", " + a.get(1) + "), " + a.get(2) + ")";
                    case "sign" -> "Math.signum(" + a.getFirst() + ")";
                    case "int" -> "Functions.trunc(" + a.getFirst() + ")";
                    default -> "Functions." + c.function() + "(" + String.join(", ", a) + ")";
                };
            }
        };
    }

    public static Builder builder(String model) {
        return new Builder(model);
    }

    /** The per-synapse parameter delivered by on_pre, kept as the projection's weight {@code "w"}. */
    public String weightName() {
        return weight;
    }

    /** The generated source of the statements. */
    public String source() {
        return source;
    }

    @Override
    public StateSpec synapseState() {
        return spec;
    }

    @Override
    public boolean changesWeights() {
        return true;
    }

    @Override
    public boolean usesPostSpikes() {
        return post;
    }

    @Override
    public PlasticityKernel bind(PlasticSynapses synapses, double dt) {
        float[][] v = new float[state.size() + 1][];
        v[0] = synapses.weights();
        for (int k = 0; k < state.size(); k++) {
            v[k + 1] = synapses.synapseState().floats(state.get(k));
        }
        long[] last = synapses.synapseState().longs(LAST_UPDATE);
        Statements pre = instance("Pre");
        Statements onPost = instance("Post");
        float dtFloat = (float) dt;
        int[] rowStart = synapses.rowStart();
        int[] columnStart = post ? synapses.columnStart() : null;
        int[] columnSynapses = post ? synapses.columnSynapses() : null;
        return new PlasticityKernel() {
            /** Brings synapse s's event-driven variables from its last update to {@code step}. */
            private void advance(int s, long step) {
                if (last[s] == step) {
                    return;
                }
                double span = (step - last[s]) * dt;
                for (int k = 0; k < slope.length; k++) {
                    double x = v[k + 1][s];
                    double a = slope[k];
                    double b = offset[k];
                    v[k + 1][s] = (float) (a == 0 ? x + b * span
                            : (x + b / a) * StrictMath.exp(a * span) - b / a);
                }
                last[s] = step;
            }

            @Override
            public float preSpike(long step, int row) {
                float t = (float) (step * dt);
                for (int s = rowStart[row]; s < rowStart[row + 1]; s++) {
                    advance(s, step);
                    pre.run(v, s, t, dtFloat);
                }
                return 1f;
            }

            @Override
            public void postSpike(long step, int column) {
                float t = (float) (step * dt);
                for (int k = columnStart[column]; k < columnStart[column + 1]; k++) {
                    int s = columnSynapses[k];
                    advance(s, step);
                    onPost.run(v, s, t, dtFloat);
                }
            }
        };
    }

    private Statements instance(String pathway) {
        try {
            for (Class<?> c : compiled.getClasses()) {
                if (c.getSimpleName().equals(pathway)) {
                    return (Statements) c.getConstructor().newInstance();
                }
            }
            throw new IllegalStateException("no generated class " + pathway);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A synapse's text: its model, on_pre, on_post, constants and initial values. */
    public static final class Builder {
        private final String model;
        private final Map<String, String> constants = new LinkedHashMap<>();
        private final Map<String, String> initial = new LinkedHashMap<>();
        private String onPre;
        private String onPost;

        private Builder(String model) {
            this.model = model;
        }

        /** An external constant (Brian2's namespace): a number times units, such as {@code "20*ms"}. */
        public Builder constant(String name, String quantity) {
            constants.put(name, quantity);
            return this;
        }

        /** The initial value, for every synapse, of a variable other than the weight, with units. */
        public Builder initial(String name, String quantity) {
            initial.put(name, quantity);
            return this;
        }

        /** The statements at a presynaptic spike, one per line, with the delivery ({@code ge += w}). */
        public Builder onPre(String statements) {
            onPre = statements;
            return this;
        }

        /** The statements at a postsynaptic spike, one per line. */
        public Builder onPost(String statements) {
            onPost = statements;
            return this;
        }

        public SynapseModel build() {
            return new SynapseModel(this);
        }
    }
}
