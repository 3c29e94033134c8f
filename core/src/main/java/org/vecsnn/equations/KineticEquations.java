package org.vecsnn.equations;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.equations.EquationException.Source;
import org.vecsnn.equations.Equations.Equation;
import org.vecsnn.equations.Equations.Kind;
import org.vecsnn.models.synapse.KineticModel;
import org.vecsnn.models.synapse.KineticReceptor;

/**
 * A kinetic synapse written in Brian2's model language: {@code (clock-driven)} equations stepped every step, the
 * statements of {@code on_pre}, and one {@code (summed)} variable, the conductance the receptor's output uses. It is
 * a {@link KineticModel}, so a {@link KineticReceptor} keeps its state per presynaptic neuron (one delay) or per
 * synapse (per-synapse delays) and sums {@code g_j = Σ w·s} over each neuron's synapses, as for the built-in
 * schemes. Brian2's {@code examples/synapses/nonlinear.py} (NMDA's x/g form):
 *
 * <pre>{@code
 * KineticEquations nmda = KineticEquations.builder("""
 *         dg/dt = -g/tau_decay + a*x*(1 - g) : 1 (clock-driven)
 *         dx/dt = -x/tau_rise : 1 (clock-driven)
 *         w : 1
 *         g_NMDA_post = w*g : 1 (summed)""")
 *     .onPre("x += 1")
 *     .constant("tau_decay", "100*ms").constant("tau_rise", "2*ms").constant("a", "0.5/ms")
 *     .method("exponential_euler").output(SynapticOutput.mgBlock()).build();
 * new KineticReceptor(cells, "nmda", nmda);
 * }</pre>
 *
 * <p>The summed variable is {@code name_post = w*s} (or {@code s*w}): w, a parameter, is the projection's weight and s
 * a differential variable or a subexpression (computed after each step, as the built-in GABA_B's
 * {@code s = G⁴/(G⁴ + K_d)}). The receptor's output turns the sum into a current, or {@link #summedOnto} writes it
 * into a parameter of the neurons' own equations, as Brian2 does. The channel's variables are stepped with
 * {@code t} unknown: equations and statements may not read {@code t}, noise or random numbers, nor parameters other
 * than the weight and the transmitter.
 *
 * <p>BrainPy's transmitter pulse, which Brian2's strings can only write as a comparison of times: a parameter
 * named with {@link Builder#transmitter} (e.g. {@code T : mM}) equals the given concentration for a whole number of
 * steps from each arrival on (a spike during a pulse restarts it) and 0 otherwise, exactly as the built-in
 * schemes' pulse.
 *
 * <p>Step n of a channel: its arriving spikes run on_pre (and start the pulse); the receptor's output acts with
 * g(t_n); the method steps every variable from the values at the step's start; the pulse counts down. The step is
 * generated as a scalar Java loop over the channels and compiled in memory (cached by its source's hash); constants,
 * dt and exact's propagators are written into it as numbers, so a model is compiled when its grid is known.
 */
public final class KineticEquations implements KineticModel {
    /** The generated step of a model's channels. */
    public interface Kernel {
        /** Steps channels {@code [0, to)} by one step; {@code pulse[c] > 0} while channel c's transmitter is on. */
        void advance(float[][] variables, int[] pulse, int to);

        /** Runs on_pre on channel c (before its pulse restarts). */
        void arrive(float[][] variables, int[] pulse, int c);
    }

    private final Equations equations;
    private final Checker checker;
    /** The method's update, with dt and exact's propagators still names (they are numbers once dt is known). */
    private final Integration.Update update;
    /** The differential variables, in order, then the summed subexpression if s is one. */
    private final String[] variables;
    private final int output;
    private final String weight;
    private final String summedName;
    private final Dimension summedDimension;
    private final String pulseName;
    private final double pulseValue;
    private final double pulseDuration;
    private final List<Map.Entry<String, Expr>> onPre;
    private final SynapticOutput defaultOutput;
    private final String description;
    private String source;

