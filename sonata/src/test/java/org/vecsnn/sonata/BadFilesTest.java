package org.vecsnn.sonata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecsnn.core.GapJunction;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.models.synapse.ShortTermPlasticity;

/**
 * Malformed SONATA files, one change each to a valid {@link TinyCircuit}: each is refused with a
 * {@link SonataFormatException} whose message names the file, the dataset (or table column, or key) and, where
 * one is at fault, the row.
 */
class BadFilesTest {
    @TempDir
    Path dir;

    @Test
    void theUnchangedCircuitLoadsAndRuns() throws IOException {
        SonataSimulation s = SonataSimulation.load(new TinyCircuit().write(dir), KernelProvider.get());
        assertEquals(9, s.network().populations().stream().mapToInt(p -> p.size()).sum());
        assertEquals(4, s.network().projections().size()); // a_to_b:ex, a_to_b:in, v_to_a, a_to_c
        assertEquals(new ShortTermPlasticity(0.15, 1500, 200, true), s.network().projections().get(3).plasticity());
        assertTrue(s.network().currents().stream().anyMatch(c -> c instanceof GapJunction g && !g.symmetric()
                && g.csr().synapseCount() == 2));
        assertEquals(4, s.network().currents().size()); // c's I_e, the gap junctions, samples, a Poisson drive
        s.run();
    }

    /** A case: what is changed, then the file, the dataset and the row (−1: none) the message must name. */
    private static Arguments bad(String name, Consumer<TinyCircuit> change, String file, String dataset, long row) {
        return Arguments.of(name, change, file, dataset, row);
    }

    private static Consumer<TinyCircuit> put(String file, String path, Object value) {
        return c -> c.h5.get(file).put(path, value);
    }

    private static Consumer<TinyCircuit> remove(String file, String path) {
        return c -> c.h5.get(file).remove(path);
    }

    private static final String NODES = "net/nodes.h5";
    private static final String EDGES2 = "net/edges2.h5";
    private static final String EDGES = "net/edges.h5";
    private static final String S2T = "/edges/a_to_b/indices/source_to_target/";
    private static final String T2S = "/edges/a_to_b/indices/target_to_source/";

