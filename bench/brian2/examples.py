"""Brian2's example networks of vecsnn's ./snn compare-examples, in Brian2's C++ standalone mode.

Usage: /usr/bin/python3 examples.py brunel|adaptive|izhikevich DURATION_MS SEED [BUILD_DIR]

The model strings are those of Brian2's examples (python-brian-doc), as they are; so are the parameters, float64
as the examples, one thread:

brunel: examples/frompapers/Brunel_2000.py, panel B (g = 6, nu_ext = 4 nu_thr: asynchronous irregular), N_E = 10000,
N_I = 2500, p = 0.1, J = 0.1 mV, D = 1.5 ms, PoissonInput of C_ext = 1000 inputs onto v. Rates count the spikes from
200 ms on (the start from v = 0 is synchronous).

adaptive: examples/adaptive_threshold.py, with N = 1000 independent copies of its one neuron (each its own
PoissonGroup unit at 500 Hz, connected one to one) so that a run gives a rate, not one spike train.

izhikevich: examples/frompapers/Izhikevich_2003.py (dt = 1 ms, 800 + 200 neurons all to all, the current pulse as
the 'up' and 'down' pathways, I_noise drawn every 1 ms by run_regularly).

BUILD_DIR (default a folder per network under the temporary folder) is kept between calls, so that another seed
recompiles only what changed (Brian2 rewrites only changed files). Time: Brian2's own run timer
(device._last_run_time), which excludes code generation and compilation. Prints one JSON line.
"""
import json
import os
import sys
import tempfile

import numpy as np

from brian2 import (Hz, NeuronGroup, PoissonGroup, PoissonInput, SpikeMonitor, Synapses, defaultclock, device, mV, ms,
                    prefs, run, second, set_device, seed as brian_seed)


def brunel(duration_ms):
    g, nu_ext_over_nu_thr = 6, 4
    N_E = 10000
    gamma = 0.25
    N_I = round(gamma * N_E)
    N = N_E + N_I
    epsilon = 0.1
    C_E = epsilon * N_E
    C_ext = C_E
    tau = 20 * ms
    theta = 20 * mV
    V_r = 10 * mV
    tau_rp = 2 * ms
    J = 0.1 * mV
    D = 1.5 * ms
    nu_thr = theta / (J * C_E * tau)
    defaultclock.dt = 0.1 * ms
    neurons = NeuronGroup(N,
                          """
                          dv/dt = -v/tau : volt (unless refractory)
                          """,
                          threshold="v > theta",
                          reset="v = V_r",
                          refractory=tau_rp,
                          method="exact",
                          )
    excitatory_neurons = neurons[:N_E]
    inhibitory_neurons = neurons[N_E:]
    exc_synapses = Synapses(excitatory_neurons, target=neurons, on_pre="v += J", delay=D)
    exc_synapses.connect(p=epsilon)
    inhib_synapses = Synapses(inhibitory_neurons, target=neurons, on_pre="v += -g*J", delay=D)
    inhib_synapses.connect(p=epsilon)
    nu_ext = nu_ext_over_nu_thr * nu_thr
    external_poisson_input = PoissonInput(target=neurons, target_var="v", N=C_ext, rate=nu_ext, weight=J)
    monitor = SpikeMonitor(neurons)
    run(duration_ms * ms)
    from_ms = 200.0
    t, i = monitor.t / ms, monitor.i[:]
    late = t >= from_ms
    window = (duration_ms - from_ms) / 1000.0
    return {'rate_e_hz': float(np.sum(late & (i < N_E))) / N_E / window,
            'rate_i_hz': float(np.sum(late & (i >= N_E))) / N_I / window,
            'rate_hz': float(np.sum(late)) / N / window,
            'synapses': int(len(exc_synapses) + len(inhib_synapses))}


