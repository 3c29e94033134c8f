package org.vecsnn.sonata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.core.synapse.VoltageJump;
import java.lang.reflect.RecordComponent;
import org.vecsnn.models.neuron.AdEx;
import org.vecsnn.models.neuron.ExpIf;
import org.vecsnn.models.neuron.HodgkinHuxley;
import org.vecsnn.models.neuron.Qif;
import org.vecsnn.models.synapse.KineticModel;
import org.vecsnn.models.synapse.KineticReceptor;
import org.vecsnn.models.neuron.Izhikevich;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.DualExponentialReceptor;
import org.vecsnn.models.synapse.ExponentialReceptor;
import org.vecsnn.networks.Nest;

/**
 * Point-neuron {@code model_template}s and their {@code dynamics_params} mapped onto the core's models, with NEST's
 * parameter names, units (mV, ms, pF, nS, pA) and defaults: {@code iaf_psc_exp} (LIF, R = τ_m/C_m, integrated
 * exactly), {@code iaf_psc_alpha} (alpha currents peaking at w), {@code iaf_cond_exp} (τ = C_m/g_L, weights in units
 * of g_L), the latter two by exponential Euler as the core requires for them, {@code aeif_cond_alpha} (AdEx with
 * R = 1/g_L and alpha conductances in nS, exponential Euler), {@code izhikevich} (Euler, weights jump V). The
 * weight's sign chooses NEST's ex or in receptor; t_ref and delays are NEST's, one step longer here
 * ({@link Nest}). This project's templates hold every built-in model with every parameter as the core holds it, so
 * a written network reads back identical: {@code vecsnn:lif} (LIF by its own keys) and {@link #GENERIC} (the other
 * models by their record's component names, {@link #encode}), each with its {@code receptors}, any of the core's
 * synapses ({@link #receptors}). {@link #written} is the way back, for the writer: a population as the template and
 * parameters that read back as it.
 */
final class CellModels {
    static final String OWN = "vecsnn:lif";
    /** This project's templates of the other built-in models: their parameters by the core's names and units. */
    static final Map<String, Class<? extends Record>> GENERIC = genericTemplates();
    static final List<String> SUPPORTED = supported();
    static final DualExponentialReceptor.Normalisation PEAK = DualExponentialReceptor.Normalisation.PEAK;

    private static Map<String, Class<? extends Record>> genericTemplates() {
        Map<String, Class<? extends Record>> m = new LinkedHashMap<>();
        m.put("vecsnn:hodgkin_huxley", HodgkinHuxley.class);
        m.put("vecsnn:expif", ExpIf.class);
        m.put("vecsnn:adex", AdEx.class);
        m.put("vecsnn:izhikevich", Izhikevich.class);
        m.put("vecsnn:qif", Qif.class);
        return java.util.Collections.unmodifiableMap(m);
    }

    private static List<String> supported() {
        List<String> all = new ArrayList<>(List.of(OWN));
        all.addAll(genericTemplates().keySet());
        all.addAll(List.of("nest:iaf_psc_exp", "nest:iaf_psc_alpha", "nest:iaf_cond_exp", "nest:aeif_cond_alpha",
                "nest:izhikevich"));
        return List.copyOf(all);
    }

    private static Receptor nestReceptor(String name, Kind kind, double tau, SynapticOutput output) {
        return kind == Kind.ALPHA ? Receptor.alpha(name, tau, PEAK, output) : Receptor.exponential(name, tau, output);
    }

    /** How an edge chooses its receptor: by the edge type's {@code receptor} column, or by the weight's sign (NEST). */
    enum Delivery { BY_NAME, BY_SIGN }

    enum Kind { EXPONENTIAL, ALPHA, DUAL_EXPONENTIAL, KINETIC, JUMP }

