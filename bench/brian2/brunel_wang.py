"""Brunel & Wang (2001) as Brian2's examples/frompapers/Brunel_Wang_2001.py, in C++ standalone mode, for vecsnn's
./snn compare-brunel-wang.

Usage: /usr/bin/python3 brunel_wang.py DURATION_S [SEED]

The example's network (N = 1000: 400 non-selective and 5 x 80 selective pyramidal cells, 200 interneurons; AMPA,
NMDA with per-synapse kinetics summed into the target, GABA_A; 800 Poisson inputs at 3 Hz per neuron; stimuli onto
selective groups 1 and 2 at 1.00-1.05 s and 2.00-2.05 s, a reset of every neuron at 3.00-3.05 s), unchanged but for
the monitors: every group's population rate. float64, one thread, dt 0.1 ms.

Prints one JSON line: each group's rate in 250 ms bins and Brian2's run time (code generation and compilation
excluded).
"""
import json
import sys
import tempfile

import numpy as np
from brian2 import (Hz, Network, NeuronGroup, collect, PoissonInput, PopulationRateMonitor, Synapses, TimedArray, defaultclock, device,
                    mV, ms, nF, nS, prefs, second, seed as brian_seed, set_device)


def main():
    duration_s = float(sys.argv[1])
    build_dir = tempfile.mkdtemp(prefix='vecsnn-brian2-bw-')
    set_device('cpp_standalone', directory=build_dir, build_on_run=False)
    brian_seed(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    prefs.devices.cpp_standalone.openmp_threads = 0
    defaultclock.dt = 0.1 * ms
    n = 1000
    n_e, n_i = int(n * 0.8), int(n * 0.2)
    ns = dict(V_L=-70. * mV, V_thr=-50. * mV, V_reset=-55. * mV, V_E=0. * mV, V_I=-70. * mV, C_m_E=0.5 * nF,
              C_m_I=0.2 * nF, g_m_E=25. * nS, g_m_I=20. * nS, g_AMPA_ext_E=2.08 * nS, g_AMPA_rec_E=0.104 * nS,
              g_AMPA_ext_I=1.62 * nS, g_AMPA_rec_I=0.081 * nS, tau_AMPA=2. * ms, g_NMDA_E=0.327 * nS,
              g_NMDA_I=0.258 * nS, tau_NMDA_rise=2. * ms, tau_NMDA_decay=100. * ms, alpha=0.5 / ms, Mg2=1.,
              g_GABA_E=1.25 * nS, g_GABA_I=0.973 * nS, tau_GABA=10. * ms)
    f, p = 0.1, 5
    n_sub = int(n_e * f)
    n_non = int(n_e * (1. - f * p))
    w_plus = 2.1
    w_minus = 1. - f * (w_plus - 1.) / (1. - f)
    eqs = '''
    dv / dt = (- g_m_{X} * (v - V_L) - I_syn) / C_m_{X} : volt (unless refractory)
    I_syn = I_AMPA_ext + I_AMPA_rec + I_NMDA_rec + I_GABA_rec : amp
    I_AMPA_ext = g_AMPA_ext_{X} * (v - V_E) * s_AMPA_ext : amp
    I_AMPA_rec = g_AMPA_rec_{X} * (v - V_E) * 1 * s_AMPA : amp
    ds_AMPA_ext / dt = - s_AMPA_ext / tau_AMPA : 1
    ds_AMPA / dt = - s_AMPA / tau_AMPA : 1
    I_NMDA_rec = g_NMDA_{X} * (v - V_E) / (1 + Mg2 * exp(-0.062 * v / mV) / 3.57) * s_NMDA_tot : amp
    s_NMDA_tot : 1
    I_GABA_rec = g_GABA_{X} * (v - V_I) * s_GABA : amp
    ds_GABA / dt = - s_GABA / tau_GABA : 1
    '''
    p_e = NeuronGroup(n_e, eqs.replace('{X}', 'E'), threshold='v > V_thr', reset='v = V_reset', refractory=2 * ms,
                      method='euler', namespace=ns)
    p_e.v = ns['V_L']
    p_i = NeuronGroup(n_i, eqs.replace('{X}', 'I'), threshold='v > V_thr', reset='v = V_reset', refractory=1 * ms,
                      method='euler', namespace=ns)
    p_i.v = ns['V_L']
    eqs_glut = '''
    s_NMDA_tot_post = w * s_NMDA : 1 (summed)
    ds_NMDA / dt = - s_NMDA / tau_NMDA_decay + alpha * x * (1 - s_NMDA) : 1 (clock-driven)
    dx / dt = - x / tau_NMDA_rise : 1 (clock-driven)
    w : 1
    '''
    c_e_e = Synapses(p_e, p_e, model=eqs_glut, on_pre='s_AMPA += w\nx += 1', method='euler', namespace=ns)
    c_e_e.connect('i != j')
    # the example's weights (1 onto the non-selective group, w+ within a selective group, w- onto one from outside),
    # written as an expression: standalone mode cannot index synapses before it runs
    same = 'int(i >= n_non) * int(floor((i - n_non) / n_sub) == floor((j - n_non) / n_sub))'
    c_e_e.w = 'int(j < n_non) + int(j >= n_non) * (w_plus * %s + w_minus * (1 - %s))' % (same, same)
    c_e_i = Synapses(p_e, p_i, model=eqs_glut, on_pre='s_AMPA += w\nx += 1', method='euler', namespace=ns)
    c_e_i.connect()
    c_e_i.w[:] = 1
    c_i_i = Synapses(p_i, p_i, on_pre='s_GABA += 1', method='euler')
    c_i_i.connect('i != j')
    c_i_e = Synapses(p_i, p_e, on_pre='s_GABA += 1', method='euler')
    c_i_e.connect()
    inputs = [PoissonInput(p_e, 's_AMPA_ext', 800, 3 * Hz, '1'), PoissonInput(p_i, 's_AMPA_ext', 800, 3 * Hz, '1')]
    stimuli1 = TimedArray(np.r_[np.zeros(40), np.ones(2), np.zeros(100)], dt=25 * ms)
    stimuli2 = TimedArray(np.r_[np.zeros(80), np.ones(2), np.zeros(100)], dt=25 * ms)
    stimuli_reset = TimedArray(np.r_[np.zeros(120), np.ones(2), np.zeros(100)], dt=25 * ms)
    inputs += [PoissonInput(p_e[n_non:n_non + n_sub], 's_AMPA_ext', 80, 25 * Hz, 'stimuli1(t)'),
               PoissonInput(p_e[n_non + n_sub:n_non + 2 * n_sub], 's_AMPA_ext', 80, 25 * Hz, 'stimuli2(t)'),
               PoissonInput(p_e, 's_AMPA_ext', 800, 25 * Hz, 'stimuli_reset(t)'),
               PoissonInput(p_i, 's_AMPA_ext', 800, 25 * Hz, 'stimuli_reset(t)')]
    groups = [p_e[:n_non]] + [p_e[pi:pi + n_sub] for pi in range(n_non, n_non + p * n_sub, n_sub)] + [p_i]
    monitors = [PopulationRateMonitor(g) for g in groups]
    net = Network(collect())  # collect() does not look into lists
    net.add(inputs, monitors)
    net.run(duration_s * second)
    device.build(directory=build_dir, compile=True, run=True)
    bins = int(round(duration_s * 4))
    rates = []
    for m in monitors:
        r = np.asarray(m.rate[:] / Hz)
        rates.append([float(x) for x in r[:bins * 2500].reshape(bins, 2500).mean(axis=1)])
    print(json.dumps({
        'simulator': 'brian2 ' + __import__('brian2').__version__ + ' cpp_standalone float64 1 thread',
        'duration_s': duration_s,
        'rates_250ms': rates,
        'run_seconds': device._last_run_time,
        'wall_per_bio_s': device._last_run_time / duration_s}))


if __name__ == '__main__':
    main()
