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
import org.vecsnn.models.neuron.AdEx;
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
 * R = 1/g_L and alpha conductances in nS, exponential Euler), {@code izhikevich} (Euler, weights jump V). The weight's
 * sign chooses NEST's ex or in receptor; t_ref and delays are NEST's, one step longer here ({@link Nest}). {@code
 * vecsnn:lif} is this project's own template: the core's LIF and exponential receptors with every parameter as the core
 * holds it, so a written network reads back identical. {@link #written} is the way back, for the writer: a population
 * as the template and parameters that read back as it.
 */
final class CellModels {
    static final String OWN = "vecsnn:lif";
    static final List<String> SUPPORTED = List.of(OWN, "nest:iaf_psc_exp", "nest:iaf_psc_alpha", "nest:iaf_cond_exp",
            "nest:aeif_cond_alpha", "nest:izhikevich");

    /** How an edge chooses its receptor: by the edge type's {@code receptor} column, or by the weight's sign (NEST). */
    enum Delivery { BY_NAME, BY_SIGN }

    enum Kind { EXPONENTIAL, ALPHA, JUMP }

    record Receptor(String name, Kind kind, double tau, SynapticOutput output) {
        /** The receptor a core synapse is, or null for one no template holds (kinetic, dual-exponential, Mg block). */
        static Receptor of(SynapticInput in) {
            Receptor r = switch (in) {
                case ExponentialReceptor e -> new Receptor(e.name(), Kind.EXPONENTIAL, e.tau(), e.output());
                case DualExponentialReceptor d when d.isAlpha()
                        && d.normalisation() == DualExponentialReceptor.Normalisation.PEAK ->
                        new Receptor(d.name(), Kind.ALPHA, d.tauDecay(), d.output());
                case VoltageJump v when !v.gated() -> new Receptor(v.name(), Kind.JUMP, 0, null);
                default -> null;
            };
            return r == null || r.output() instanceof SynapticOutput.MgBlock ? null : r;
        }

        SynapticInput addTo(NeuronPopulation population) {
            return switch (kind) {
                case EXPONENTIAL -> new ExponentialReceptor(population, name, tau, output);
                case ALPHA -> DualExponentialReceptor.alpha(population, name, tau, DualExponentialReceptor.Normalisation.PEAK, output);
                case JUMP -> new VoltageJump(population, name, false);
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
                        List.of(new Receptor("ex", kind, p.get("tau_syn_ex", 2), SynapticOutput.current()),
                                new Receptor("in", kind, p.get("tau_syn_in", 2), SynapticOutput.current())),
                        Delivery.BY_SIGN, 1);
            }
            case "nest:iaf_cond_exp" -> {
                double gL = p.get("g_L", 16.6667);
                yield new CellType(template, new Lif(p.get("E_L", -70), p.get("V_reset", -60), p.get("V_th", -55),
                        p.get("C_m", 250) / gL, 1, Nest.refractory(p.get("t_ref", 2), dt),
                        Integrator.EXPONENTIAL_EULER),
                        p.get("I_e", 0) / gL,
                        List.of(new Receptor("ex", Kind.EXPONENTIAL, p.get("tau_syn_ex", 0.2),
                                        SynapticOutput.conductance(p.get("E_ex", 0))),
                                new Receptor("in", Kind.EXPONENTIAL, p.get("tau_syn_in", 2),
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
                        List.of(new Receptor("ex", Kind.ALPHA, p.get("tau_syn_ex", 0.2),
                                        SynapticOutput.conductance(p.get("E_ex", 0))),
                                new Receptor("in", Kind.ALPHA, p.get("tau_syn_in", 2),
                                        SynapticOutput.conductance(p.get("E_in", -85)))),
                        Delivery.BY_SIGN, 1);
            }
            case "nest:izhikevich" -> new CellType(template, new Izhikevich(p.get("a", 0.02), p.get("b", 0.2),
                    p.get("c", -65), p.get("d", 8), p.get("V_th", 30), 0, p.get("V_m", -65), Integrator.EULER),
                    p.get("I_e", 0), List.of(new Receptor("ex", Kind.JUMP, 0, null),
                            new Receptor("in", Kind.JUMP, 0, null)), Delivery.BY_SIGN, 1);
            default -> throw new SonataFormatException(file, where, "model_template '" + template
                    + "' is not supported: supported are " + SUPPORTED);
        };
        p.refuseUnused();
        return type;
    }

    private static CellType own(Params p) throws SonataFormatException {
        String method = p.text("integrator");
        Integrator integrator;
        try {
            integrator = Integrator.valueOf(method);
        } catch (IllegalArgumentException e) {
            throw p.fail("integrator", "'" + method + "' must be one of " + List.of(Integrator.values()));
        }
        Lif lif = new Lif(p.need("V_rest"), p.need("V_reset"), p.need("V_th"), p.need("tau_m"), p.need("R"),
                p.need("t_ref"), integrator);
        List<Receptor> receptors = new ArrayList<>();
        JsonNode list = p.take("receptors");
        if (list == null || !list.isArray()) {
            throw p.fail("receptors", "must be a list of {name, tau_syn, E_rev (absent for a current)}");
        }
        for (JsonNode r : list) {
            Params q = new Params(r, p.file, p.where + ".receptors[" + receptors.size() + "]");
            String name = q.text("name");
            double tau = q.need("tau_syn");
            boolean conductance = r.has("E_rev");
            receptors.add(new Receptor(name, Kind.EXPONENTIAL, tau,
                    conductance ? SynapticOutput.conductance(q.need("E_rev")) : SynapticOutput.current()));
            q.refuseUnused();
        }
        return new CellType(OWN, lif, p.get("I_e", 0), List.copyOf(receptors), Delivery.BY_NAME, 1);
    }

    /** What the writer takes, named in its refusals. */
    static final String WRITTEN = "LIF with exponential current or conductance synapses (as " + OWN + "), LIF with"
            + " alpha current synapses ex and in (nest:iaf_psc_alpha), AdEx with alpha conductances ex and in"
            + " (nest:aeif_cond_alpha), Izhikevich by Euler without refractory period with voltage jumps ex and in"
            + " (nest:izhikevich); alpha synapses normalised to their PEAK, jumps not gated; NEST's t_ref at least dt";

    /** A neuron population as the writer writes it: its template, the parameters, and the type they read as. */
    record Written(String template, ObjectNode params, CellType type) {}

    /**
     * A population with {@code bias}, its constant current, as a template and parameters that read back through
     * {@link #of} as exactly its model, bias and synapses, else refused naming what differs. A LIF with exponential
     * synapses is written as {@link #OWN}, which holds every parameter as the core does; other models as NEST's
     * templates, with C_m, g_L and t_ref chosen within a few ulps of the inverse of the reader's mapping so that
     * they read back bit for bit.
     */
    static Written written(NeuronPopulation cells, double bias, double dt) {
        List<Receptor> receptors = new ArrayList<>();
        for (SynapticInput in : cells.synapticInputs()) {
            Receptor r = Receptor.of(in);
            if (r == null) {
                throw refusal(cells, "synapse '" + in.name() + "' (" + in.description() + ") has no template here");
            }
            receptors.add(r);
        }
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        String template = switch (cells.model()) {
            case Lif lif when receptors.stream().allMatch(r -> r.kind() == Kind.EXPONENTIAL) -> {
                p.put("V_rest", lif.vRest()).put("V_reset", lif.vReset()).put("V_th", lif.vTh()).put("tau_m", lif.tau())
                        .put("R", lif.r()).put("t_ref", lif.tRef()).put("integrator", lif.method().name())
                        .put("I_e", bias);
                var list = p.putArray("receptors");
                for (Receptor r : receptors) {
                    ObjectNode o = list.addObject().put("name", r.name()).put("tau_syn", r.tau());
                    if (r.output() instanceof SynapticOutput.Conductance c) {
                        o.put("E_rev", c.reversal());
                    }
                }
                yield OWN;
            }
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
            default -> throw refusal(cells, "model " + cells.model().getClass().getSimpleName()
                    + " has no template here");
        };
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
    private static final class Params {
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

        String text(String key) throws SonataFormatException {
            JsonNode v = take(key);
            if (v == null || !v.isTextual()) {
                throw fail(key, v + " must be a string");
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