    /**
     * A synapse of the core's catalogue as a value: its kind, time constants (tau the decay, tauRise the rise of a
     * dual exponential, both tau for alpha), normalisation, kinetic model, gating (voltage jumps) and output.
     */
    record Receptor(String name, Kind kind, double tau, double tauRise, DualExponentialReceptor.Normalisation
            normalisation, KineticModel kinetic, boolean gated, SynapticOutput output) {
        static Receptor exponential(String name, double tau, SynapticOutput output) {
            return new Receptor(name, Kind.EXPONENTIAL, tau, 0, null, null, false, output);
        }

        static Receptor alpha(String name, double tau, DualExponentialReceptor.Normalisation normalisation,
                              SynapticOutput output) {
            return new Receptor(name, Kind.ALPHA, tau, tau, normalisation, null, false, output);
        }

        static Receptor jump(String name, boolean gated) {
            return new Receptor(name, Kind.JUMP, 0, 0, null, null, gated, null);
        }

        /** The receptor a core synapse is, or null for a synapse class outside the core's catalogue. */
        static Receptor of(SynapticInput in) {
            SynapticOutput out = in.output();
            if (out != null && !(out instanceof SynapticOutput.Current || out instanceof SynapticOutput.Conductance
                    || out instanceof SynapticOutput.MgBlock)) {
                return null; // an output of the user's own class
            }
            return switch (in) {
                case ExponentialReceptor e -> exponential(e.name(), e.tau(), e.output());
                case DualExponentialReceptor d when d.isAlpha() -> alpha(d.name(), d.tauDecay(), d.normalisation(),
                        d.output());
                case DualExponentialReceptor d -> new Receptor(d.name(), Kind.DUAL_EXPONENTIAL, d.tauDecay(),
                        d.tauRise(), d.normalisation(), null, false, d.output());
                case KineticReceptor k when KineticModel.CATALOGUE.contains(k.model().getClass()) ->
                        new Receptor(k.name(), Kind.KINETIC, 0, 0, null, k.model(), false, k.output());
                case VoltageJump v -> jump(v.name(), v.gated());
                default -> null;
            };
        }

        /** Whether a NEST template holds it: exponential or peak-normalised alpha without Mg block, or a plain jump. */
        boolean nest() {
            return switch (kind) {
                case EXPONENTIAL -> !(output instanceof SynapticOutput.MgBlock);
                case ALPHA -> normalisation == DualExponentialReceptor.Normalisation.PEAK
                        && !(output instanceof SynapticOutput.MgBlock);
                case JUMP -> !gated;
                default -> false;
            };
        }

        SynapticInput addTo(NeuronPopulation population) {
            return switch (kind) {
                case EXPONENTIAL -> new ExponentialReceptor(population, name, tau, output);
                case ALPHA -> DualExponentialReceptor.alpha(population, name, tau, normalisation, output);
                case DUAL_EXPONENTIAL -> DualExponentialReceptor.dualExponential(population, name, tauRise, tau,
                        normalisation, output);
                case KINETIC -> new KineticReceptor(population, name, kinetic, output);
                case JUMP -> new VoltageJump(population, name, gated);
            };
        }
    }

