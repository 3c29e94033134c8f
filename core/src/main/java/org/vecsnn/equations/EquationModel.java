package org.vecsnn.equations;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronKernel;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronState;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateVariable;
import org.vecsnn.equations.EquationException.Source;
import org.vecsnn.equations.Equations.Equation;
import org.vecsnn.equations.Equations.Kind;

/**
 * A neuron model written in Brian2's model language and compiled at run time into a plain and a Vector API kernel
 * (see {@code docs/EQUATIONS.md}):
 * <pre>
 * NeuronModel lif = EquationModel.builder("""
 *         dv/dt = (El - v + R*I)/tau : volt (unless refractory)
 *         I : amp
 *         """)
 *     .constant("El", "-60*mV").constant("R", "1*Gohm").constant("tau", "20*ms")
 *     .input("I").threshold("v > -50*mV").reset("v = -60*mV").refractory("5*ms")
 *     .initial("v", "-60*mV").build();
 * </pre>
 * Values are stored in the core's units (ms, mV, pA, nS, pF; see {@link Dimension}). The membrane variable ({@code v}
 * or {@code V}) is the population's V; the {@link Builder#input input} parameter reads the population's input of the
 * step (external currents and synaptic outputs, in the stored unit of its dimension), and the kernel clears it; a
 * model without one neither reads nor clears the input. Models whose generated source is the same (the same text,
 * whatever the values of their external constants) compile once per JVM.
 */
public final class EquationModel implements NeuronModel {
    /** The compiled kernel classes of one generated source pair, and how long javac took. */
    private record Compiled(Constructor<?> plain, Constructor<?> vector, double compileSeconds) {}

    private static final Map<String, Compiled> CACHE = new ConcurrentHashMap<>();

    private final String methodName;
    private final Integration.Update update;
    private final String membrane;
    private final List<String> arrays;
    private final Map<String, Double> initial;
    private final Map<String, Double> shared;
    private final StateSpec state;
    private final double tRef;
    private final List<Expr> slots;
    private final long seed;
    private final Compiled compiled;
    private final String plainSource;
    private final String vectorSource;
    private final boolean cached;
    private final String input;
    private final Equations equations;
    private final Map<String, Double> constantValues;

