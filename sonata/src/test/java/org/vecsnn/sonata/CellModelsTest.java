package org.vecsnn.sonata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.AdEx;
import org.vecsnn.models.neuron.HodgkinHuxley;
import org.vecsnn.models.neuron.Izhikevich;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.neuron.Qif;
import org.vecsnn.models.synapse.DualExponentialReceptor;
import org.vecsnn.models.synapse.KineticModel;

/**
 * Each NEST template's parameters (given, or NEST's defaults) as the core's model, worked out here by hand; this
 * project's templates written by hand as the README documents them.
 */
class CellModelsTest {
    private static final double DT = 0.1;
    private static final Path FILE = Path.of("params.json");

    private static CellModels.CellType of(String template, String json) throws IOException {
        return CellModels.of(template, new ObjectMapper().readTree(json), FILE, "node_type_id 1", DT);
    }

    private static List<String> receptors(CellModels.CellType type) {
        return type.receptors().stream().map(r -> r.name() + " " + r.kind() + " " + r.tau() + " " + r.output()).toList();
    }

    @Test
    void iafPscExpGivenAndByDefault() throws IOException {
        CellModels.CellType given = of("nest:iaf_psc_exp", """
                {"C_m": 200, "tau_m": 20, "E_L": -65, "V_th": -50, "V_reset": -70, "t_ref": 2, "tau_syn_ex": 1,
                 "tau_syn_in": 3, "I_e": 100}""");
        assertEquals(new Lif(-65, -70, -50, 20, 0.1, 2.1, Integrator.EXACT), given.model());
        assertEquals(100, given.bias());
        assertEquals(List.of("ex EXPONENTIAL 1.0 Current[]", "in EXPONENTIAL 3.0 Current[]"), receptors(given));
        assertEquals(1, given.extraDelaySteps());
        CellModels.CellType defaults = of("nest:iaf_psc_exp", "{}");
        assertEquals(new Lif(-70, -70, -55, 10, 0.04, 2.1, Integrator.EXACT), defaults.model());
        assertEquals(List.of("ex EXPONENTIAL 2.0 Current[]", "in EXPONENTIAL 2.0 Current[]"), receptors(defaults));
    }

    @Test
    void iafCondExpTakesWeightsAndCurrentInUnitsOfTheLeak() throws IOException {
        CellModels.CellType type = of("nest:iaf_cond_exp", "{\"g_L\": 25, \"I_e\": 50}");
        assertEquals(new Lif(-70, -60, -55, 10, 1, 2.1, Integrator.EXPONENTIAL_EULER), type.model());
        assertEquals(2, type.bias());
        assertEquals(1 / 25.0, type.weightScale());
        assertEquals(List.of("ex EXPONENTIAL 0.2 " + new SynapticOutput.Conductance(0),
                "in EXPONENTIAL 2.0 " + new SynapticOutput.Conductance(-85)), receptors(type));
    }

    @Test
    void aeifCondAlphaByNestsDefaults() throws IOException {
        CellModels.CellType type = of("nest:aeif_cond_alpha", "{}");
        assertEquals(new AdEx(-70.6, -60, 0, -50.4, 2, 4, 80.5, 281 / 30.0, 144, 1 / 30.0, 0.1,
                Integrator.EXPONENTIAL_EULER), type.model());
        assertEquals(List.of("ex ALPHA 0.2 " + new SynapticOutput.Conductance(0),
                "in ALPHA 2.0 " + new SynapticOutput.Conductance(-85)), receptors(type));
    }

    @Test
    void izhikevichJumpsV() throws IOException {
        CellModels.CellType type = of("nest:izhikevich", "{\"a\": 0.1, \"d\": 2, \"V_m\": -70}");
        assertEquals(new Izhikevich(0.1, 0.2, -65, 2, 30, 0, -70, Integrator.EULER), type.model());
        assertEquals(List.of("ex JUMP 0.0 null", "in JUMP 0.0 null"), receptors(type));
    }

