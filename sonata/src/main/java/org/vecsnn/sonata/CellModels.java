package org.vecsnn.sonata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vecsnn.core.networks.Nest;
import org.vecsnn.core.neuron.AdEx;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.Izhikevich;
import org.vecsnn.core.neuron.Lif;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.synapse.DualExponentialReceptor;
import org.vecsnn.core.synapse.ExponentialReceptor;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.core.synapse.SynapticOutput;

/**
 * Point-neuron {@code model_template}s and their {@code dynamics_params} mapped onto the core's models, with NEST's
 * parameter names, units (mV, ms, pF, nS, pA) and defaults: {@code iaf_psc_exp} (LIF, R = τ_m/C_m, integrated
 * exactly), {@code iaf_psc_alpha} (alpha currents peaking at w), {@code iaf_cond_exp} (τ = C_m/g_L, weights in units
 * of g_L), the latter two by exponential Euler as the core requires for them, {@code aeif_cond_alpha} (AdEx with
 * R = 1/g_L and alpha conductances in nS, exponential Euler), {@code izhikevich} (Euler, weights jump V). The weight's sign chooses NEST's ex or in receptor; t_ref and delays are NEST's, one step longer here
 * ({@link Nest}). {@code vecsnn:lif} is this project's own template: the
 * core's LIF and exponential receptors with every parameter as the core holds it, so a written network reads back
 * identical.
 */
final class CellModels {
    static final String OWN = "vecsnn:lif";
    static final List<String> SUPPORTED = List.of(OWN, "nest:iaf_psc_exp", "nest:iaf_psc_alpha", "nest:iaf_cond_exp",
            "nest:aeif_cond_alpha", "nest:izhikevich");

    /** How an edge chooses its receptor: by the edge type's {@code receptor} column, or by the weight's sign (NEST). */
    enum Delivery { BY_NAME, BY_SIGN }

    enum Kind { EXPONENTIAL, ALPHA, JUMP }

    record Receptor(String name, Kind kind, double tau, SynapticOutput output) {
        SynapticInput addTo(NeuronPopulation population) {
            return switch (kind) {
                case EXPONENTIAL -> population.addExponential(name, tau, output);
                case ALPHA -> population.addAlpha(name, tau, DualExponentialReceptor.Normalisation.PEAK, output);
                case JUMP -> population.addVoltageJump(name, false);
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

    /** The own template's parameters of a LIF population with exponential receptors, for the writer. */
    static ObjectNode describe(NeuronPopulation population, double bias) {
        if (!(population.model() instanceof Lif lif)) {
            throw new IllegalArgumentException("population '" + population.name() + "': model "
                    + population.model().getClass().getSimpleName() + " has no SONATA template here: the writer"
                    + " takes LIF populations with exponential receptors");
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("V_rest", lif.vRest()).put("V_reset", lif.vReset()).put("V_th", lif.vTh()).put("tau_m", lif.tau())
                .put("R", lif.r()).put("t_ref", lif.tRef()).put("integrator", lif.method().name()).put("I_e", bias);
        var receptors = o.putArray("receptors");
        for (SynapticInput in : population.synapticInputs()) {
            if (!(in instanceof ExponentialReceptor e) || e.output() instanceof SynapticOutput.MgBlock) {
                throw new IllegalArgumentException("population '" + population.name() + "': receptor '" + in.name()
                        + "' (" + in.description() + ") has no SONATA form here: the writer takes exponential"
                        + " receptors with a current or conductance output");
            }
            ObjectNode r = receptors.addObject().put("name", e.name()).put("tau_syn", e.tau());
            if (e.output() instanceof SynapticOutput.Conductance c) {
                r.put("E_rev", c.reversal());
            }
        }
        return o;
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