    private EquationModel(Builder b) {
        Equations eqs = Equations.parse(b.equations);
        Map<String, Expr.Num> constants = new LinkedHashMap<>();
        b.constants.forEach((name, text) -> {
            if (eqs.get(name) != null) {
                throw new EquationException("constant '" + name + "': also declared in the equations (line "
                        + eqs.source.numbers()[eqs.get(name).namePos().line() - 1] + "); give its value with"
                        + " initial(…) instead", 0, 0);
            }
            constants.put(name, quantity("constant '" + name + "'", text));
        });
        Checker checker = new Checker(eqs, constants, true);
        constantValues = checker.storedConstants();
        checker.checkEquations();
        input = b.input;
        membrane = b.membrane != null ? b.membrane : eqs.get("v") != null ? "v" : "V";
        Equation m = eqs.get(membrane);
        if (m == null || m.kind() != Kind.DIFFERENTIAL) {
            throw new EquationException("membrane variable '" + membrane + "': must be a differential equation of"
                    + " the model (dv/dt = …); declared: " + eqs.all().keySet(), 0, 0);
        }
        if (b.input != null) {
            Equation in = eqs.get(b.input);
            if (in == null || in.kind() != Kind.PARAMETER || in.has("shared") || in.has("constant")) {
                throw new EquationException("input '" + b.input + "': must be a per-neuron parameter of the"
                        + " equations ('" + b.input + " : amp'), not constant or shared; declared: "
                        + eqs.all().keySet(), 0, 0);
            }
        }
        // state: V first, the other differential variables, then the per-neuron parameters (the input among them)
        arrays = new ArrayList<>();
        arrays.add(membrane);
        Set<String> sharedNames = new LinkedHashSet<>();
        for (Equation e : eqs.all().values()) {
            if (e.kind() == Kind.DIFFERENTIAL && !e.name().equals(membrane)) {
                arrays.add(e.name());
            }
        }
        for (Equation e : eqs.of(Kind.PARAMETER)) {
            if (e.has("shared")) {
                sharedNames.add(e.name());
            } else {
                arrays.add(e.name());
            }
        }
        initial = new LinkedHashMap<>();
        shared = new LinkedHashMap<>();
        equations = eqs;
        b.initial.forEach((name, text) -> (eqs.get(name) != null && eqs.get(name).has("shared") ? shared : initial)
                .put(name, stored("initial value of '" + name + "'", name, text)));
        for (String s : sharedNames) {
            shared.putIfAbsent(s, 0.0);
        }
        // the update
        Map<String, Expr> f = new LinkedHashMap<>();
        for (Equation e : eqs.all().values()) {
            if (e.kind() == Kind.DIFFERENTIAL) {
                f.put(e.name(), Algebra.simplify(checker.lower(e.expression(), e.name())));
            }
        }
        Set<String> bindTimeNames = new LinkedHashSet<>(sharedNames);
        bindTimeNames.addAll(constants.keySet());
        update = Integration.of(f, bindTimeNames, b.method);
        methodName = update.method();
        Set<String> held = new LinkedHashSet<>();
        eqs.of(Kind.DIFFERENTIAL).stream().filter(e -> e.has("unless refractory")).forEach(e -> held.add(e.name()));
        Set<String> perNeuron = new LinkedHashSet<>(arrays);
        Expr threshold = null;
        if (b.threshold != null) {
            Source src = Source.of("threshold", b.threshold);
            Expr t = parseLine(src);
            checker.condition(src, t);
            threshold = Algebra.simplify(checker.lower(t));
            Set<String> names = new LinkedHashSet<>();
            Algebra.names(threshold, names);
            names.retainAll(perNeuron);
            if (names.isEmpty() && !Expr.print(threshold).contains("rand")) {
                throw EquationException.at(src, t.pos(), "the threshold '" + b.threshold.strip() + "' depends on no"
                        + " variable of the neurons: it is always true or never; compare a state variable");
            }
        }
        List<Map.Entry<String, Expr>> reset = statements("reset", b.reset, eqs, checker, constants.keySet(),
                b.input);
        Expr refractoryCondition = null;
        double refractoryTime = 0;
        if (b.refractory != null) {
            Source src = Source.of("refractory", b.refractory);
            Expr r = parseLine(src);
            boolean condition = r instanceof Expr.Binary bin && (Expr.comparison(bin.op()) || Expr.logical(bin.op()))
                    || r instanceof Expr.Unary u && u.op().equals("not");
            if (condition) {
                checker.condition(src, r);
                refractoryCondition = Algebra.simplify(checker.lower(r));
            } else {
                Dimension d = checker.dimension(src, r, null);
                Expr lowered = checker.valueOf(r);
                if (!d.equals(Dimension.SECOND) || !(lowered instanceof Expr.Num n) || n.value() < 0) {
                    throw EquationException.at(src, r.pos(), "refractory = '" + b.refractory.strip() + "': must be"
                            + " a non-negative time such as 5*ms (found unit " + d + ") or a condition such as"
                            + " v > -50*mV");
                }
                refractoryTime = n.value();
            }
        }
        tRef = refractoryTime;
        seed = b.seed;
        // declared state besides V
        List<StateVariable> variables = new ArrayList<>();
        for (String a : arrays.subList(1, arrays.size())) {
            if (a.equals(input)) {
                continue;
            }
            variables.add(StateVariable.real(a, storedUnit(eqs.get(a).dimension()), initial.getOrDefault(a, 0.0)));
        }
        state = StateSpec.of(variables);
        // sources and their compiled classes
        Set<String> bindTime = new LinkedHashSet<>(sharedNames);
        bindTime.addAll(constants.keySet());
        bindTime.add("dt");
        for (int i = 0; i < update.states().size(); i++) {
            for (int j = 0; j < update.states().size(); j++) {
                bindTime.add("_M_" + i + "_" + j);
                bindTime.add("_Q_" + i + "_" + j);
            }
        }
        KernelSource.Plan plan = new KernelSource.Plan(arrays, update, held, threshold, reset, refractoryCondition,
                b.input, bindTime);
        KernelSource plain = KernelSource.generate(plan, "KERNEL", false);
        boolean vector = KernelProvider.vectorAvailable();
        KernelSource simd = vector ? KernelSource.generate(plan, "KERNEL", true) : null;
        slots = plain.slots;
        String hash = hash(plain.source + (simd == null ? "" : simd.source));
        plainSource = plain.source.replace("KERNEL", "Plain" + hash);
        vectorSource = simd == null ? null : simd.source.replace("KERNEL", "Vector" + hash);
        boolean[] fresh = {false};
        compiled = CACHE.computeIfAbsent(hash, h -> {
            fresh[0] = true;
            return compile(hash, plainSource, vectorSource);
        });
        cached = !fresh[0];
    }