    private KineticEquations(Builder b) {
        equations = Equations.parse(b.model, Equations.Role.CLOCK_DRIVEN_SYNAPSE);
        Map<String, Expr.Num> constants = new LinkedHashMap<>();
        b.constants.forEach((name, text) -> {
            if (equations.get(name) != null) {
                throw new EquationException("constant '" + name + "': also declared in the synapse's model", 0, 0);
            }
            constants.put(name, EquationModel.quantity("constant '" + name + "'", text));
        });
        checker = new Checker(equations, constants, false);
        checker.checkEquations();
        Source src = equations.source;
        Equation summed = summed(src);
        Expr.Binary product = (Expr.Binary) summed.expression();
        boolean leftIsWeight = product.left() instanceof Expr.Name l && isParameter(l.name());
        weight = ((Expr.Name) (leftIsWeight ? product.left() : product.right())).name();
        summedName = summed.name();
        summedDimension = summed.dimension();
        String s = ((Expr.Name) (leftIsWeight ? product.right() : product.left())).name();
        pulseName = b.pulseName;
        if (pulseName != null) {
            Equation p = equations.get(pulseName);
            if (p == null || p.kind() != Kind.PARAMETER || pulseName.equals(weight)) {
                throw new EquationException("transmitter '" + pulseName + "': must be a parameter of the model"
                        + " other than the weight (such as 'T : mM'); declared: " + equations.all().keySet(), 0, 0);
            }
            Expr.Num c = EquationModel.quantity("transmitter concentration of '" + pulseName + "'", b.pulseValue);
            if (!c.dimension().equals(p.dimension())) {
                throw new EquationException("transmitter concentration " + b.pulseValue + ": has unit "
                        + c.dimension() + ", " + pulseName + " has unit " + p.dimension(), 0, 0);
            }
            pulseValue = c.value() / c.dimension().scale();
            Expr.Num d = EquationModel.quantity("transmitter duration", b.pulseDuration);
            if (!d.dimension().equals(Dimension.SECOND) || !(d.value() > 0)) {
                throw new EquationException("transmitter duration " + b.pulseDuration + ": must be a positive time"
                        + " such as 0.5*ms", 0, 0);
            }
            pulseDuration = d.value() / d.dimension().scale();
        } else {
            pulseValue = 0;
            pulseDuration = 0;
        }
        for (Equation e : equations.of(Kind.PARAMETER)) {
            if (!e.name().equals(weight) && !e.name().equals(pulseName)) {
                throw EquationException.at(src, e.namePos(), "parameter '" + e.name() + "': a kinetic synapse's"
                        + " channels are shared by the synapses of a presynaptic neuron, so it has no per-synapse"
                        + " parameters besides the weight (" + weight + ") and a transmitter (transmitter(…));"
                        + " give a value as an external constant");
            }
        }
        List<String> vars = new ArrayList<>();
        for (Equation e : equations.of(Kind.DIFFERENTIAL)) {
            refuse(src, e.expression().pos(), checker.lower(e.expression()), "d" + e.name() + "/dt");
            vars.add(e.name());
        }
        if (equations.get(s).kind() == Kind.SUBEXPRESSION) {
            refuse(src, equations.get(s).expression().pos(), checker.lower(equations.get(s).expression()), s);
            vars.add(s);
        }
        variables = vars.toArray(String[]::new);
        output = vars.indexOf(s);
        if (b.onPre == null && pulseName == null) {
            throw new EquationException("on_pre: none, and no transmitter: a spike would change nothing; write"
                    + " on_pre (such as 'x += 1') or give a transmitter pulse", 0, 0);
        }
        onPre = EquationModel.statements("on_pre", b.onPre, equations, checker, constants.keySet(), null);
        Source pre = Source.of("on_pre", b.onPre == null ? "" : b.onPre);
        for (Map.Entry<String, Expr> st : onPre) {
            if (st.getKey().equals(weight) || st.getKey().equals(pulseName)) {
                throw new EquationException("on_pre assigns to '" + st.getKey() + "': " + (st.getKey().equals(weight)
                        ? "the weight is the projection's (use short-term plasticity or a learning rule)"
                        : "the transmitter follows its pulse"), 0, 0);
            }
            refuse(pre, null, st.getValue(), "on_pre");
        }
        Map<String, Expr> f = new LinkedHashMap<>();
        for (Equation e : equations.of(Kind.DIFFERENTIAL)) {
            f.put(e.name(), Algebra.simplify(checker.lower(e.expression(), e.name())));
        }
        update = Integration.of(f, Set.of(), b.method);
        defaultOutput = b.output;
        description = "KineticEquations[" + String.join("; ", equations.all().values().stream().map(e -> e.name()
                + (e.expression() == null ? "" : " = " + Expr.print(checker.lower(e.expression())))).toList())
                + ", on_pre " + onPre.stream().map(e -> e.getKey() + " = " + Expr.print(e.getValue())).toList()
                + (pulseName == null ? "" : ", " + pulseName + " = " + pulseValue + " for " + pulseDuration + " ms")
                + ", method " + (b.method == null ? "default" : b.method) + "]";
    }

