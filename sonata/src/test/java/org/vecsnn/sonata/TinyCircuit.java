package org.vecsnn.sonata;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small valid SONATA simulation written with jHDF directly, every dataset, attribute and text file open to change
 * before {@link #write}: populations a (3 nodes, vecsnn:lif), b (2, nest:iaf_psc_exp), virtual v (2, driven by
 * spikes.h5) and c (2, vecsnn:adex with a kinetic AMPA receptor and a gated voltage jump); edges a → b (NEST's sign
 * rule, with both range tables) and v → a (receptor "syn" by edge type) in edges.h5; in edges2.h5 a → c with
 * short-term plasticity (vecsnn:tsodyks_markram) and one-way gap junctions between c's two nodes
 * (vecsnn:gap_junction); the circuit's current list (c's I_e, the gap junctions, a current of samples into a,
 * a Poisson drive into a's syn).
 */
final class TinyCircuit {
    /** Datasets by file (relative to the folder) and path; attributes by file and "path@name". */
    final Map<String, Map<String, Object>> h5 = new LinkedHashMap<>();
    final Map<String, String> text = new LinkedHashMap<>();

    TinyCircuit() {
        Map<String, Object> nodes = new LinkedHashMap<>();
        nodes.put("/nodes/a/node_type_id", new long[] {1, 1, 1});
        nodes.put("/nodes/a/node_group_id", new long[] {0, 0, 0});
        nodes.put("/nodes/a/node_group_index", new long[] {0, 1, 2});
        nodes.put("/nodes/a/0/V_m", new float[] {-60, -55, -52});
        nodes.put("/nodes/b/node_type_id", new long[] {2, 2});
        nodes.put("/nodes/b/node_group_id", new long[] {0, 0});
        nodes.put("/nodes/b/node_group_index", new long[] {0, 1});
        nodes.put("/nodes/v/node_type_id", new long[] {3, 3});
        nodes.put("/nodes/v/node_group_id", new long[] {0, 0});
        nodes.put("/nodes/v/node_group_index", new long[] {0, 1});
        nodes.put("/nodes/c/node_type_id", new long[] {4, 4});
        nodes.put("/nodes/c/node_group_id", new long[] {0, 0});
        nodes.put("/nodes/c/node_group_index", new long[] {0, 1});
        h5.put("net/nodes.h5", nodes);
        Map<String, Object> edges = new LinkedHashMap<>();
        edges.put("/edges/a_to_b/source_node_id", new long[] {0, 1, 2, 2});
        edges.put("/edges/a_to_b/source_node_id@node_population", "a");
        edges.put("/edges/a_to_b/target_node_id", new long[] {0, 1, 0, 1});
        edges.put("/edges/a_to_b/target_node_id@node_population", "b");
        edges.put("/edges/a_to_b/edge_type_id", new long[] {10, 10, 10, 10});
        edges.put("/edges/a_to_b/edge_group_id", new long[] {0, 0, 0, 0});
        edges.put("/edges/a_to_b/edge_group_index", new long[] {0, 1, 2, 3});
        edges.put("/edges/a_to_b/0/syn_weight", new double[] {1, 2, -3, 4});
        edges.put("/edges/a_to_b/0/delay", new double[] {1.0, 1.5, 0.5, 2.0});
        // a's node 2 has edges 2 and 3; b's node 0 has edges 0 and 2, node 1 edges 1 and 3
        edges.put("/edges/a_to_b/indices/source_to_target/node_id_to_ranges", new long[][] {{0, 1}, {1, 2}, {2, 3}});
        edges.put("/edges/a_to_b/indices/source_to_target/range_to_edge_id", new long[][] {{0, 1}, {1, 2}, {2, 4}});
        edges.put("/edges/a_to_b/indices/target_to_source/node_id_to_ranges", new long[][] {{0, 2}, {2, 4}});
        edges.put("/edges/a_to_b/indices/target_to_source/range_to_edge_id",
                new long[][] {{0, 1}, {2, 3}, {1, 2}, {3, 4}});
        edges.put("/edges/v_to_a/source_node_id", new long[] {0, 1});
        edges.put("/edges/v_to_a/source_node_id@node_population", "v");
        edges.put("/edges/v_to_a/target_node_id", new long[] {2, 0});
        edges.put("/edges/v_to_a/target_node_id@node_population", "a");
        edges.put("/edges/v_to_a/edge_type_id", new long[] {11, 11});
        edges.put("/edges/v_to_a/edge_group_id", new long[] {0, 0});
        edges.put("/edges/v_to_a/edge_group_index", new long[] {0, 1});
        edges.put("/edges/v_to_a/0/syn_weight", new double[] {0.5, 0.6});
        edges.put("/edges/v_to_a/0/delay", new double[] {0.1, 0.2});
        h5.put("net/edges.h5", edges);
        Map<String, Object> edges2 = new LinkedHashMap<>();
        edges2.put("/edges/a_to_c/source_node_id", new long[] {0, 1, 2});
        edges2.put("/edges/a_to_c/source_node_id@node_population", "a");
        edges2.put("/edges/a_to_c/target_node_id", new long[] {0, 1, 1});
        edges2.put("/edges/a_to_c/target_node_id@node_population", "c");
        edges2.put("/edges/a_to_c/edge_type_id", new long[] {20, 20, 20});
        edges2.put("/edges/a_to_c/edge_group_id", new long[] {0, 0, 0});
        edges2.put("/edges/a_to_c/edge_group_index", new long[] {0, 1, 2});
        edges2.put("/edges/a_to_c/0/syn_weight", new double[] {0.1, 0.2, 0.3});
        edges2.put("/edges/a_to_c/0/delay", new double[] {0.1, 0.2, 0.3});
        edges2.put("/edges/gap_c/source_node_id", new long[] {0, 1});
        edges2.put("/edges/gap_c/source_node_id@node_population", "c");
        edges2.put("/edges/gap_c/target_node_id", new long[] {1, 0});
        edges2.put("/edges/gap_c/target_node_id@node_population", "c");
        edges2.put("/edges/gap_c/edge_type_id", new long[] {21, 21});
        edges2.put("/edges/gap_c/edge_group_id", new long[] {0, 0});
        edges2.put("/edges/gap_c/edge_group_index", new long[] {0, 1});
        edges2.put("/edges/gap_c/0/syn_weight", new double[] {0.1, 0.1});
        edges2.put("/edges/gap_c/0/delay", new double[] {0, 0});
        h5.put("net/edges2.h5", edges2);
        Map<String, Object> spikes = new LinkedHashMap<>();
        spikes.put("/spikes/v/timestamps", new double[] {1.0, 2.0});
        spikes.put("/spikes/v/node_ids", new long[] {0, 1});
        h5.put("spikes.h5", spikes);
        text.put("net/node_types.csv", """
                node_type_id model_type model_template dynamics_params
                1 point_neuron vecsnn:lif a.json
                2 point_neuron nest:iaf_psc_exp b.json
                3 virtual NULL NULL
                4 point_neuron vecsnn:adex c.json
                """);
        text.put("net/edge_types.csv", """
                edge_type_id receptor model_template dynamics_params
                10 NULL NULL NULL
                11 syn static_synapse NULL
                20 ampa vecsnn:tsodyks_markram stp.json
                21 NULL vecsnn:gap_junction gap.json
                22 ampa static_synapse NULL
                """);
        text.put("net/c.json", """
                {"vRest": -65, "vReset": -68, "vTh": -30, "vT": -59.9, "deltaT": 3.48, "a": 1, "b": 1, "tau": 10,
                 "tauW": 30, "r": 1, "tRef": 0, "integrator": "EXPONENTIAL_EULER", "I_e": 2,
                 "receptors": [{"name": "ampa", "synapse": "kinetic", "E_rev": 0, "kinetic": {"model": "Markov",
                                "kind": "AMPA", "alpha": 0.98, "beta": 0.18, "t": 0.5, "tDur": 0.5, "reversal": 0,
                                "gMax": 0.42}},
                               {"name": "jump", "synapse": "voltage_jump", "gated": true}]}
                """);
        text.put("net/stp.json", """
                {"u": 0.15, "tauF": 1500, "tauD": 200, "facilitating": true}
                """);
        text.put("net/gap.json", """
                {"symmetric": false, "weight": 0.1, "per_edge_weights": false}
                """);
        text.put("net/a.json", """
                {"V_rest": -60, "V_reset": -60, "V_th": -50, "tau_m": 20, "R": 1, "t_ref": 5, "integrator": "EULER",
                 "I_e": 0, "receptors": [{"name": "syn", "tau_syn": 5}]}
                """);
        text.put("net/b.json", """
                {"C_m": 250, "tau_m": 10}
                """);
        text.put("circuit_config.json", """
                {"manifest": {"$NET": "${configdir}/net"},
                 "components": {"point_neuron_models_dir": "$NET"},
                 "networks": {"nodes": [{"nodes_file": "$NET/nodes.h5", "node_types_file": "$NET/node_types.csv"}],
                              "edges": [{"edges_file": "$NET/edges.h5", "edge_types_file": "$NET/edge_types.csv"},
                                        {"edges_file": "$NET/edges2.h5", "edge_types_file": "$NET/edge_types.csv"}]},
                 "vecsnn_currents": [{"type": "I_e", "population": "c"}, {"type": "gap_junctions", "edges": "gap_c"},
                                     {"type": "samples", "population": "a", "from": 0, "to": 2, "interval_ms": 1,
                                      "values": [1, 2]},
                                     {"type": "poisson_drive", "population": "a", "receptor": "syn",
                                      "rate_Hz": 100, "weight": 0.1, "seed": 3}]}
                """);
        text.put("simulation_config.json", """
                {"run": {"tstop": 10, "dt": 0.1},
                 "network": "circuit_config.json",
                 "inputs": {"stim": {"input_type": "spikes", "module": "sonata", "input_file": "spikes.h5",
                                     "node_set": "v"}}}
                """);
    }

