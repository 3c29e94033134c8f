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
import org.vecsnn.models.neuron.Izhikevich;
import org.vecsnn.models.neuron.Lif;

/** Each NEST template's parameters (given, or NEST's defaults) as the core's model, worked out here by hand. */
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
}