    private boolean isParameter(String name) {
        Equation e = equations.get(name);
        return e != null && e.kind() == Kind.PARAMETER;
    }

    /** The one summed variable, {@code name_post = w*s}, checked. */
    private Equation summed(Source src) {
        List<Equation> found = equations.of(Kind.SUBEXPRESSION).stream().filter(e -> e.has("summed")).toList();
        if (found.size() != 1) {
            throw new EquationException("a kinetic synapse has one (summed) variable, the conductance its"
                    + " receptor's output uses, such as 'g_post = w*s : 1 (summed)'; found " + found.size(), 0, 0);
        }
        Equation e = found.getFirst();
        String form = "'" + e.name() + " = w*s' with w the weight (a parameter) and s a variable or subexpression";
        if (!e.name().endsWith("_post")) {
            throw EquationException.at(src, e.namePos(), "the summed variable '" + e.name() + "' names a variable of"
                    + " the postsynaptic neurons: end it with _post (" + form + ")");
        }
        boolean product = e.expression() instanceof Expr.Binary b && b.op().equals("*")
                && b.left() instanceof Expr.Name l && b.right() instanceof Expr.Name r
                && (isParameter(l.name()) && stateLike(r.name()) || isParameter(r.name()) && stateLike(l.name()));
        if (!product) {
            throw EquationException.at(src, e.expression().pos(), "the summed variable must be " + form
                    + ": the receptor sums w·s over each neuron's synapses");
        }
        for (Equation other : equations.of(Kind.SUBEXPRESSION)) {
            if (other != e && Algebra.contains(other.expression(), e.name())) {
                throw EquationException.at(src, other.expression().pos(), "'" + e.name() + "' is summed onto the"
                        + " postsynaptic neurons; the synapse's own equations cannot read it");
            }
        }
        return e;
    }

    private boolean stateLike(String name) {
        Equation e = equations.get(name);
        return e != null && (e.kind() == Kind.DIFFERENTIAL || e.kind() == Kind.SUBEXPRESSION && !e.has("summed"));
    }

    /** Refuses what a channel's step does not know in {@code lowered}: the time, noise, random numbers, w. */
    private void refuse(Source src, Expr.Pos pos, Expr lowered, String where) {
        Set<String> names = new LinkedHashSet<>();
        Algebra.names(lowered, names);
        for (String n : names) {
            String why = n.equals("t") ? "the time t (channels are stepped without it)"
                    : n.startsWith("xi") ? "noise (xi)" : n.equals(weight) ? "the weight " + weight
                    + " (the receptor multiplies the summed variable by it)" : null;
            if (why != null) {
                throw EquationException.at(src, pos, where + " reads " + why + ": a kinetic synapse's equations and"
                        + " on_pre may not");
            }
        }
        if (Expr.print(lowered).contains("rand")) {
            throw EquationException.at(src, pos, where + " calls a random number: a kinetic synapse's channels have"
                    + " no random stream");
        }
    }

    public static Builder builder(String model) {
        return new Builder(model);
    }

    @Override
    public String[] variables() {
        return variables.clone();
    }

    @Override
    public int outputVariable() {
        return output;
    }

    /** The output given with {@link Builder#output}: the equations say what is summed, not how it acts. */
    @Override
    public SynapticOutput defaultOutput() {
        if (defaultOutput == null) {
            throw new IllegalStateException(description + ": no output; give one with output(…) or to the"
                    + " KineticReceptor");
        }
        return defaultOutput;
    }

