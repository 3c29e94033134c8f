"""Reads a SONATA spike report with h5py, independently of vecsnn, and prints what it holds as JSON: per population
under /spikes, the group's sorting attribute, the units attribute of timestamps, both datasets' types and values
(floats as Python's repr, which reads back exactly).

Usage: python3 spike_report.py REPORT.h5"""
import json
import sys

import h5py


def text(attribute):
    return attribute.decode() if isinstance(attribute, bytes) else str(attribute)


out = {}
with h5py.File(sys.argv[1], "r") as h:
    for name, g in h["spikes"].items():
        out[name] = {"sorting": text(g.attrs["sorting"]), "units": text(g["timestamps"].attrs["units"]),
                     "timestamps_dtype": str(g["timestamps"].dtype), "node_ids_dtype": str(g["node_ids"].dtype),
                     "timestamps": [float(t) for t in g["timestamps"][:]],
                     "node_ids": [int(i) for i in g["node_ids"][:]]}
json.dump(out, sys.stdout)