    /**
     * {@code quantity} (a number times units, such as {@code "-60*mV"}) in the stored unit of {@code name}, a
     * variable or parameter of the equations; refused if the units differ.
     */
    public double stored(String name, String quantity) {
        return stored("value of '" + name + "'", name, quantity);
    }

    private double stored(String what, String name, String text) {
        Equation e = equations.get(name);
        if (e == null || e.kind() == Kind.SUBEXPRESSION) {
            throw new EquationException(what + ": '" + name + "' is not a variable or parameter of the equations;"
                    + " these are: " + equations.all().values().stream().filter(x -> x.kind() != Kind.SUBEXPRESSION)
                    .map(Equation::name).toList(), 0, 0);
        }
        Expr.Num q = quantity(what, text);
        if (!q.dimension().equals(e.dimension())) {
            throw new EquationException(what + " = " + text + ": has unit " + q.dimension() + ", " + name
                    + " has unit " + e.dimension(), 0, 0);
        }
        return q.value() / q.dimension().scale();
    }

    private static Compiled compile(String hash, String plain, String vector) {
        long start = System.nanoTime();
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("Plain" + hash, plain);
        if (vector != null) {
            sources.put("Vector" + hash, vector);
        }
        Map<String, Class<?>> classes = InMemoryCompiler.compile(sources, vector != null).classes();
        double seconds = (System.nanoTime() - start) * 1e-9;
        return new Compiled(constructor(classes.get("Plain" + hash)),
                vector == null ? null : constructor(classes.get("Vector" + hash)), seconds);
    }

