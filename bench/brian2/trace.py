"""One neuron of a model written in Brian2's language, run in Brian2 (runtime mode, numpy, float64): the trace of one
variable, recorded at the start of every step (Brian2's StateMonitor default), in SI units.

Usage: /usr/bin/python3 trace.py JSON, JSON = {"equations": ..., "threshold": ..., "reset": ..., "refractory": ...,
"method": ..., "constants": {name: quantity}, "initial": {name: quantity}, "dt_ms": ..., "duration_ms": ...,
"variable": ...}; quantities are Brian2 expressions such as "-60*mV". Prints one JSON line {"values": [...]}.
"""
import json
import sys

import brian2
from brian2 import NeuronGroup, StateMonitor, defaultclock, ms, prefs, run


def main():
    spec = json.loads(sys.argv[1])
    prefs.codegen.target = 'numpy'
    defaultclock.dt = spec['dt_ms'] * ms
    units = vars(brian2)
    namespace = {name: eval(text, units) for name, text in spec.get('constants', {}).items()}
    kwargs = {key: spec[key] for key in ('threshold', 'reset', 'method') if spec.get(key)}
    if spec.get('refractory'):
        text = spec['refractory']
        try:
            kwargs['refractory'] = eval(text, units)
        except Exception:
            kwargs['refractory'] = text  # a condition
    group = NeuronGroup(1, spec['equations'], namespace=namespace, **kwargs)
    for name, text in spec.get('initial', {}).items():
        setattr(group, name, eval(text, dict(units, **namespace)))
    monitor = StateMonitor(group, spec['variable'], record=0)
    run(spec['duration_ms'] * ms, namespace=namespace)
    print(json.dumps({'values': [float(x) for x in getattr(monitor, spec['variable'] + '_')[0]]}))


if __name__ == '__main__':
    main()