    /**
     * Brian2's summed variable onto the neurons' own equations: every step, before the neurons' update, the
     * parameter of {@code target}'s equations named by the summed variable without {@code _post} (Brian2's
     * {@code s_NMDA_tot : 1} for {@code s_NMDA_tot_post = w*s_NMDA}) is set to each neuron's {@code Σ w·s}, and the
     * neurons' equations decide the current. Give it to the receptor:
     * {@code new KineticReceptor(cells, "nmda", nmda, nmda.summedOnto(cells))}; a second one onto the same parameter is
     * refused (it would overwrite the first).
     */
    public SynapticOutput summedOnto(NeuronPopulation target) {
        String variable = summedName.substring(0, summedName.length() - "_post".length());
        if (target == null || !(target.model() instanceof EquationModel model)) {
            throw new IllegalArgumentException("summed variable " + summedName + ": its target must be a population"
                    + " of an EquationModel (else give the receptor an output: conductance, Mg block, current)");
        }
        Equation p = model.equations().get(variable);
        if (p == null || p.kind() != Kind.PARAMETER || p.has("shared") || p.has("constant")
                || variable.equals(model.membrane())) {
            throw new IllegalArgumentException("summed variable " + summedName + ": the target's equations must"
                    + " declare '" + variable + "' as a per-neuron parameter (such as '" + variable + " : "
                    + EquationModel.storedUnit(summedDimension) + "'); declared: "
                    + model.equations().all().keySet());
        }
        if (!p.dimension().equals(summedDimension)) {
            throw new IllegalArgumentException("summed variable " + summedName + " has unit " + summedDimension
                    + ", the target's " + variable + " has unit " + p.dimension());
        }
        for (org.vecsnn.core.synapse.SynapticInput in : target.synapticInputs()) {
            if (in.output() instanceof SummedOnto other && other.variable().equals(variable)) {
                throw new IllegalArgumentException("summed variable " + summedName + ": synapse '" + in.name()
                        + "' already sums onto '" + variable + "' of population '" + target.name() + "' (each"
                        + " step sets it, so the second would overwrite the first); connect both projections onto"
                        + " that one synapse");
            }
        }
        return new SummedOnto(variable, target.state(variable));
    }

    /** Sets a parameter of the target neurons to the receptor's sum (the neurons' equations use it). */
    record SummedOnto(String variable, float[] x) implements SynapticOutput {
        @Override
        public void apply(Kernels kernels, float[] g, org.vecsnn.core.synapse.TargetMembrane target, int from,
                          int to) {
            System.arraycopy(g, from, x, from, to - from);
        }

        /** Not the output's to say: the neurons' equations turn the sum into a current. */
        @Override
        public double current(double g, double v) {
            return Double.NaN;
        }
    }

    /** A model from equations has no default g_max: 1 (the projection's weights are w). */
    @Override
    public double gMax() {
        return 1;
    }

