"""The benchmark networks of vecsnn (BenchmarkNetworks.java), in Brian2's C++ standalone mode.

Usage: /usr/bin/python3 benchmark.py coba|cuba N DURATION_MS [REPEATS] [SEED]

Same networks as the Java core: N_E = 0.8 N, pairs connected with p = 80/N (self-connections allowed), weights not
scaled, dt = 0.1 ms, float32, one thread. COBA ("COBA + I", as BrainPy and ANNarchy run it): LIF tau 20 ms,
V_rest -60, V_th -50, V_reset -60 mV, t_ref 5 ms, input 20 mV, V0 ~ N(-55, 5) mV, conductances tau 5/10 ms,
E 0/-80 mV, weights 0.6/6.7, method 'euler'. CUBA (Brian2's example): V_rest -49 mV, no input, V0 ~ U(-60, -50) mV,
currents 1.62/-9 mV, method 'exact'.

Time: Brian2's own run timer (device._last_run_time, then the compiled binary's results/last_run_info.txt for the
repeats), which excludes code generation and compilation. Prints one JSON line with the best of the repeats.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

from brian2 import (NeuronGroup, SpikeMonitor, Synapses, defaultclock, device, float32, mV, ms, prefs, run, second,
                    set_device, seed as brian_seed)


def main():
    network, n, duration_ms = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    brian_seed(int(sys.argv[5]) if len(sys.argv) > 5 else 1)
    build_dir = tempfile.mkdtemp(prefix='vecsnn-brian2-')
    set_device('cpp_standalone', directory=build_dir, build_on_run=False)
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
    else:
        sys.exit('network must be coba or cuba, not ' + network)
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
