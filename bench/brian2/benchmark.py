"""The benchmark networks of vecsnn (BenchmarkNetworks.java), in Brian2's C++ standalone mode.

Usage: /usr/bin/python3 benchmark.py coba|cuba|cobahh N DURATION_MS [REPEATS] [SEED]

Same networks as the Java core: N_E = 0.8 N, pairs connected with p = 80/N (self-connections allowed), weights not
scaled, dt = 0.1 ms, float32, one thread. COBA ("COBA + I", as BrainPy and ANNarchy run it): LIF tau 20 ms,
V_rest -60, V_th -50, V_reset -60 mV, t_ref 5 ms, input 20 mV, V0 ~ N(-55, 5) mV, conductances tau 5/10 ms,
E 0/-80 mV, weights 0.6/6.7, method 'euler'. CUBA (Brian2's example): V_rest -49 mV, no input, V0 ~ U(-60, -50) mV,
currents 1.62/-9 mV, method 'exact'. COBAHH (Brian2's examples/COBAHH.py): Traub-Miles HH, 20000 um2, threshold
v > -20 mV, refractory 3 ms, conductances 6/67 nS, tau 5/10 ms, E 0/-80 mV, V0 = E_L + (5 randn - 5) mV,
ge = (1.5 randn + 4) 10 nS, gi = (12 randn + 20) 10 nS, gates from 0, method 'exponential_euler'.

Time: Brian2's own run timer (device._last_run_time, then the compiled binary's results/last_run_info.txt for the
repeats), which excludes code generation and compilation. Prints one JSON line with the best of the repeats.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

from brian2 import (NeuronGroup, SpikeMonitor, Synapses, cm, defaultclock, device, float32, mV, ms, msiemens, nS,
                    prefs, run, second, set_device, siemens, seed as brian_seed, ufarad, umetre)


def main():
    network, n, duration_ms = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    build_dir = tempfile.mkdtemp(prefix='vecsnn-brian2-')
    set_device('cpp_standalone', directory=build_dir, build_on_run=False)
    # after set_device: only then does the seed reach the generated C++ code (before it, each run draws anew)
    brian_seed(int(sys.argv[5]) if len(sys.argv) > 5 else 1)
    prefs.devices.cpp_standalone.openmp_threads = 0
    prefs.core.default_float_dtype = float32
    defaultclock.dt = 0.1 * ms
    n_e = int(round(0.8 * n))
    p = min(1.0, 80.0 / n)
    taum, taue, taui, vt, vr = 20 * ms, 5 * ms, 10 * ms, -50 * mV, -60 * mV
    if network == 'coba':
        el, ee, ei, drive = -60 * mV, 0 * mV, -80 * mV, 20 * mV
        eqs = '''dv/dt = (-(v - el) + ge*(ee - v) + gi*(ei - v) + drive)/taum : volt (unless refractory)
                 dge/dt = -ge/taue : 1
                 dgi/dt = -gi/taui : 1'''
        group = NeuronGroup(n, eqs, threshold='v > vt', reset='v = vr', refractory=5 * ms, method='euler')
        group.v = '-55*mV + 5*mV*randn()'
        exc, inh = 'ge += 0.6', 'gi += 6.7'
    elif network == 'cuba':
        el = -49 * mV
        eqs = '''dv/dt = (ge + gi - (v - el))/taum : volt (unless refractory)
                 dge/dt = -ge/taue : volt
                 dgi/dt = -gi/taui : volt'''
        group = NeuronGroup(n, eqs, threshold='v > vt', reset='v = vr', refractory=5 * ms, method='exact')
        group.v = 'vr + rand()*(vt - vr)'
        exc, inh = 'ge += 1.62*mV', 'gi += -9*mV'
    elif network == 'cobahh':
        area = 20000 * umetre ** 2
        cm_ = 1 * ufarad * cm ** -2 * area
        gl = 5e-5 * siemens * cm ** -2 * area
        el, ek, ena = -60 * mV, -90 * mV, 50 * mV
        g_na = 100 * msiemens * cm ** -2 * area
        g_kd = 30 * msiemens * cm ** -2 * area
        vt_hh = -63 * mV
        ee, ei = 0 * mV, -80 * mV
        eqs = '''dv/dt = (gl*(el-v) + ge*(ee-v) + gi*(ei-v) - g_na*(m*m*m)*h*(v-ena) - g_kd*(n*n*n*n)*(v-ek))/cm_ : volt
                 dm/dt = alpha_m*(1-m) - beta_m*m : 1
                 dn/dt = alpha_n*(1-n) - beta_n*n : 1
                 dh/dt = alpha_h*(1-h) - beta_h*h : 1
                 dge/dt = -ge/taue : siemens
                 dgi/dt = -gi/taui : siemens
                 alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+vt_hh)/(4*mV))/ms : Hz
                 beta_m = 0.28*(mV**-1)*5*mV/exprel((v-vt_hh-40*mV)/(5*mV))/ms : Hz
                 alpha_h = 0.128*exp((17*mV-v+vt_hh)/(18*mV))/ms : Hz
                 beta_h = 4./(1+exp((40*mV-v+vt_hh)/(5*mV)))/ms : Hz
                 alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+vt_hh)/(5*mV))/ms : Hz
                 beta_n = .5*exp((10*mV-v+vt_hh)/(40*mV))/ms : Hz'''
        group = NeuronGroup(n, eqs, threshold='v > -20*mV', refractory=3 * ms, method='exponential_euler')
        group.v = 'el + (randn()*5 - 5)*mV'
        group.ge = '(randn()*1.5 + 4)*10.*nS'
        group.gi = '(randn()*12 + 20)*10.*nS'
        exc, inh = 'ge += 6*nS', 'gi += 67*nS'
    else:
        sys.exit('network must be coba, cuba or cobahh, not ' + network)
    ce = Synapses(group, group, on_pre=exc)
    ce.connect('i < n_e', p=p)
    ci = Synapses(group, group, on_pre=inh)
    ci.connect('i >= n_e', p=p)
    spikes_e = SpikeMonitor(group[:n_e], record=False)
    spikes_i = SpikeMonitor(group[n_e:], record=False)
    run(duration_ms * ms)
    started = time.time()
    device.build(directory=build_dir, compile=True, run=True)
    build_and_first_run = time.time() - started
    times = [device._last_run_time]
    info = os.path.join(build_dir, 'results', 'last_run_info.txt')
    for _ in range(repeats - 1):
        subprocess.run([os.path.join(build_dir, 'main')], cwd=build_dir, check=True, stdout=subprocess.DEVNULL)
        with open(info) as f:
            times.append(float(f.read().split()[0]))
    bio = duration_ms / 1000.0
    print(json.dumps({
        'simulator': 'brian2 ' + __import__('brian2').__version__ + ' cpp_standalone float32 1 thread',
        'network': network, 'n': n, 'duration_ms': duration_ms,
        'synapses': int(len(ce) + len(ci)),
        'rate_e_hz': spikes_e.num_spikes / n_e / bio,
        'rate_i_hz': spikes_i.num_spikes / (n - n_e) / bio,
        'rate_hz': (spikes_e.num_spikes + spikes_i.num_spikes) / n / bio,
        'run_seconds': min(times), 'all_run_seconds': times,
        'wall_per_bio_s': min(times) / bio,
        'build_seconds': build_and_first_run - times[0]}))


if __name__ == '__main__':
    main()