    /** The generated source of the channels' step (after {@link #prepare}), for reading. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return description;
    }

    @Override
    public Dynamics prepare(TimeGrid grid, String name) {
        double dt = grid.dt();
        int pulseSteps = pulseName == null ? 0 : grid.intSteps("transmitter duration of synapse '" + name + "'",
                pulseDuration, 1);
        Kernel kernel = kernel(dt);
        return new Dynamics() {
            @Override
            public void arrive(float[][] vars, int[] pulse, int channel) {
                kernel.arrive(vars, pulse, channel);
                pulse[channel] = pulseSteps;
            }

            @Override
            public void advance(Kernels kernels, float[][] vars, int[] pulse, float[] scratch, int to) {
                kernel.advance(vars, pulse, to);
                if (pulseSteps > 0) {
                    kernels.countDown(pulse, 0, to);
                }
            }
        };
    }

    /** The update at {@code dt} with every constant a number, generated, compiled once per source. */
    private Kernel kernel(double dt) {
        Map<String, Expr> numbers = new HashMap<>();
        numbers.put("dt", Expr.num(dt));
        Integration.propagators(update, Map.of("dt", dt), dt).forEach((k, v) -> numbers.put(k, Expr.num(v)));
        StringBuilder step = new StringBuilder();
        List<String> diff = update.states();
        for (int k = 0; k < variables.length; k++) {
            step.append("        float[] a").append(k).append(" = v[").append(k).append("];\n");
        }
        step.append("        for (int c = 0; c < to; c++) {\n");
        for (String x : diff) {
            step.append("            float v_").append(x).append(" = a").append(index(x)).append("[c];\n");
        }
        String pulseLoad = pulseName == null ? "" : "            float v_" + pulseName + " = pulse[c] > 0 ? "
                + SynapseModel.java(Expr.num(pulseValue)) + " : 0f;\n";
        step.append(pulseLoad);
        for (Map.Entry<String, Expr> t : update.temps()) {
            step.append("            float v_").append(t.getKey()).append(" = ")
                    .append(SynapseModel.java(numeric(t.getValue(), numbers))).append(";\n");
        }
        for (String x : diff) {
            step.append("            float n_").append(x).append(" = ")
                    .append(SynapseModel.java(numeric(update.next().get(x), numbers))).append(";\n");
        }
        for (String x : diff) {
            step.append("            a").append(index(x)).append("[c] = n_").append(x).append(";\n");
            step.append("            v_").append(x).append(" = n_").append(x).append(";\n");
        }
        if (output == diff.size()) { // s is a subexpression of the new values
            Expr s = Algebra.simplify(checker.lower(equations.get(variables[output]).expression()));
            step.append("            a").append(output).append("[c] = ").append(SynapseModel.java(s)).append(";\n");
        }
        step.append("        }\n");
        StringBuilder arrive = new StringBuilder();
        for (String x : diff) {
            arrive.append("        float v_").append(x).append(" = v[").append(index(x)).append("][c];\n");
        }
        arrive.append(pulseLoad.replace("            ", "        "));
        for (Map.Entry<String, Expr> st : onPre) {
            arrive.append("        v_").append(st.getKey()).append(" = ")
                    .append(SynapseModel.java(numeric(st.getValue(), numbers))).append(";\n");
        }
        for (String x : onPre.stream().map(Map.Entry::getKey).distinct().toList()) {
            arrive.append("        v[").append(index(x)).append("][c] = v_").append(x).append(";\n");
        }
        String template = "package vecsnn.generated;\n\nimport org.vecsnn.core.simd.Exp;\nimport org.vecsnn.equations"
                + ".Functions;\nimport org.vecsnn.equations.KineticEquations;\n\n"
                + "public final class CLASS implements KineticEquations.Kernel {\n"
                + "    @Override\n    public void advance(float[][] v, int[] pulse, int to) {\n" + step + "    }\n\n"
                + "    @Override\n    public void arrive(float[][] v, int[] pulse, int c) {\n" + arrive + "    }\n}\n";
        String className = "Kinetic" + EquationModel.hash(template);
        source = template.replace("CLASS", className);
        try {
            return (Kernel) InMemoryCompiler.compiled(className, source).getConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    private int index(String variable) {
        return List.of(variables).indexOf(variable);
    }

    /** e with dt and the propagators as numbers, constants folded in double. */
    private static Expr numeric(Expr e, Map<String, Expr> numbers) {
        return Algebra.simplify(Algebra.substitute(e, numbers));
    }

    /** A kinetic synapse's text: its model, on_pre, constants, method, transmitter and output. */
    public static final class Builder {
        private final String model;
        private final Map<String, String> constants = new LinkedHashMap<>();
        private String onPre;
        private String method;
        private String pulseName;
        private String pulseValue;
        private String pulseDuration;
        private SynapticOutput output;

        private Builder(String model) {
            this.model = model;
        }

        /** An external constant (Brian2's namespace): a number times units, such as {@code "2*ms"}. */
        public Builder constant(String name, String quantity) {
            constants.put(name, quantity);
            return this;
        }

        /** The statements run on a channel when a spike arrives, one per line ({@code x += 1}). */
        public Builder onPre(String statements) {
            onPre = statements;
            return this;
        }

        /** Brian2's method name; none: Brian2's default (exact if it applies, else euler). */
        public Builder method(String name) {
            method = name;
            return this;
        }

        /**
         * The parameter {@code name} is BrainPy's transmitter: {@code concentration} (e.g. {@code "1*mM"}) for
         * {@code duration} (a whole number of steps, e.g. {@code "0.5*ms"}) from each arrival, else 0.
         */
        public Builder transmitter(String name, String concentration, String duration) {
            pulseName = name;
            pulseValue = concentration;
            pulseDuration = duration;
            return this;
        }

        /** How the summed conductance acts on the neurons (conductance with a reversal, Mg block, current). */
        public Builder output(SynapticOutput o) {
            output = o;
            return this;
        }

        public KineticEquations build() {
            return new KineticEquations(this);
        }
    }
}
