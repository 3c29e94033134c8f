package org.vecsnn.sonata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecsnn.core.Network;
import org.vecsnn.core.Population;
import org.vecsnn.core.Projection;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.DualExponentialReceptor;
import org.vecsnn.models.synapse.ExponentialReceptor;

/**
 * A circuit written by h5py (src/test/resources/foreign_circuit.py, independently of this project): every node,
 * model parameter, edge, weight and delay loaded is checked against the numbers the script wrote, mapped by NEST's
 * rules computed here (iaf_psc_alpha: R = τ_m/C_m, weights in pA; iaf_cond_exp: τ = C_m/g_L, weights |w|/g_L; the
 * weight's sign picks ex or in; NEST's delay d is d/dt + 1 steps and its t_ref is t_ref + dt on this core).
 */
class ForeignCircuitTest {
    private static final double DT = 0.1;

    @TempDir
    Path dir;

    @Test
    void everyNodeEdgeWeightAndDelayIsWhatTheScriptWrote() throws Exception {
        H5py.run("foreign_circuit.py", dir.toString());
        JsonNode expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        SonataSimulation simulation = SonataSimulation.load(dir.resolve("simulation_config.json"), KernelProvider.get());
        Network network = simulation.network();
        assertEquals(DT, network.dt());
        assertEquals(50, simulation.tstop());
        Map<String, Population> byName = new TreeMap<>();
        network.populations().forEach(p -> byName.put(p.name(), p));
        assertEquals(List.of("cortex", "interneurons", "thalamus"), List.copyOf(byName.keySet()));

        JsonNode cortex = expected.at("/populations/cortex/params");
        NeuronPopulation c = (NeuronPopulation) byName.get("cortex");
        assertEquals(new Lif(-70, -70, -55, 10, 10.0 / 250, 2 + DT, Integrator.EXPONENTIAL_EULER), c.model());
        assertEquals(0.5, ((DualExponentialReceptor) c.synapticInputs().get(0)).tauDecay());
        assertEquals(cortex.get("tau_syn_in").asDouble(), ((DualExponentialReceptor) c.synapticInputs().get(1)).tauDecay());
        NeuronPopulation in = (NeuronPopulation) byName.get("interneurons");
        assertEquals(new Lif(-65, -65, -50, 200.0 / 10, 1, 1 + DT, Integrator.EXPONENTIAL_EULER), in.model());
        ExponentialReceptor inEx = (ExponentialReceptor) in.synapticInputs().get(0);
        ExponentialReceptor inIn = (ExponentialReceptor) in.synapticInputs().get(1);
        assertEquals(List.of(1.0, 5.0), List.of(inEx.tau(), inIn.tau()));
        assertEquals(List.of(new SynapticOutput.Conductance(0), new SynapticOutput.Conductance(-80)),
                List.of(inEx.output(), inIn.output()));
        for (String name : List.of("cortex", "interneurons")) {
            JsonNode v = expected.at("/populations/" + name + "/V_m");
            NeuronPopulation p = (NeuronPopulation) byName.get(name);
            assertEquals(v.size(), p.size());
            for (int i = 0; i < v.size(); i++) {
                assertEquals((float) v.get(i).asDouble(), p.v()[i], name + " node " + i);
            }
        }
        assertTrue(byName.get("thalamus") instanceof SpikeTimesSource);
        assertEquals(4, byName.get("thalamus").size());

        Map<String, List<String>> loaded = new TreeMap<>();
        for (Projection p : network.projections()) {
            loaded.computeIfAbsent(p.name().replaceFirst(":.*", ""), k -> new ArrayList<>()).addAll(edges(p));
        }
        Map<String, List<String>> written = new TreeMap<>();
        for (var e : expected.get("edges").properties()) {
            boolean conductance = e.getValue().get("target").asText().equals("interneurons");
            List<String> list = new ArrayList<>();
            for (JsonNode edge : e.getValue().get("edges")) {
                double w = edge.get(2).asDouble();
                String receptor = w >= 0 ? "ex" : "in";
                float weight = (float) (conductance ? Math.abs(w) / 10 : w);
                long steps = Math.round(edge.get(3).asDouble() / DT) + 1;
                list.add(edge.get(0).asInt() + "->" + edge.get(1).asInt() + " " + receptor + " w=" + weight
                        + " k=" + steps);
            }
            written.put(e.getKey(), list.stream().sorted().toList());
        }
        loaded.replaceAll((k, v) -> v.stream().sorted().toList());
        assertEquals(written, loaded);
    }

    /** A projection's synapses as "source->target receptor w=… k=…". */
    private static List<String> edges(Projection p) {
        var csr = p.csr();
        List<String> out = new ArrayList<>();
        for (int row = 0; row < csr.rows(); row++) {
            for (int j = csr.rowStart()[row]; j < csr.rowStart()[row + 1]; j++) {
                float w = csr.weights() == null ? p.weight() : csr.weights()[j];
                int k = csr.delays() == null ? p.delaySteps() : csr.delays()[j];
                out.add((p.source().from() + row) + "->" + (p.targetFrom() + csr.targets()[j]) + " "
                        + p.target().name() + " w=" + w + " k=" + k);
            }
        }
        return out;
    }

    @Test
    void theThalamicSpikeFileDrivesItsTargetAfterNestsDelay() throws Exception {
        H5py.run("foreign_circuit.py", dir.toString());
        SonataSimulation simulation = SonataSimulation.load(dir.resolve("simulation_config.json"), KernelProvider.get());
        simulation.run();
        SpikeReport.Spikes cortex = SpikeReport.read(simulation.report(), "cortex", 6);
        // thalamus 0 spikes at 5 ms (step 50) onto cortex 2 with 1.0 ms: 11 steps, so it acts from step 61
        assertTrue(cortex.nodeIds().length > 0, "cortex did not fire");
        assertEquals(2, cortex.nodeIds()[0]);
        assertTrue(cortex.timesMs()[0] >= 6.1 - 1e-9 && cortex.timesMs()[0] < 10, "first spike at "
                + cortex.timesMs()[0] + " ms");
    }
}
