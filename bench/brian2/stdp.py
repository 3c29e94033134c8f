"""STDP networks of vecsnn's ./snn compare-stdp, in Brian2's C++ standalone mode.

Usage: /usr/bin/python3 stdp.py song|coba|vogels DURATION_S [SEED]

song: Song, Miller & Abbott (2000) as Brian2's examples/synapses/STDP.py.

1000 Poisson inputs at 15 Hz onto one LIF neuron (tau 10 ms, E_L -74, V_th -54, V_reset -60 mV, V from -74 mV,
method 'euler') through conductance synapses (tau 5 ms, E 0 mV), additive all-to-all STDP with event-driven traces
(tau 20 ms, A+ = 0.01 g_max, A- = -1.05 A+), weights starting uniform in [0, g_max = 0.01], dt = 0.1 ms, float64 as
the example, one thread.

coba: COBA 4000 as bench/brian2/benchmark.py (float32, one thread) with additive all-to-all STDP on every excitatory
synapse (A+ = A- = 1e-7, tau 20 ms, w in [0, 1.2]: rates small enough to keep the static network's activity), as
vecsnn's PlasticityBenchmark.

vogels: Vogels et al. (2011) as Brian2's examples/frompapers/Vogels_et_al_2011.py (float64, one thread): 8000
excitatory and 2000 inhibitory LIF neurons, inhibitory plasticity on I -> E (rho0 = 3 Hz, eta = 0 for the first
second, then 0.01); also the excitatory rate per second and the mean plastic weight at the end.

Prints one JSON line: the output rate, the final weights (song: in units of g_max), the plastic events (a
presynaptic spike updates its row, a postsynaptic spike its column of plastic synapses) and Brian2's run time (code
generation and compilation excluded).
"""
import json
import sys
import tempfile

import numpy

from brian2 import (NeuronGroup, PoissonGroup, SpikeMonitor, Synapses, defaultclock, device, float32, mV, ms, prefs,
                    run, second, set_device, seed as brian_seed, Hz, nS, pA, pF)

STDP_MODEL = '''w : 1
                dApre/dt = -Apre / taupre : 1 (event-driven)
                dApost/dt = -Apost / taupost : 1 (event-driven)'''


def main():
    mode, duration_s = sys.argv[1], float(sys.argv[2])
    build_dir = tempfile.mkdtemp(prefix='vecsnn-brian2-stdp-')
    set_device('cpp_standalone', directory=build_dir, build_on_run=False)
    brian_seed(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    prefs.devices.cpp_standalone.openmp_threads = 0
    defaultclock.dt = 0.1 * ms
    if mode == 'coba':
        coba(duration_s, build_dir)
    elif mode == 'vogels':
        vogels(duration_s, build_dir)
    else:
        song(duration_s, build_dir)


def song(duration_s, build_dir):
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
    synapses = Synapses(inputs, neuron, STDP_MODEL,
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
        'plastic_events': int(pre_spikes.num_spikes + n * spikes.num_spikes),
        'weights': [float(w) / gmax for w in synapses.w[:]],
        'run_seconds': device._last_run_time,
        'wall_per_bio_s': device._last_run_time / duration_s}))



def coba(duration_s, build_dir):
    prefs.core.default_float_dtype = float32
    n, n_e = 4000, 3200
    taum, taue, taui, vt, vr, el, ee, ei, drive = (20 * ms, 5 * ms, 10 * ms, -50 * mV, -60 * mV, -60 * mV, 0 * mV,
                                                   -80 * mV, 20 * mV)
    taupre, taupost, dapre, dapost, wmax = 20 * ms, 20 * ms, 1e-7, -1e-7, 1.2
    group = NeuronGroup(n, '''dv/dt = (-(v - el) + ge*(ee - v) + gi*(ei - v) + drive)/taum : volt (unless refractory)
                               dge/dt = -ge/taue : 1
                               dgi/dt = -gi/taui : 1''', threshold='v > vt', reset='v = vr', refractory=5 * ms,
                        method='euler')
    group.v = '-55*mV + 5*mV*randn()'
    exc = Synapses(group[:n_e], group, STDP_MODEL,
                   on_pre='''ge += w
                             Apre += dapre
                             w = clip(w + Apost, 0, wmax)''',
                   on_post='''Apost += dapost
                              w = clip(w + Apre, 0, wmax)''')
    exc.connect(p=0.02)
    exc.w = 0.6
    inh = Synapses(group[n_e:], group, on_pre='gi += 6.7')
    inh.connect(p=0.02)
    spikes = SpikeMonitor(group)
    run(duration_s * second)
    device.build(directory=build_dir, compile=True, run=True)
    counts = numpy.asarray(spikes.count[:])
    pre, post = numpy.asarray(exc.i[:]), numpy.asarray(exc.j[:])
    out_degree = numpy.bincount(pre, minlength=n_e)
    in_degree = numpy.bincount(post, minlength=n)
    print(json.dumps({
        'simulator': 'brian2 ' + __import__('brian2').__version__ + ' cpp_standalone float32 1 thread',
        'duration_s': duration_s,
        'rate_hz': float(counts.sum()) / n / duration_s,
        'input_spikes': int(counts[:n_e].sum()),
        'output_spikes': int(counts.sum()),
        'plastic_events': int((counts[:n_e] * out_degree).sum() + (counts * in_degree).sum()),
        'weights': [float(w) / wmax for w in exc.w[:1000]],
        'run_seconds': device._last_run_time,
        'wall_per_bio_s': device._last_run_time / duration_s}))