    /** Replaces {@code from} by {@code to} in a text file, which must contain it. */
    TinyCircuit edit(String file, String from, String to) {
        String t = text.get(file);
        if (!t.contains(from)) {
            throw new IllegalArgumentException(file + " has no '" + from + "'");
        }
        text.put(file, t.replace(from, to));
        return this;
    }

    Path write(Path dir) throws IOException {
        for (var file : text.entrySet()) {
            Files.createDirectories(dir.resolve(file.getKey()).getParent());
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
        for (var file : h5.entrySet()) {
            Files.createDirectories(dir.resolve(file.getKey()).getParent());
            try (WritableHdfFile h = HdfFile.write(dir.resolve(file.getKey()))) {
                Map<String, WritableNode> made = new HashMap<>();
                made.put("", h);
                for (var e : file.getValue().entrySet()) {
                    String path = e.getKey();
                    if (!path.contains("@")) {
                        int slash = path.lastIndexOf('/');
                        made.put(path, group(h, made, path.substring(0, slash)).putDataset(path.substring(slash + 1),
                                e.getValue()));
                    }
                }
                for (var e : file.getValue().entrySet()) {
                    String[] at = e.getKey().split("@");
                    if (at.length == 2 && made.containsKey(at[0])) { // a removed dataset takes its attributes along
                        made.get(at[0]).putAttribute(at[1], e.getValue());
                    }
                }
            }
        }
        return dir.resolve("simulation_config.json");
    }

    private static WritableGroup group(WritableHdfFile h, Map<String, WritableNode> made, String path) {
        if (made.get(path) instanceof WritableGroup g) {
            return g;
        }
        int slash = path.lastIndexOf('/');
        WritableGroup g = group(h, made, path.substring(0, slash)).putGroup(path.substring(slash + 1));
        made.put(path, g);
        return g;
    }
}