    @Test
    void otherTemplatesAreRefusedNamingTheSupportedOnes() {
        SonataFormatException e = assertThrows(SonataFormatException.class, () -> of("nest:hh_cond_exp_traub", "{}"));
        assertTrue(e.getMessage().contains("'nest:hh_cond_exp_traub' is not supported: supported are [vecsnn:lif,"
                + " vecsnn:hodgkin_huxley, vecsnn:expif, vecsnn:adex, vecsnn:izhikevich, vecsnn:qif, nest:iaf_psc_exp,"
                + " nest:iaf_psc_alpha, nest:iaf_cond_exp, nest:aeif_cond_alpha, nest:izhikevich]"),
                e.getMessage());
    }

    /** This project's template as the README documents it, written by hand: the squid axon with its rate functions. */
    @Test
    void aHandWrittenHodgkinHuxleyIsTheSquidAxon() throws IOException {
        CellModels.CellType type = of("vecsnn:hodgkin_huxley", """
                {"c": 1, "gNa": 120, "eNa": 50, "gK": 36, "eK": -77, "gL": 0.03, "eL": -54.387, "vTh": 20, "tRef": 0,
                 "vInit": -65, "integrator": "EXPONENTIAL_EULER",
                 "alphaM": {"shape": "LINEAR", "k": 1, "theta": -40, "s": 10},
                 "betaM": {"shape": "EXPONENTIAL", "k": 4, "theta": -65, "s": 18},
                 "alphaH": {"shape": "EXPONENTIAL", "k": 0.07, "theta": -65, "s": 20},
                 "betaH": {"shape": "SIGMOID", "k": 1, "theta": -35, "s": 10},
                 "alphaN": {"shape": "LINEAR", "k": 0.1, "theta": -55, "s": 10},
                 "betaN": {"shape": "EXPONENTIAL", "k": 0.125, "theta": -65, "s": 80},
                 "I_e": 5, "receptors": []}""");
        assertEquals(HodgkinHuxley.squid(), type.model());
        assertEquals(5, type.bias());
        assertEquals(CellModels.Delivery.BY_NAME, type.delivery());
    }

    /** Receptors of each synapse kind and output, written by hand as the README documents them. */
    @Test
    void handWrittenReceptorsOfEachKind() throws IOException {
        CellModels.CellType type = of("vecsnn:qif", """
                {"vRest": -65, "vReset": -68, "vTh": -30, "vC": -50, "c": 0.07, "tau": 10, "r": 1, "tRef": 0,
                 "integrator": "RK4", "receptors": [
                   {"name": "e", "tau_syn": 5},
                   {"name": "d", "synapse": "dual_exponential", "tau_rise": 1, "tau_decay": 5,
                    "normalisation": "JUMP", "E_rev": 0},
                   {"name": "a", "synapse": "alpha", "tau_syn": 2, "normalisation": "PEAK", "E_rev": -80},
                   {"name": "n", "synapse": "kinetic", "kinetic": {"model": "Nmda", "tauDecay": 100, "tauRise": 2,
                    "a": 0.5, "gMax": 0.15}, "E_rev": 0, "mg_block": {"magnesium": 1.2, "alpha": 0.062, "beta": 3.57}},
                   {"name": "j", "synapse": "voltage_jump", "gated": true}]}""");
        assertEquals(new Qif(-65, -68, -30, -50, 0.07, 10, 1, 0, Integrator.RK4), type.model());
        assertEquals(0, type.bias());
        assertEquals(List.of(
                CellModels.Receptor.exponential("e", 5, SynapticOutput.current()),
                new CellModels.Receptor("d", CellModels.Kind.DUAL_EXPONENTIAL, 5, 1,
                        DualExponentialReceptor.Normalisation.JUMP, null, false, SynapticOutput.conductance(0)),
                CellModels.Receptor.alpha("a", 2, DualExponentialReceptor.Normalisation.PEAK,
                        SynapticOutput.conductance(-80)),
                new CellModels.Receptor("n", CellModels.Kind.KINETIC, 0, 0, null, KineticModel.nmda(), false,
                        SynapticOutput.mgBlock()),
                CellModels.Receptor.jump("j", true)), type.receptors());
    }
}