    /**
     * A node type's model: the core model, a constant current into every node (the core's units), the receptors
     * and how edges reach them, and what a file's weight is multiplied by (NEST's nS into units of g_L).
     */
    record CellType(String template, NeuronModel model, double bias, List<Receptor> receptors, Delivery delivery,
                    double weightScale) {
        /** NEST applies an arriving weight after V's update in its step: one step later than this core does. */
        int extraDelaySteps() {
            return delivery == Delivery.BY_SIGN ? 1 : 0;
        }

        /** NEST's rule, for {@link Delivery#BY_SIGN}: a weight ≥ 0 reaches ex (receptor 0), a negative one in (1). */
        static int bySign(double fileWeight) {
            return fileWeight >= 0 ? 0 : 1;
        }

        /** A file's weight on {@code receptor} in the core's units: a conductance takes |w| (NEST's in is w < 0). */
        double weight(int receptor, double fileWeight) {
            boolean conductance = receptors.get(receptor).output() instanceof SynapticOutput.Conductance;
            return (conductance ? Math.abs(fileWeight) : fileWeight) * weightScale;
        }

        /**
         * The file's weight that reads back as {@code weight} on {@code receptor} ({@link #weight}, and NEST's sign
         * rule choosing that receptor), or NaN when there is none (a negative weight into ex, say).
         */
        float fileWeight(int receptor, float weight) {
            boolean conductance = receptors.get(receptor).output() instanceof SynapticOutput.Conductance;
            float w = (float) ((conductance && receptor == 1 && delivery == Delivery.BY_SIGN ? -weight : weight)
                    / weightScale);
            boolean reaches = delivery == Delivery.BY_NAME || bySign(w) == receptor;
            return reaches && Float.floatToRawIntBits((float) weight(receptor, w)) == Float.floatToRawIntBits(weight)
                    ? w : Float.NaN;
        }
    }

    private CellModels() {}

    /** The model of {@code template} with {@code params}; NEST's t_ref is mapped onto the grid of {@code dt}. */
    static CellType of(String template, JsonNode params, Path file, String where, double dt)
            throws SonataFormatException {
        Params p = new Params(params, file, where + " (" + template + ")");
        CellType type = switch (template) {
            case OWN -> own(p);
            case "nest:iaf_psc_exp", "nest:iaf_psc_alpha" -> {
                double c = p.get("C_m", 250);
                double tau = p.get("tau_m", 10);
                double eL = p.get("E_L", -70);
                Kind kind = template.endsWith("alpha") ? Kind.ALPHA : Kind.EXPONENTIAL;
                // the core integrates exactly only with exponential current synapses
                Integrator method = kind == Kind.EXPONENTIAL ? Integrator.EXACT : Integrator.EXPONENTIAL_EULER;
                yield new CellType(template, new Lif(eL, p.get("V_reset", -70), p.get("V_th", -55), tau, tau / c,
                        Nest.refractory(p.get("t_ref", 2), dt), method), p.get("I_e", 0),
                        List.of(nestReceptor("ex", kind, p.get("tau_syn_ex", 2), SynapticOutput.current()),
                                nestReceptor("in", kind, p.get("tau_syn_in", 2), SynapticOutput.current())),
                        Delivery.BY_SIGN, 1);
            }
            case "nest:iaf_cond_exp" -> {
                double gL = p.get("g_L", 16.6667);
                yield new CellType(template, new Lif(p.get("E_L", -70), p.get("V_reset", -60), p.get("V_th", -55),
                        p.get("C_m", 250) / gL, 1, Nest.refractory(p.get("t_ref", 2), dt),
                        Integrator.EXPONENTIAL_EULER),
                        p.get("I_e", 0) / gL,
                        List.of(Receptor.exponential("ex", p.get("tau_syn_ex", 0.2),
                                        SynapticOutput.conductance(p.get("E_ex", 0))),
                                Receptor.exponential("in", p.get("tau_syn_in", 2),
                                        SynapticOutput.conductance(p.get("E_in", -85)))),
                        Delivery.BY_SIGN, 1 / gL);
            }
            case "nest:aeif_cond_alpha" -> {
                double gL = p.get("g_L", 30);
                // NEST's V_th is the exponential's V_T; its V_peak is the spike threshold; w and I in pA, R = 1/g_L
                yield new CellType(template, new AdEx(p.get("E_L", -70.6), p.get("V_reset", -60), p.get("V_peak", 0),
                        p.get("V_th", -50.4), p.get("Delta_T", 2), p.get("a", 4), p.get("b", 80.5),
                        p.get("C_m", 281) / gL, p.get("tau_w", 144), 1 / gL, Nest.refractory(p.get("t_ref", 0), dt),
                        Integrator.EXPONENTIAL_EULER), p.get("I_e", 0),
                        List.of(Receptor.alpha("ex", p.get("tau_syn_ex", 0.2), PEAK,
                                        SynapticOutput.conductance(p.get("E_ex", 0))),
                                Receptor.alpha("in", p.get("tau_syn_in", 2), PEAK,
                                        SynapticOutput.conductance(p.get("E_in", -85)))),
                        Delivery.BY_SIGN, 1);
            }
            case "nest:izhikevich" -> new CellType(template, new Izhikevich(p.get("a", 0.02), p.get("b", 0.2),
                    p.get("c", -65), p.get("d", 8), p.get("V_th", 30), 0, p.get("V_m", -65), Integrator.EULER),
                    p.get("I_e", 0), List.of(Receptor.jump("ex", false), Receptor.jump("in", false)),
                    Delivery.BY_SIGN, 1);
            default -> {
                Class<? extends Record> model = GENERIC.get(template);
                if (model == null) {
                    throw new SonataFormatException(file, where, "model_template '" + template
                            + "' is not supported: supported are " + SUPPORTED);
                }
                NeuronModel m = (NeuronModel) decode(model, p);
                yield new CellType(template, m, p.get("I_e", 0), receptors(p), Delivery.BY_NAME, 1);
            }
        };
        p.refuseUnused();
        return type;
    }

