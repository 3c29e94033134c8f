"""Song, Miller & Abbott (2000) as Brian2's examples/synapses/STDP.py, in Brian2's C++ standalone mode.

Usage: /usr/bin/python3 stdp.py DURATION_S [SEED]

1000 Poisson inputs at 15 Hz onto one LIF neuron (tau 10 ms, E_L -74, V_th -54, V_reset -60 mV, V from -74 mV,
method 'euler') through conductance synapses (tau 5 ms, E 0 mV), additive all-to-all STDP with event-driven traces
(tau 20 ms, A+ = 0.01 g_max, A- = -1.05 A+), weights starting uniform in [0, g_max = 0.01], dt = 0.1 ms, float64 as
the example, one thread. Prints one JSON line: the output rate, the final weights in units of g_max, and Brian2's run
time (code generation and compilation excluded).
"""
import json
import sys
import tempfile

from brian2 import (NeuronGroup, PoissonGroup, SpikeMonitor, Synapses, defaultclock, device, mV, ms, prefs, run,
                    second, set_device, seed as brian_seed, Hz)


def main():
    duration_s = float(sys.argv[1])
    build_dir = tempfile.mkdtemp(prefix='vecsnn-brian2-stdp-')
    set_device('cpp_standalone', directory=build_dir, build_on_run=False)
    brian_seed(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    prefs.devices.cpp_standalone.openmp_threads = 0
    defaultclock.dt = 0.1 * ms
    n, taum, taupre, taupost = 1000, 10 * ms, 20 * ms, 20 * ms
    ee, vt, vr, el, taue, rate, gmax = 0 * mV, -54 * mV, -60 * mV, -74 * mV, 5 * ms, 15 * Hz, 0.01
    dapre = 0.01
    dapost = -dapre * taupre / taupost * 1.05
    dapost *= gmax
    dapre *= gmax
    inputs = PoissonGroup(n, rates=rate)
    neuron = NeuronGroup(1, '''dv/dt = (ge * (ee - v) + el - v) / taum : volt
                               dge/dt = -ge / taue : 1''', threshold='v > vt', reset='v = vr', method='euler')
    neuron.v = el
    synapses = Synapses(inputs, neuron, '''w : 1
                                           dApre/dt = -Apre / taupre : 1 (event-driven)
                                           dApost/dt = -Apost / taupost : 1 (event-driven)''',
                        on_pre='''ge += w
                                  Apre += dapre
                                  w = clip(w + Apost, 0, gmax)''',
                        on_post='''Apost += dapost
                                   w = clip(w + Apre, 0, gmax)''')
    synapses.connect()
    synapses.w = 'rand() * gmax'
    spikes = SpikeMonitor(neuron, record=False)
    pre_spikes = SpikeMonitor(inputs, record=False)
    run(duration_s * second)
    device.build(directory=build_dir, compile=True, run=True)
    print(json.dumps({
        'simulator': 'brian2 ' + __import__('brian2').__version__ + ' cpp_standalone float64 1 thread',
        'duration_s': duration_s,
        'rate_hz': spikes.num_spikes / duration_s,
        'input_spikes': int(pre_spikes.num_spikes),
        'output_spikes': int(spikes.num_spikes),
        'weights': [float(w) / gmax for w in synapses.w[:]],
        'run_seconds': device._last_run_time,
        'wall_per_bio_s': device._last_run_time / duration_s}))


if __name__ == '__main__':
    main()
