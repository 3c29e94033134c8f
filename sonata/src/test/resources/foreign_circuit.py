"""Writes a small SONATA circuit with h5py, independently of vecsnn, following the spec's examples: two node
populations (nest:iaf_psc_alpha and nest:iaf_cond_exp), a virtual input population driven by a spike file, edges with
per-edge weights and delays (one population's delays from edge_types.csv, one with source_to_target and
target_to_source indices), and expected.json with every number written, for the test to check what vecsnn loads
against.

Usage: python3 foreign_circuit.py FOLDER"""
import csv
import json
import os
import sys

import h5py
import numpy as np

out = sys.argv[1]
for sub in ("network", "components/point_neuron_models_dir", "inputs"):
    os.makedirs(os.path.join(out, sub), exist_ok=True)

cortex_params = {"C_m": 250.0, "tau_m": 10.0, "E_L": -70.0, "V_th": -55.0, "V_reset": -70.0, "t_ref": 2.0,
                 "tau_syn_ex": 0.5, "tau_syn_in": 2.0}
inter_params = {"C_m": 200.0, "g_L": 10.0, "E_L": -65.0, "V_th": -50.0, "V_reset": -65.0, "t_ref": 1.0,
                "E_ex": 0.0, "E_in": -80.0, "tau_syn_ex": 1.0, "tau_syn_in": 5.0}
models = {"cortex": ("nest:iaf_psc_alpha", "cortex.json", cortex_params, 101, 6),
          "interneurons": ("nest:iaf_cond_exp", "interneurons.json", inter_params, 102, 3)}
for name, (template, file, params, _, _) in models.items():
    with open(os.path.join(out, "components/point_neuron_models_dir", file), "w") as f:
        json.dump(params, f)

with open(os.path.join(out, "network/node_types.csv"), "w", newline="") as f:
    w = csv.writer(f, delimiter=" ")
    w.writerow(["node_type_id", "model_type", "model_template", "dynamics_params", "pop_name"])
    for name, (template, file, _, type_id, _) in models.items():
        w.writerow([type_id, "point_neuron", template, file, name])
    w.writerow([103, "virtual", "NULL", "NULL", "thalamus"])

rng = np.random.default_rng(2020)
expected = {"populations": {}, "edges": {}}
with h5py.File(os.path.join(out, "network/nodes.h5"), "w") as h:
    for name, (template, file, params, type_id, n) in models.items():
        g = h.create_group("nodes/" + name)
        g.create_dataset("node_id", data=np.arange(n, dtype=np.uint64))
        g.create_dataset("node_type_id", data=np.full(n, type_id, dtype=np.int64))
        g.create_dataset("node_group_id", data=np.zeros(n, dtype=np.uint32))
        g.create_dataset("node_group_index", data=np.arange(n, dtype=np.uint64))
        v = rng.uniform(-70.0, -60.0, n).astype(np.float32)
        g.create_dataset("0/V_m", data=v)
        expected["populations"][name] = {"size": n, "template": template, "params": params,
                                         "V_m": [float(x) for x in v]}
    g = h.create_group("nodes/thalamus")
    g.create_dataset("node_type_id", data=np.full(4, 103, dtype=np.int64))
    g.create_dataset("node_group_id", data=np.zeros(4, dtype=np.int64))
    g.create_dataset("node_group_index", data=np.arange(4, dtype=np.int64))
    expected["populations"]["thalamus"] = {"size": 4, "template": "virtual"}

with open(os.path.join(out, "network/edge_types.csv"), "w", newline="") as f:
    w = csv.writer(f, delimiter=" ")
    w.writerow(["edge_type_id", "model_template", "delay"])
    w.writerow([1000, "static_synapse", "NULL"])
    w.writerow([1001, "static_synapse", 2.0])