    private static CellType own(Params p) throws SonataFormatException {
        Lif lif = new Lif(p.need("V_rest"), p.need("V_reset"), p.need("V_th"), p.need("tau_m"), p.need("R"),
                p.need("t_ref"), p.choice("integrator", Integrator.class));
        return new CellType(OWN, lif, p.get("I_e", 0), receptors(p), Delivery.BY_NAME, 1);
    }

    /** Synapse kinds of a receptor's {@code synapse} key (absent: exponential). */
    static final List<String> SYNAPSES = List.of("exponential", "alpha", "dual_exponential", "kinetic",
            "voltage_jump");

    /**
     * The {@code receptors} list of this project's templates, in the population's order: {@code name}, {@code synapse}
     * (one of {@link #SYNAPSES}, exponential when absent) and its parameters in ms ({@code tau_syn};
     * {@code tau_rise}, {@code tau_decay}; {@code normalisation} PEAK or JUMP; {@code kinetic}, the kinetic model
     * by its record's name and parameters; {@code gated}), and the output: a current without {@code E_rev}, a
     * conductance to {@code E_rev} (mV), through the Mg block with {@code mg_block} {@code {magnesium (mM), alpha
     * (1/mV), beta (mM)}}.
     */
    private static List<Receptor> receptors(Params p) throws SonataFormatException {
        JsonNode list = p.take("receptors");
        if (list == null || !list.isArray()) {
            throw p.fail("receptors", "must be a list of {name, synapse (one of " + SYNAPSES + "), its parameters,"
                    + " E_rev (absent for a current), mg_block}");
        }
        List<Receptor> receptors = new ArrayList<>();
        for (JsonNode r : list) {
            Params q = new Params(r, p.file, p.where + ".receptors[" + receptors.size() + "]");
            String name = q.text("name");
            String synapse = r.has("synapse") ? q.text("synapse") : "exponential";
            Receptor receptor = switch (synapse) {
                case "exponential" -> Receptor.exponential(name, q.need("tau_syn"), output(q));
                case "alpha" -> Receptor.alpha(name, q.need("tau_syn"), q.choice("normalisation",
                        DualExponentialReceptor.Normalisation.class), output(q));
                case "dual_exponential" -> {
                    double rise = q.need("tau_rise");
                    double decay = q.need("tau_decay");
                    yield new Receptor(name, Kind.DUAL_EXPONENTIAL, decay, rise, q.choice("normalisation",
                            DualExponentialReceptor.Normalisation.class), null, false, output(q));
                }
                case "kinetic" -> {
                    Params k = q.object("kinetic");
                    String model = k.text("model");
                    Class<?> kind = null;
                    for (Class<?> c : KineticModel.CATALOGUE) {
                        kind = c.getSimpleName().equals(model) ? c : kind;
                    }
                    if (kind == null) {
                        throw k.fail("model", "'" + model + "' must be one of "
                                + KineticModel.CATALOGUE.stream().map(Class::getSimpleName).toList());
                    }
                    KineticModel m = (KineticModel) decode(kind.asSubclass(Record.class), k);
                    k.refuseUnused();
                    yield new Receptor(name, Kind.KINETIC, 0, 0, null, m, false, output(q));
                }
                case "voltage_jump" -> Receptor.jump(name, q.bool("gated"));
                default -> throw q.fail("synapse", "'" + synapse + "' must be one of " + SYNAPSES);
            };
            q.refuseUnused();
            receptors.add(receptor);
        }
        return List.copyOf(receptors);
    }