def adaptive(duration_ms):
    n = 1000
    eqs = '''
    dv/dt = -v/(10*ms) : volt
    dvt/dt = (10*mV-vt)/(15*ms) : volt
    '''
    reset = '''
    v = 0*mV
    vt += 3*mV
    '''
    IF = NeuronGroup(n, model=eqs, reset=reset, threshold='v>vt', method='exact')
    IF.vt = 10 * mV
    PG = PoissonGroup(n, 500 * Hz)
    C = Synapses(PG, IF, on_pre='v += 3*mV')
    C.connect(j='i')
    monitor = SpikeMonitor(IF, record=False)
    run(duration_ms * ms)
    rate = monitor.num_spikes / n / (duration_ms / 1000.0)
    return {'rate_hz': rate, 'synapses': int(len(C))}


def izhikevich(duration_ms):
    Ne = 800
    Ni = 200
    re = np.random.uniform(size=Ne)
    ri = np.random.uniform(size=Ni)
    weights = np.hstack(
        [
            0.5 * np.random.uniform(size=(Ne + Ni, Ne)),
            -np.random.uniform(size=(Ne + Ni, Ni)),
        ]
    ).T
    defaultclock.dt = 1 * ms
    eqs = """dv/dt = (0.04*v**2 + 5*v + 140 - u + I + I_noise )/ms : 1
             du/dt = (a*(b*v - u))/ms  : 1
             I : 1
             I_noise : 1
             a : 1
             b : 1
             c : 1
             d : 1
           """
    N = NeuronGroup(Ne + Ni, eqs, threshold="v>=30", reset="v=c; u+=d", method="euler")
    N.v = -65
    N_exc = N[:Ne]
    N_inh = N[Ne:]
    spikemon = SpikeMonitor(N)
    N_exc.a = 0.02
    N_exc.b = 0.2
    N_exc.c = -65 + 15 * re ** 2
    N_exc.d = 8 - 6 * re ** 2
    N_inh.a = 0.02 + 0.08 * ri
    N_inh.b = 0.25 - 0.05 * ri
    N_inh.c = -65
    N_inh.d = 2
    N_exc.u = "b*v"
    N_inh.u = "b*v"
    S = Synapses(N, N, "w : 1", on_pre={"up": "I += w", "down": "I -= w"}, delay={"up": 0 * ms, "down": 1 * ms})
    S.connect()
    S.w[:] = weights.flatten()
    N_exc.run_regularly("I_noise = 5*randn()", dt=1 * ms)
    N_inh.run_regularly("I_noise = 2*randn()", dt=1 * ms)
    run(duration_ms * ms)
    i = spikemon.i[:]
    bio = duration_ms / 1000.0
    return {'rate_e_hz': float(np.sum(i < Ne)) / Ne / bio, 'rate_i_hz': float(np.sum(i >= Ne)) / Ni / bio,
            'rate_hz': len(i) / (Ne + Ni) / bio, 'synapses': int(len(S))}


def main():
    network, duration_ms, seed = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    examples = {'brunel': brunel, 'adaptive': adaptive, 'izhikevich': izhikevich}
    if network not in examples:
        sys.exit('network must be one of ' + ', '.join(examples) + ', not ' + network)
    build_dir = sys.argv[4] if len(sys.argv) > 4 else os.path.join(tempfile.gettempdir(),
                                                                    'vecsnn-brian2-example-' + network)
    set_device('cpp_standalone', directory=build_dir)
    # after set_device: only then does the seed reach the generated C++ code; numpy's for Izhikevich's weights
    brian_seed(seed)
    np.random.seed(seed)
    prefs.devices.cpp_standalone.openmp_threads = 0
    result = examples[network](duration_ms)
    result.update({'simulator': 'brian2 ' + __import__('brian2').__version__ + ' cpp_standalone float64 1 thread',
                   'network': network, 'duration_ms': duration_ms, 'seed': seed,
                   'run_seconds': device._last_run_time,
                   'wall_per_bio_s': device._last_run_time / (duration_ms / 1000.0)})
    print(json.dumps(result))


if __name__ == '__main__':
    main()