def edges(h, name, src_pop, tgt_pop, src, tgt, weight, delay, type_id, index=False):
    g = h.create_group("edges/" + name)
    s = g.create_dataset("source_node_id", data=np.array(src, dtype=np.uint64))
    s.attrs["node_population"] = src_pop
    t = g.create_dataset("target_node_id", data=np.array(tgt, dtype=np.uint64))
    t.attrs["node_population"] = tgt_pop
    n = len(src)
    g.create_dataset("edge_type_id", data=np.full(n, type_id, dtype=np.int64))
    g.create_dataset("edge_group_id", data=np.zeros(n, dtype=np.int64))
    g.create_dataset("edge_group_index", data=np.arange(n, dtype=np.int64))
    g.create_dataset("0/syn_weight", data=np.array(weight, dtype=np.float64))
    if delay is not None:
        g.create_dataset("0/delay", data=np.array(delay, dtype=np.float64))
    if index:  # one range per run of consecutive edges of a node, so nodes whose edges are scattered have several
        for table, ids in (("source_to_target", src), ("target_to_source", tgt)):
            nodes = max(ids) + 1
            runs = []
            node_ranges = np.zeros((nodes, 2), dtype=np.uint64)
            for node in range(nodes):
                first = len(runs)
                e = 0
                while e < n:
                    if ids[e] == node:
                        start = e
                        while e < n and ids[e] == node:
                            e += 1
                        runs.append((start, e))
                    else:
                        e += 1
                node_ranges[node] = (first, len(runs))
            g.create_dataset("indices/" + table + "/node_id_to_ranges", data=node_ranges)
            g.create_dataset("indices/" + table + "/range_to_edge_id", data=np.array(runs, dtype=np.uint64))
    d = delay if delay is not None else [2.0] * n
    expected["edges"][name] = {"source": src_pop, "target": tgt_pop,
                               "edges": [[int(a), int(b), float(c), float(e)] for a, b, c, e in
                                         zip(src, tgt, weight, d)]}

with h5py.File(os.path.join(out, "network/edges.h5"), "w") as h:
    # thalamus node 0 -> cortex node 2 is strong enough to make it fire
    edges(h, "thalamus_to_cortex", "thalamus", "cortex",
          [0, 1, 1, 2, 3, 3, 3, 0], [2, 0, 5, 1, 4, 0, 3, 4],
          [30000.0, 12.5, 30.0, 7.25, 18.0, 3.5, 9.0, 11.0], [1.0, 1.5, 0.7, 2.3, 1.0, 0.1, 4.0, 1.2], 1000)
    edges(h, "cortex_to_interneurons", "cortex", "interneurons",
          [0, 0, 1, 2, 3, 4, 5, 5, 5], [0, 2, 1, 1, 0, 2, 0, 1, 2],
          [2.5, 3.0, 1.5, 4.0, 0.5, 2.0, 6.0, 1.0, 3.5], None, 1001)
    edges(h, "interneurons_to_cortex", "interneurons", "cortex",
          [2, 0, 0, 1, 2, 1, 0], [5, 3, 1, 0, 0, 4, 2],
          [-40.0, -25.0, -10.0, -33.0, -5.0, -12.0, -8.0], [0.5, 0.8, 1.1, 0.5, 3.0, 0.9, 0.6], 1000, index=True)

with h5py.File(os.path.join(out, "inputs/thalamus_spikes.h5"), "w") as h:
    g = h.create_group("spikes/thalamus")
    g.attrs["sorting"] = "by_time"
    g.create_dataset("timestamps", data=np.array([5.0, 12.0, 20.0, 33.3]))
    g.create_dataset("node_ids", data=np.array([0, 1, 3, 2], dtype=np.uint64))
expected["spikes"] = {"timestamps": [5.0, 12.0, 20.0, 33.3], "node_ids": [0, 1, 3, 2]}

with open(os.path.join(out, "circuit_config.json"), "w") as f:
    json.dump({"manifest": {"$BASE_DIR": "${configdir}", "$NETWORK_DIR": "$BASE_DIR/network",
                            "$COMPONENT_DIR": "$BASE_DIR/components"},
               "components": {"point_neuron_models_dir": "$COMPONENT_DIR/point_neuron_models_dir"},
               "networks": {"nodes": [{"nodes_file": "$NETWORK_DIR/nodes.h5",
                                       "node_types_file": "$NETWORK_DIR/node_types.csv"}],
                            "edges": [{"edges_file": "$NETWORK_DIR/edges.h5",
                                       "edge_types_file": "$NETWORK_DIR/edge_types.csv"}]}}, f, indent=2)
with open(os.path.join(out, "simulation_config.json"), "w") as f:
    json.dump({"manifest": {"$BASE_DIR": "${configdir}", "$INPUT_DIR": "$BASE_DIR/inputs"},
               "run": {"tstop": 50.0, "dt": 0.1},
               "target_simulator": "NEST",
               "network": "$BASE_DIR/circuit_config.json",
               "inputs": {"thalamus_spikes": {"input_type": "spikes", "module": "sonata",
                                              "input_file": "$INPUT_DIR/thalamus_spikes.h5",
                                              "node_set": "thalamus"}},
               "output": {"output_dir": "$BASE_DIR/output", "spikes_file": "spikes.h5"}}, f, indent=2)
with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump(expected, f)