    private static Constructor<?> constructor(Class<?> c) {
        try {
            return c.getConstructor(float[][].class, float[].class, int[].class, float[].class, int.class,
                    int.class, int.class, long.class, double.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Expr parseLine(Source src) {
        if (src.lines().length != 1) {
            throw new EquationException(src.what() + ": one line expected, found " + src.lines().length, 0, 0);
        }
        List<Parser.Token> tokens = Parser.lex(src, 1);
        if (tokens.size() == 1) {
            throw new EquationException(src.what() + ": empty", 0, 0);
        }
        return new Parser(src, 1, tokens, 0, tokens.size() - 1).whole();
    }

    /** A constant quantity: numbers and unit names with * / ** + −. */
    static Expr.Num quantity(String what, String text) {
        Source src = Source.of(what, text == null ? "" : text);
        Expr e = parseLine(src);
        Checker none = new Checker(Equations.none(), Map.of(), false);
        Dimension d = none.dimension(src, e, null);
        Expr lowered = Algebra.simplify(none.lower(e));
        if (!(lowered instanceof Expr.Num n)) {
            throw EquationException.at(src, e.pos(), "'" + text + "' is not a constant quantity: write a number"
                    + " times units, such as -60*mV");
        }
        return new Expr.Num(n.value() * d.scale(), d, null);
    }

    /**
     * Statements {@code x = e} (or +=, -=, *=, /=), one per line, checked and lowered in order: a reset, or a
     * synapse's on_pre / on_post ({@code what}); each entry is x and its new value.
     */
    static List<Map.Entry<String, Expr>> statements(String what, String text, Equations eqs, Checker checker,
                                                    Set<String> constants, String input) {
        List<Map.Entry<String, Expr>> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Source src = Source.of(what, text);
        for (int line = 1; line <= src.lines().length; line++) {
            List<Parser.Token> all = Parser.lex(src, line);
            // Brian2 also separates statements on a line by ';' ("v = c; u += d"): each ends at its ';' or the end
            int start = 0;
            for (int end = 0; end < all.size(); end++) {
                if (all.get(end).kind() == Parser.Kind.END || all.get(end).is(";")) {
                    statement(what, src, line, all.subList(start, end + 1), eqs, checker, constants, input, out);
                    start = end + 1;
                }
            }
        }
        return out;
    }

    /** One statement: its tokens, the last of them its end (';' or the end of the line). */
    private static void statement(String what, Source src, int line, List<Parser.Token> tokens, Equations eqs,
                                  Checker checker, Set<String> constants, String input,
                                  List<Map.Entry<String, Expr>> out) {
        if (tokens.size() == 1) {
            return;
        }
        Parser.Token target = tokens.get(0);
        Expr.Pos at = new Expr.Pos(line, target.column(), target.end());
        if (tokens.size() < 3 || target.kind() != Parser.Kind.NAME || !(tokens.get(1).is("=")
                || tokens.get(1).is("+=") || tokens.get(1).is("-=") || tokens.get(1).is("*=")
                || tokens.get(1).is("/="))) {
            throw EquationException.at(src, at, "a" + (what.equals("reset") ? " reset" : "n " + what)
                    + " statement is 'x = expr' (or +=, -=, *=, /=)");
        }
        String name = target.text();
        Equation e = eqs.get(name);
        String refusal = e == null ? (constants.contains(name) ? "is an external constant"
                : "is not a variable of the model; variables: " + eqs.all().keySet())
                : e.kind() == Kind.SUBEXPRESSION ? "is a subexpression (computed from the state)"
                : e.has("constant") ? "is a constant parameter" : e.has("shared") ? "is a shared parameter"
                : name.equals(input) ? "is the input (written by the engine every step)" : null;
        if (refusal != null) {
            throw EquationException.at(src, at, "cannot assign to '" + name + "': it " + refusal);
        }
        Expr value = new Parser(src, line, tokens, 2, tokens.size() - 1).whole();
        String op = tokens.get(1).text();
        Dimension d = checker.dimension(src, value, null);
        Dimension expected = op.equals("*=") || op.equals("/=") ? Dimension.ONE : e.dimension();
        if (!d.equals(expected)) {
            throw EquationException.at(src, value.pos(), "units do not match in the " + what + " of " + name + ": '"
                    + src.text(value.pos()) + "' has unit " + d + ", " + (expected.dimensionless()
                    ? "a factor must be dimensionless" : name + " has unit " + expected));
        }
        Expr lowered = checker.lower(value);
        Expr next = op.equals("=") ? lowered
                : Expr.binary(op.substring(0, 1), Expr.name(name), lowered);
        out.add(Map.entry(name, Algebra.simplify(next)));
    }

    /** The core's unit of a dimension, in words. */
    static String storedUnit(Dimension d) {
        Map<String, String> stored = Map.of("V", "mV", "A", "pA", "S", "nS", "F", "pF", "s", "ms", "1", "1",
                "Hz", "kHz", "ohm", "Gohm", "m", "um");
        String named = d.toString();
        return stored.getOrDefault(named, named + " / " + d.scale());
    }

    @Override
    public NeuronKernel bind(NeuronState s, double dt, int refractorySteps) {
        Map<String, Double> values = new HashMap<>(shared);
        values.putAll(constantValues);
        values.put("dt", dt);
        values.putAll(Integration.propagators(update, values, dt));
        float[] k = new float[slots.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) Algebra.evaluate(slots.get(i), values);
        }
        float[][] data = new float[arrays.size()][];
        data[0] = s.v();
        for (int i = 1; i < arrays.size(); i++) {
            data[i] = arrays.get(i).equals(input) ? s.input() : s.floats(arrays.get(i));
        }
        Constructor<?> c = s.lanes().vectorized() && compiled.vector() != null ? compiled.vector() : compiled.plain();
        try {
            return (NeuronKernel) c.newInstance(data, s.input(), s.refractory(), k, s.v().length, s.size(),
                    Math.max(refractorySteps - 1, 0), seed, dt);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("generated kernel of " + methodName + " model", e);
        }
    }

    @Override
    public StateSpec state() {
        return state;
    }

    /** The parsed equations. */
    Equations equations() {
        return equations;
    }

    @Override
    public double initialV() {
        return initial.getOrDefault(membrane, 0.0);
    }

    @Override
    public double tRef() {
        return tRef;
    }

    /**
     * The core's nearest description: euler and heun as EULER, rk2 and rk4 as RK4, exponential_euler and exact as
     * EXPONENTIAL_EULER (the core's EXACT means LIF's joint propagator of membrane and current synapses, which an
     * equation model does not claim: its input is held over the step). {@link #methodName()} is the method itself.
     */
    @Override
    public Integrator method() {
        return switch (methodName) {
            case "euler", "heun" -> Integrator.EULER;
            case "rk2", "rk4" -> Integrator.RK4;
            default -> Integrator.EXPONENTIAL_EULER;
        };
    }

    /** The variable that is the population's V. */
    public String membrane() {
        return membrane;
    }

    /** Brian2's name of the integration method, as given or as chosen by default. */
    public String methodName() {
        return methodName;
    }

    /** The generated plain kernel's source. */
    public String plainSource() {
        return plainSource;
    }

    /** The generated Vector API kernel's source, or null without the Vector API. */
    public String vectorSource() {
        return vectorSource;
    }

    /**
     * How long javac took for this model's kernels (both twins in one task), when they were compiled; or how long
     * loading them from the disk cache took.
     */
    public double compileSeconds() {
        return compiled.compileSeconds();
    }

    /** Whether the kernels came from the cache (a model with the same generated source compiled before). */
    public boolean fromCache() {
        return cached;
    }

    public static Builder builder(String equations) {
        return new Builder(equations);
    }

    /** A model's text: its equations, constants, threshold, reset, refractoriness, method and initial values. */
    public static final class Builder {
        private final String equations;
        private final Map<String, String> constants = new LinkedHashMap<>();
        private final Map<String, String> initial = new LinkedHashMap<>();
        private String threshold;
        private String reset;
        private String refractory;
        private String method;
        private String membrane;
        private String input;
        private long seed = 1;

        private Builder(String equations) {
            this.equations = equations;
        }

        /** An external constant (Brian2's namespace): a number times units, such as {@code "20*ms"}. */
        public Builder constant(String name, String quantity) {
            constants.put(name, quantity);
            return this;
        }

        /** The initial value of a variable or parameter (the value of a shared parameter), with units. */
        public Builder initial(String name, String quantity) {
            initial.put(name, quantity);
            return this;
        }

        /** The spike condition, on the values after the step, such as {@code "v > -50*mV"}. */
        public Builder threshold(String condition) {
            threshold = condition;
            return this;
        }

        /** Statements run on the neurons that spiked, one per line ({@code v = -60*mV}, {@code w += b}). */
        public Builder reset(String statements) {
            reset = statements;
            return this;
        }

        /** A time ({@code "5*ms"}, a whole number of steps) or a condition that keeps a neuron refractory. */
        public Builder refractory(String timeOrCondition) {
            refractory = timeOrCondition;
            return this;
        }

        /** euler, rk2, rk4, heun, exponential_euler or exact; without it, Brian2's choice (exact, euler, heun). */
        public Builder method(String name) {
            method = name;
            return this;
        }

        /** The variable that is the population's V (default v, else V). */
        public Builder membrane(String name) {
            membrane = name;
            return this;
        }

        /** The per-neuron parameter that reads the population's input of each step. */
        public Builder input(String name) {
            input = name;
            return this;
        }

        /** The seed of rand(), randn() and xi. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public EquationModel build() {
            return new EquationModel(this);
        }
    }
}