    private static SynapticOutput output(Params q) throws SonataFormatException {
        if (!q.has("E_rev")) {
            if (q.has("mg_block")) {
                throw q.fail("E_rev", "missing: an Mg block needs the reversal potential");
            }
            return SynapticOutput.current();
        }
        double e = q.need("E_rev");
        if (!q.has("mg_block")) {
            return SynapticOutput.conductance(e);
        }
        Params mg = q.object("mg_block");
        SynapticOutput out = new SynapticOutput.MgBlock(e, mg.need("magnesium"), mg.need("alpha"), mg.need("beta"));
        mg.refuseUnused();
        return out;
    }

    /** A receptor as {@link #receptors} reads it. */
    private static void put(ObjectNode o, Receptor r) {
        o.put("name", r.name());
        switch (r.kind()) {
            case EXPONENTIAL -> o.put("tau_syn", r.tau());
            case ALPHA -> o.put("synapse", "alpha").put("tau_syn", r.tau()).put("normalisation",
                    r.normalisation().name());
            case DUAL_EXPONENTIAL -> o.put("synapse", "dual_exponential").put("tau_rise", r.tauRise())
                    .put("tau_decay", r.tau()).put("normalisation", r.normalisation().name());
            case KINETIC -> o.put("synapse", "kinetic").set("kinetic", encode((Record) r.kinetic())
                    .put("model", r.kinetic().getClass().getSimpleName()));
            case JUMP -> o.put("synapse", "voltage_jump").put("gated", r.gated());
        }
        switch (r.output()) {
            case SynapticOutput.Conductance c -> o.put("E_rev", c.reversal());
            case SynapticOutput.MgBlock m -> o.put("E_rev", m.reversal()).putObject("mg_block")
                    .put("magnesium", m.magnesium()).put("alpha", m.alpha()).put("beta", m.beta());
            case null, default -> { }
        }
    }