    static Stream<Arguments> cases() {
        return Stream.of(
                bad("missing node_type_id", remove(NODES, "/nodes/b/node_type_id"), NODES, "/nodes/b/node_type_id", -1),
                bad("node_type_id as floats", put(NODES, "/nodes/a/node_type_id", new double[] {1, 1, 1}), NODES,
                        "/nodes/a/node_type_id", -1),
                bad("node_group_id one row short", put(NODES, "/nodes/a/node_group_id", new long[] {0, 0}), NODES,
                        "/nodes/a/node_group_id", -1),
                bad("node type not in node_types.csv", put(NODES, "/nodes/a/node_type_id", new long[] {1, 1, 7}),
                        NODES, "/nodes/a/node_type_id", 2),
                bad("node_group_index outside the group", put(NODES, "/nodes/a/node_group_index",
                        new long[] {0, 5, 2}), NODES, "/nodes/a/node_group_index", 1),
                bad("V_m not a number", put(NODES, "/nodes/a/0/V_m", new float[] {-60, Float.NaN, -52}), NODES,
                        "/nodes/a/0/V_m", 1),
                bad("V_m as integers", put(NODES, "/nodes/a/0/V_m", new long[] {-60, -55, -52}), NODES,
                        "/nodes/a/0/V_m", -1),
                bad("two models in one population", put(NODES, "/nodes/a/node_type_id", new long[] {1, 2, 1}),
                        NODES, "/nodes/a/node_type_id", 1),
                bad("unknown model template", c -> c.edit("net/node_types.csv", "nest:iaf_psc_exp",
                        "nest:hh_psc_alpha"), "b.json", "hh_psc_alpha", -1),
                bad("unknown NEST parameter", c -> c.edit("net/b.json", "\"tau_m\"", "\"tau_mm\""), "b.json",
                        "tau_mm", -1),
                bad("parameter not a number", c -> c.edit("net/b.json", "250", "\"250\""), "b.json", "C_m", -1),
                bad("missing own parameter", c -> c.edit("net/a.json", "\"V_th\": -50,", ""), "a.json", "V_th", -1),
                bad("reset above threshold", c -> c.edit("net/a.json", "\"V_reset\": -60", "\"V_reset\": -40"),
                        "a.json", "vReset", -1),
                bad("dynamics_params not JSON", c -> c.edit("net/b.json", "}", ""), "b.json", "JSON", -1),
                bad("dynamics_params file missing", c -> c.text.remove("net/b.json"), "b.json", "file missing", -1),
                bad("dynamics_params a list", c -> c.text.put("net/b.json", "[1, 2]"), "b.json", "JSON object", -1),
                bad("node_types.csv without node_type_id", c -> c.edit("net/node_types.csv", "node_type_id ",
                        "type_id "), "node_types.csv", "node_type_id", 0),
                bad("node type id not an integer", c -> c.edit("net/node_types.csv", "\n2 point", "\nx point"),
                        "node_types.csv", "node_type_id", 2),
                bad("missing target_node_id", remove(EDGES, "/edges/a_to_b/target_node_id"), EDGES,
                        "/edges/a_to_b/target_node_id", -1),
                bad("source_node_id as floats", put(EDGES, "/edges/a_to_b/source_node_id",
                        new double[] {0, 1, 2, 2}), EDGES, "/edges/a_to_b/source_node_id", -1),
                bad("target id out of range", put(EDGES, "/edges/a_to_b/target_node_id", new long[] {0, 1, 2, 1}),
                        EDGES, "/edges/a_to_b/target_node_id", 2),
                bad("negative source id", put(EDGES, "/edges/v_to_a/source_node_id", new long[] {0, -1}), EDGES,
                        "/edges/v_to_a/source_node_id", 1),
                bad("edge_type_id one row short", put(EDGES, "/edges/a_to_b/edge_type_id", new long[] {10, 10, 10}),
                        EDGES, "/edges/a_to_b/edge_type_id", -1),
                bad("edge type not in edge_types.csv", put(EDGES, "/edges/v_to_a/edge_type_id", new long[] {11, 12}),
                        EDGES, "/edges/v_to_a/edge_type_id", 1),
                bad("negative delay", put(EDGES, "/edges/a_to_b/0/delay", new double[] {1.0, -1.5, 0.5, 2.0}),
                        EDGES, "/edges/a_to_b/delay", 1),
                bad("delay off the dt grid", put(EDGES, "/edges/a_to_b/0/delay", new double[] {1.0, 1.5, 0.55, 2}),
                        EDGES, "/edges/a_to_b/delay", 2),
                bad("delay shorter than one step", put(EDGES, "/edges/v_to_a/0/delay", new double[] {0.1, 0}),
                        EDGES, "/edges/v_to_a/delay", 1),
                bad("NaN weight", put(EDGES, "/edges/v_to_a/0/syn_weight", new double[] {0.5, Double.NaN}), EDGES,
                        "/edges/v_to_a/syn_weight", 1),
                bad("weight nowhere", remove(EDGES, "/edges/v_to_a/0/syn_weight"), EDGES,
                        "/edges/v_to_a/0/syn_weight", 0),
                bad("weights as strings", put(EDGES, "/edges/v_to_a/0/syn_weight", new String[] {"a", "b"}), EDGES,
                        "/edges/v_to_a/0/syn_weight", -1),
                bad("node_population missing", remove(EDGES, "/edges/a_to_b/source_node_id@node_population"), EDGES,
                        "/edges/a_to_b/source_node_id", -1),
                bad("node_population unknown", put(EDGES, "/edges/a_to_b/target_node_id@node_population", "z"),
                        EDGES, "/edges/a_to_b/target_node_id", -1),
                bad("receptor unknown", c -> c.edit("net/edge_types.csv", "11 syn", "11 gaba"), "edge_types.csv",
                        "receptor", 2),
                bad("edge_group_index outside the group", put(EDGES, "/edges/v_to_a/edge_group_index",
                        new long[] {0, 2}), EDGES, "/edges/v_to_a/edge_group_index", 0),
                bad("source_to_target one edge short", put(EDGES, S2T + "range_to_edge_id",
                        new long[][] {{0, 1}, {1, 2}, {2, 3}}), EDGES, S2T + "node_id_to_ranges", 2),
                bad("source_to_target ranges of nodes 0 and 1 swapped", put(EDGES, S2T + "range_to_edge_id",
                        new long[][] {{1, 2}, {0, 1}, {2, 4}}), EDGES, S2T + "node_id_to_ranges", 0),
                bad("target_to_source counts that disagree", put(EDGES, T2S + "node_id_to_ranges",
                        new long[][] {{0, 1}, {1, 4}}), EDGES, T2S + "node_id_to_ranges", 0),
                bad("target_to_source ranges holding another node's edges", put(EDGES, T2S + "range_to_edge_id",
                        new long[][] {{0, 1}, {1, 2}, {2, 3}, {3, 4}}), EDGES, T2S + "node_id_to_ranges", 0),
                bad("target_to_source range beyond the edges", put(EDGES, T2S + "range_to_edge_id",
                        new long[][] {{0, 1}, {2, 3}, {1, 2}, {3, 5}}), EDGES, T2S + "range_to_edge_id", 3),
                bad("target_to_source naming a range it does not have", put(EDGES, T2S + "node_id_to_ranges",
                        new long[][] {{0, 2}, {2, 5}}), EDGES, T2S + "node_id_to_ranges", 1),
                bad("target_to_source ranges that overlap", c -> {
                    c.h5.get(EDGES).put(T2S + "node_id_to_ranges", new long[][] {{0, 2}, {2, 3}});
                    c.h5.get(EDGES).put(T2S + "range_to_edge_id", new long[][] {{0, 1}, {2, 3}, {0, 4}});
                }, EDGES, T2S + "node_id_to_ranges", 1),
                bad("target_to_source with a row per source node", put(EDGES, T2S + "node_id_to_ranges",
                        new long[][] {{0, 2}, {2, 4}, {4, 4}}), EDGES, T2S + "node_id_to_ranges", -1),
                bad("target_to_source without range_to_edge_id", remove(EDGES, T2S + "range_to_edge_id"), EDGES,
                        T2S + "range_to_edge_id", -1),
                bad("cyclic manifest", c -> c.edit("circuit_config.json", "{\"$NET\": \"${configdir}/net\"}",
                        "{\"$NET\": \"$A/net\", \"$A\": \"$NET\"}"), "circuit_config.json", "manifest", -1),
                bad("manifest variable unknown", c -> c.edit("circuit_config.json", "\"$NET/edges.h5\"",
                        "\"$NETS/edges.h5\""), "circuit_config.json", "edges_file", -1),
                bad("circuit config not JSON", c -> c.edit("circuit_config.json", "\"networks\":", "networks"),
                        "circuit_config.json", "JSON (line 3)", -1),
                bad("tstop not on the dt grid", c -> c.edit("simulation_config.json", "\"tstop\": 10",
                        "\"tstop\": 10.05"), "simulation_config.json", "run", -1),
                bad("negative dt", c -> c.edit("simulation_config.json", "\"dt\": 0.1", "\"dt\": -0.1"),
                        "simulation_config.json", "run.dt", -1),
                bad("Poisson input without a rate", c -> c.edit("simulation_config.json",
                        "\"module\": \"sonata\", \"input_file\": \"spikes.h5\"", "\"module\": \"poisson\""),
                        "simulation_config.json", "inputs.stim.rate", -1),
                bad("input module unknown", c -> c.edit("simulation_config.json", "\"sonata\"", "\"nwb\""),
                        "simulation_config.json", "inputs.stim.module", -1),
                bad("input on a population that is not virtual", c -> c.edit("simulation_config.json",
                        "\"node_set\": \"v\"", "\"node_set\": \"z\""), "simulation_config.json",
                        "inputs.stim.node_set", -1),
                bad("input spike of a node outside the population", put("spikes.h5", "/spikes/v/node_ids",
                        new long[] {0, 2}), "spikes.h5", "/spikes/v/node_ids", 1),
                bad("input spike at a negative time", put("spikes.h5", "/spikes/v/timestamps",
                        new double[] {1.0, -2.0}), "spikes.h5", "/spikes/v/timestamps", 1),
                // this project's templates: neuron models, receptors, short-term plasticity, gap junctions
                bad("vecsnn:adex parameter missing", c -> c.edit("net/c.json", "\"tauW\": 30, ", ""), "c.json",
                        "tauW", -1),
                bad("vecsnn:adex parameter a string", c -> c.edit("net/c.json", "\"tau\": 10", "\"tau\": \"10\""),
                        "c.json", "tau", -1),
                bad("vecsnn:adex parameter out of range", c -> c.edit("net/c.json", "\"tau\": 10", "\"tau\": -10"),
                        "c.json", "AdEx tau", -1),
                bad("unknown integrator", c -> c.edit("net/c.json", "EXPONENTIAL_EULER", "LEAPFROG"), "c.json",
                        "integrator", -1),
                bad("vecsnn:adex parameter misspelt", c -> c.edit("net/c.json", "\"tRef\"", "\"t_ref\""), "c.json",
                        "tRef: missing", -1),
                bad("unknown synapse kind", c -> c.edit("net/c.json", "\"voltage_jump\"", "\"gap\""), "c.json",
                        "receptors[1].synapse", -1),
                bad("gated not a boolean", c -> c.edit("net/c.json", "\"gated\": true", "\"gated\": 1"),
                        "c.json", "receptors[1].gated", -1),
                bad("unknown kinetic model", c -> c.edit("net/c.json", "\"Markov\"", "\"Ampa\""), "c.json",
                        "receptors[0].kinetic.model", -1),
                bad("kinetic parameter missing", c -> c.edit("net/c.json", "\"gMax\"", "\"g_max\""), "c.json",
                        "receptors[0].kinetic.gMax", -1),
                bad("Mg block without its parameters", c -> c.edit("net/c.json", "\"E_rev\": 0,",
                        "\"E_rev\": 0, \"mg_block\": {\"magnesium\": 1},"), "c.json",
                        "receptors[0].mg_block.alpha", -1),
                bad("short-term plasticity parameter missing", c -> c.edit("net/stp.json", "\"tauD\": 200, ", ""),
                        "stp.json", "tauD", -1),
                bad("short-term plasticity U above 1", c -> c.edit("net/stp.json", "0.15", "1.5"), "stp.json",
                        "short-term plasticity U", -1),
                bad("unknown edge model template", c -> c.edit("net/edge_types.csv", "vecsnn:tsodyks_markram",
                        "nest:tsodyks2_synapse"), "edge_types.csv", "model_template", 3),
                bad("edge model without dynamics_params", c -> c.edit("net/edge_types.csv", "stp.json", "NULL"),
                        "edge_types.csv", "dynamics_params", 3),
                bad("two synapse models in one edge population", put(EDGES2, "/edges/a_to_c/edge_type_id",
                        new long[] {20, 20, 22}), EDGES2, "/edges/a_to_c/edge_type_id", 2),
                bad("gap junction parameter missing", c -> c.edit("net/gap.json", "\"symmetric\": false, ", ""),
                        "gap.json", "symmetric", -1),
                bad("gap junction edge of another type", put(EDGES2, "/edges/gap_c/edge_type_id",
                        new long[] {21, 20}), EDGES2, "/edges/gap_c/edge_type_id", 1),
                bad("gap junction weight other than the common one", put(EDGES2, "/edges/gap_c/0/syn_weight",
                        new double[] {0.1, 0.3}), EDGES2, "/edges/gap_c/0/syn_weight", 1),
                bad("gap junction onto a virtual population", put(EDGES2, "/edges/gap_c/target_node_id@node_population",
                        "v"), EDGES2, "/edges/gap_c/target_node_id", -1),
                bad("current of an unknown type", c -> c.edit("circuit_config.json", "\"samples\"", "\"ramp\""),
                        "circuit_config.json", "vecsnn_currents[2].type", -1),
                bad("gap junctions missing from the current list", c -> c.edit("circuit_config.json",
                        "{\"type\": \"gap_junctions\", \"edges\": \"gap_c\"},", ""), "circuit_config.json",
                        "vecsnn_currents: the gap junctions of [gap_c]", -1),
                bad("I_e missing from the current list", c -> c.edit("circuit_config.json",
                        "{\"type\": \"I_e\", \"population\": \"c\"},", ""), "circuit_config.json",
                        "vecsnn_currents: population 'c' has I_e 2.0", -1),
                bad("current beyond its population", c -> c.edit("circuit_config.json", "\"to\": 2", "\"to\": 5"),
                        "circuit_config.json", "vecsnn_currents[2].from", -1),
                bad("Poisson drive seed not whole", c -> c.edit("circuit_config.json", "\"seed\": 3",
                        "\"seed\": 3.5"), "circuit_config.json", "vecsnn_currents[3].seed", -1),
                bad("Poisson drive into an unknown receptor", c -> c.edit("circuit_config.json",
                        "\"receptor\": \"syn\"", "\"receptor\": \"ex\""), "circuit_config.json",
                        "vecsnn_currents[3].receptor", -1),
                bad("gap junction node id out of range", put(EDGES2, "/edges/gap_c/target_node_id",
                        new long[] {1, 2}), EDGES2, "/edges/gap_c/target_node_id", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedNamingFileDatasetAndRow(String name, Consumer<TinyCircuit> change, String file, String dataset,
                                          long row) throws IOException {
        TinyCircuit circuit = new TinyCircuit();
        change.accept(circuit);
        Path config = circuit.write(dir);
        SonataFormatException e = assertThrows(SonataFormatException.class,
                () -> SonataSimulation.load(config, KernelProvider.get()), name);
        String message = e.getMessage();
        assertTrue(message.contains(file), "no file " + file + " in: " + message);
        assertTrue(message.contains(dataset), "no dataset " + dataset + " in: " + message);
        assertEquals(row >= 0, message.contains(", row "), "row in: " + message);
        if (row >= 0) {
            assertTrue(message.contains(", row " + row + ":"), "no row " + row + " in: " + message);
        }
    }

    @Test
    void aTruncatedHdf5FileIsRefusedNamingIt() throws IOException {
        Path config = new TinyCircuit().write(dir);
        Path edges = dir.resolve(EDGES);
        try (FileChannel f = FileChannel.open(edges, StandardOpenOption.WRITE)) {
            f.truncate(Files.size(edges) / 2);
        }
        SonataFormatException e = assertThrows(SonataFormatException.class,
                () -> SonataSimulation.load(config, KernelProvider.get()));
        assertTrue(e.getMessage().startsWith(edges.toString()), e.getMessage());
    }

    @Test
    void aFileThatIsNotHdf5IsRefusedNamingIt() throws IOException {
        Path config = new TinyCircuit().write(dir);
        Files.writeString(dir.resolve(NODES), "node_id,type\n0,1\n");
        SonataFormatException e = assertThrows(SonataFormatException.class,
                () -> SonataSimulation.load(config, KernelProvider.get()));
        assertTrue(e.getMessage().startsWith(dir.resolve(NODES) + ": /: not a readable HDF5 file"), e.getMessage());
    }
}