def vogels(duration_s, build_dir):
    n_e, n_i = 8000, 2000
    tau_ampa, tau_gaba, epsilon, tau_stdp = 5 * ms, 10 * ms, 0.02, 20 * ms
    gl, el, er, vt, memc, bgcurrent = 10 * nS, -60 * mV, -80 * mV, -50 * mV, 200 * pF, 200 * pA
    neurons = NeuronGroup(n_e + n_i, '''dv/dt = (-gl*(v-el) - (g_ampa*v + g_gaba*(v-er)) + bgcurrent)/memc : volt (unless refractory)
                                      dg_ampa/dt = -g_ampa/tau_ampa : siemens
                                      dg_gaba/dt = -g_gaba/tau_gaba : siemens''',
                          threshold='v > vt', reset='v = el', refractory=5 * ms, method='euler')
    pe, pi = neurons[:n_e], neurons[n_e:]
    con_e = Synapses(pe, neurons, on_pre='g_ampa += 0.3*nS')
    con_e.connect(p=epsilon)
    con_ii = Synapses(pi, pi, on_pre='g_gaba += 3*nS')
    con_ii.connect(p=epsilon)
    alpha, gmax = 3 * Hz * tau_stdp * 2, 100
    con_ie = Synapses(pi, pe, '''w : 1
                                 eta : 1 (shared)
                                 dApre/dt = -Apre/tau_stdp : 1 (event-driven)
                                 dApost/dt = -Apost/tau_stdp : 1 (event-driven)''',
                      on_pre='''Apre += 1.
                                w = clip(w + (Apost - alpha)*eta, 0, gmax)
                                g_gaba += w*nS''',
                      on_post='''Apost += 1.
                                 w = clip(w + Apre*eta, 0, gmax)''')
    con_ie.connect(p=epsilon)
    con_ie.w = 1e-10
    spikes = SpikeMonitor(pe)
    all_spikes = SpikeMonitor(neurons, record=False)
    con_ie.eta = 0
    run(1 * second)
    con_ie.eta = 1e-2
    run((duration_s - 1) * second)
    device.build(directory=build_dir, compile=True, run=True)
    t = numpy.asarray(spikes.t[:] / second)
    per_second = numpy.histogram(t, bins=int(duration_s), range=(0, duration_s))[0] / n_e
    pre_counts = numpy.asarray(all_spikes.count[:])
    pre, post = numpy.asarray(con_ie.i[:]), numpy.asarray(con_ie.j[:])
    print(json.dumps({
        'simulator': 'brian2 ' + __import__('brian2').__version__ + ' cpp_standalone float64 1 thread',
        'duration_s': duration_s,
        'rate_hz': float(per_second[-1]),
        'rates_per_second': [float(r) for r in per_second],
        'output_spikes': int(len(t)),
        'plastic_events': int((numpy.bincount(pre, minlength=n_i) * pre_counts[n_e:]).sum()
                              + (numpy.bincount(post, minlength=n_e) * pre_counts[:n_e]).sum()),
        'mean_weight': float(numpy.mean(con_ie.w[:])),
        'weights': [float(w) / gmax for w in con_ie.w[:1000]],
        'run_seconds': device._last_run_time,
        'wall_per_bio_s': device._last_run_time / duration_s}))


if __name__ == '__main__':
    main()