    /**
     * A record of the core's catalogue (a neuron model, a kinetic model, a short-term plasticity rule) as JSON: each
     * component by its name in the core's units, an integrator as {@code integrator}, enums by name, records nested,
     * NaN (a parameter that does not apply, as short-term depression's tauF) as null.
     */
    static ObjectNode encode(Record r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String key = key(c);
            switch (v) {
                case Double d when d.isNaN() -> o.putNull(key); // a parameter that does not apply
                case Double d -> o.put(key, d);
                case Boolean b -> o.put(key, b);
                case String t -> o.put(key, t);
                case Enum<?> e -> o.put(key, e.name());
                case Record nested -> o.set(key, encode(nested));
                default -> throw new IllegalArgumentException(r.getClass().getSimpleName() + "." + c.getName()
                        + " (" + v + ") has no JSON form here");
            }
        }
        return o;
    }

    private static String key(RecordComponent c) {
        return c.getName().equals("method") && c.getType() == Integrator.class ? "integrator" : c.getName();
    }

    /** The record {@link #encode} wrote, by its canonical constructor; its own checks refused naming the file. */
    @SuppressWarnings("unchecked")
    static <R extends Record> R decode(Class<R> type, Params p) throws SonataFormatException {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> t = components[i].getType();
            String key = key(components[i]);
            types[i] = t;
            if (t == double.class) {
                values[i] = p.has(key) && p.left.get(key).isNull() ? Double.NaN : p.need(key);
                p.take(key);
            } else if (t == boolean.class) {
                values[i] = p.bool(key);
            } else if (t == String.class) {
                values[i] = p.text(key);
            } else if (t.isEnum()) {
                values[i] = p.choice(key, (Class<? extends Enum>) t);
            } else if (t.isRecord()) {
                Params q = p.object(key);
                values[i] = decode(t.asSubclass(Record.class), q);
                q.refuseUnused();
            } else {
                throw new IllegalStateException(type + "." + key);
            }
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new SonataFormatException(p.file, p.where, e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the writer takes, named in its refusals. */
    static final String WRITTEN = "neuron populations of the built-in models (Lif, HodgkinHuxley, ExpIf, AdEx,"
            + " Izhikevich, Qif) with the built-in synapses (ExponentialReceptor, DualExponentialReceptor,"
            + " KineticReceptor, VoltageJump)";

    /** A neuron population as the writer writes it: its template, the parameters, and the type they read as. */
    record Written(String template, ObjectNode params, CellType type) {}

    /**
     * A population with {@code bias}, its constant current, as a template and parameters that read back through
     * {@link #of} as exactly its model, bias and synapses, else refused naming what differs. With {@code nest}, a
     * model a NEST template holds (LIF with alpha currents, AdEx with alpha conductances, Izhikevich by Euler with
     * jumps, each with synapses ex and in) is written as that template, with C_m, g_L and t_ref chosen within a few
     * ulps of the inverse of the reader's mapping so that they read back bit for bit; every other model as this
     * project's template ({@link #OWN} for LIF, {@link #GENERIC} for the others), which holds every parameter as the
     * core does.
     */
    static Written written(NeuronPopulation cells, double bias, double dt, boolean nest) {
        List<Receptor> receptors = new ArrayList<>();
        for (SynapticInput in : cells.synapticInputs()) {
            Receptor r = Receptor.of(in);
            if (r == null) {
                throw refusal(cells, "synapse '" + in.name() + "' (" + in.getClass().getName() + ": "
                        + in.description() + ") is not one of the core's synapse models");
            }
            receptors.add(r);
        }
        boolean exponential = receptors.stream().allMatch(r -> r.kind() == Kind.EXPONENTIAL);
        if (nest && !(cells.model() instanceof Lif && exponential)
                && receptors.stream().allMatch(Receptor::nest)) {
            try {
                ObjectNode p = JsonNodeFactory.instance.objectNode();
                String template = nest(cells, bias, dt, receptors, p);
                if (template != null) {
                    return check(cells, template, p, receptors, bias, dt);
                }
            } catch (IllegalArgumentException e) {
                // not within a NEST template's reach: this project's template below holds it
            }
        }
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        String template;
        if (cells.model() instanceof Lif lif) {
            p.put("V_rest", lif.vRest()).put("V_reset", lif.vReset()).put("V_th", lif.vTh()).put("tau_m", lif.tau())
                    .put("R", lif.r()).put("t_ref", lif.tRef()).put("integrator", lif.method().name());
            template = OWN;
        } else {
            template = GENERIC.entrySet().stream().filter(e -> e.getValue() == cells.model().getClass())
                    .map(Map.Entry::getKey).findFirst().orElseThrow(() -> refusal(cells, "model "
                            + cells.model().getClass().getName() + " is not one of the core's neuron models"));
            p.setAll(encode((Record) cells.model()));
        }
        p.put("I_e", bias);
        var list = p.putArray("receptors");
        for (Receptor r : receptors) {
            put(list.addObject(), r);
        }
        return check(cells, template, p, receptors, bias, dt);
    }

    /** The NEST template and its parameters in {@code p} for the population, or null where none applies. */
    private static String nest(NeuronPopulation cells, double bias, double dt, List<Receptor> receptors,
                               ObjectNode p) {
        return switch (cells.model()) {
            case Lif lif -> {
                p.put("E_L", lif.vRest()).put("V_reset", lif.vReset()).put("V_th", lif.vTh()).put("tau_m", lif.tau())
                        .put("C_m", preimage(c -> lif.tau() / c, lif.tau() / lif.r(), lif.r()))
                        .put("t_ref", nestRefractory(cells, lif.tRef(), dt)).put("I_e", bias);
                nestSynapses(cells, "nest:iaf_psc_alpha", p, receptors, true, false);
                yield "nest:iaf_psc_alpha";
            }
            case AdEx x -> {
                double gL = preimage(g -> 1 / g, 1 / x.r(), x.r());
                p.put("E_L", x.vRest()).put("V_reset", x.vReset()).put("V_peak", x.vTh()).put("V_th", x.vT())
                        .put("Delta_T", x.deltaT()).put("a", x.a()).put("b", x.b()).put("g_L", gL)
                        .put("C_m", preimage(c -> c / gL, x.tau() * gL, x.tau())).put("tau_w", x.tauW())
                        .put("t_ref", nestRefractory(cells, x.tRef(), dt)).put("I_e", bias);
                nestSynapses(cells, "nest:aeif_cond_alpha", p, receptors, true, true);
                yield "nest:aeif_cond_alpha";
            }
            case Izhikevich z -> {
                p.put("a", z.a()).put("b", z.b()).put("c", z.c()).put("d", z.d()).put("V_th", z.vTh())
                        .put("V_m", z.vInit()).put("I_e", bias);
                nestSynapses(cells, "nest:izhikevich", p, receptors, false, false);
                yield "nest:izhikevich";
            }
            default -> null;
        };
    }

    /** The written template, read back and compared with the population: refused where it differs. */
    private static Written check(NeuronPopulation cells, String template, ObjectNode p, List<Receptor> receptors,
                                 double bias, double dt) {
        CellType type;
        try {
            type = of(template, p, Path.of(cells.name() + ".json"), "population '" + cells.name() + "'", dt);
        } catch (SonataFormatException | IllegalArgumentException e) {
            throw refusal(cells, "as " + template + ": " + e.getMessage());
        }
        if (!type.model().equals(cells.model()) || !type.receptors().equals(receptors)
                || Double.compare(type.bias(), bias) != 0) {
            throw refusal(cells, "as " + template + " it would read back as " + type.model() + " with synapses "
                    + type.receptors() + " and I_e " + type.bias() + ", not " + receptors + " and " + bias);
        }
        return new Written(template, p, type);
    }

    /**
     * NEST's synapses ex and in, which a NEST template has (the sign of a weight chooses between them): with
     * {@code taus} their time constants, with {@code reversals} their reversal potentials.
     */
    private static void nestSynapses(NeuronPopulation cells, String template, ObjectNode p, List<Receptor> receptors,
                                     boolean taus, boolean reversals) {
        List<String> names = receptors.stream().map(Receptor::name).toList();
        if (!names.equals(List.of("ex", "in"))) {
            throw refusal(cells, template + " has two synapses, ex and in, not " + names);
        }
        for (Receptor r : receptors) {
            if (taus) {
                p.put("tau_syn_" + r.name(), r.tau());
            }
            if (reversals && r.output() instanceof SynapticOutput.Conductance c) {
                p.put("E_" + r.name(), c.reversal());
            }
        }
    }

    /** NEST's t_ref that is {@code tRef} here (t_ref + dt, {@link Nest#refractory}). */
    private static double nestRefractory(NeuronPopulation cells, double tRef, double dt) {
        if (tRef < dt) {
            throw refusal(cells, "tRef = " + tRef + " ms is below dt = " + dt + " ms: NEST's t_ref ≥ 0 is t_ref + dt"
                    + " here");
        }
        return preimage(t -> t < 0 ? Double.NaN : Nest.refractory(t, dt), tRef - dt, tRef);
    }

    /**
     * A value within 8 ulps of {@code guess} that {@code f} maps exactly onto {@code target}, else the guess (which
     * the read-back check then refuses): the reader's divisions and sums need not invert exactly at the guess.
     */
    private static double preimage(DoubleUnaryOperator f, double guess, double target) {
        double up = guess;
        double down = guess;
        for (int k = 0; k < 8; k++, up = Math.nextUp(up), down = Math.nextDown(down)) {
            if (f.applyAsDouble(up) == target) {
                return up;
            }
            if (f.applyAsDouble(down) == target) {
                return down;
            }
        }
        return guess;
    }

    private static IllegalArgumentException refusal(NeuronPopulation cells, String problem) {
        return new IllegalArgumentException("population '" + cells.name() + "' (" + cells.description() + "): "
                + problem + "; the writer takes " + WRITTEN);
    }

    /** dynamics_params read once each: a parameter never read is refused by name (a typo must not pass silently). */
    static final class Params {
        final Path file;
        final String where;
        private final Map<String, JsonNode> left = new LinkedHashMap<>();

        Params(JsonNode node, Path file, String where) throws SonataFormatException {
            this.file = file;
            this.where = where;
            if (node == null || !node.isObject()) {
                throw new SonataFormatException(file, where, "dynamics_params must be a JSON object, is " + node);
            }
            node.properties().forEach(e -> left.put(e.getKey(), e.getValue()));
        }

        JsonNode take(String key) {
            return left.remove(key);
        }

        double get(String key, double fallback) throws SonataFormatException {
            JsonNode v = take(key);
            if (v == null) {
                return fallback;
            }
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw fail(key, v + " must be a finite number");
            }
            return v.asDouble();
        }

        double need(String key) throws SonataFormatException {
            if (!left.containsKey(key)) {
                throw fail(key, "missing");
            }
            return get(key, Double.NaN);
        }

        long integer(String key) throws SonataFormatException {
            JsonNode v = take(key);
            if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
                throw fail(key, (v == null ? "missing" : v + "") + ": must be a whole number");
            }
            return v.asLong();
        }

        boolean has(String key) {
            return left.containsKey(key);
        }

        boolean bool(String key) throws SonataFormatException {
            JsonNode v = take(key);
            if (v == null || !v.isBoolean()) {
                throw fail(key, (v == null ? "missing" : v + "") + ": must be true or false");
            }
            return v.asBoolean();
        }

        <E extends Enum<E>> E choice(String key, Class<E> type) throws SonataFormatException {
            String name = text(key);
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(name)) {
                    return e;
                }
            }
            throw fail(key, "'" + name + "' must be one of " + List.of(type.getEnumConstants()));
        }

        Params object(String key) throws SonataFormatException {
            JsonNode v = take(key);
            if (v == null || !v.isObject()) {
                throw fail(key, (v == null ? "missing" : v + "") + ": must be a JSON object");
            }
            return new Params(v, file, where + "." + key);
        }

        String text(String key) throws SonataFormatException {
            JsonNode v = take(key);
            if (v == null || !v.isTextual()) {
                throw fail(key, (v == null ? "missing" : v + "") + ": must be a string");
            }
            return v.asText();
        }

        SonataFormatException fail(String key, String problem) {
            return new SonataFormatException(file, where + "." + key, problem);
        }

        void refuseUnused() throws SonataFormatException {
            if (!left.isEmpty()) {
                throw new SonataFormatException(file, where, "unknown parameter(s) " + left.keySet());
            }
        }
    }
}
