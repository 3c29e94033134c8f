package org.vecsnn.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.vecsnn.core.Network;
import org.vecsnn.core.monitor.Monitor;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.models.neuron.HodgkinHuxley;

/**
 * The squid HH model against RK4 in double precision at 0.005 ms, written from the 1952 equations
 * ({@link NeuronReferences#squid}): resting potential, rheobase, f–I curve, and the first action potential's peak
 * and width. The simulator runs with RK4 and with its default exponential Euler at dt = 0.01 ms.
 */
class HodgkinHuxleyTest {
    private static final double REF_STEP = 0.005;

    /** The reference from rest at −65 mV under a constant current: V sampled every {@code sample} ms. */
    private static double[] reference(double current, double durationMs, double sample) {
        double[] gates = NeuronReferences.squidGatesAtRest(-65);
        double[] y = {-65, gates[0], gates[1], gates[2]};
        int n = (int) Math.round(durationMs / sample);
        double[] v = new double[n + 1];
        v[0] = y[0];
        OdeReference.System f = NeuronReferences.squid(current);
        for (int k = 1; k <= n; k++) {
            OdeReference.integrate(f, y, false, sample, REF_STEP);
            v[k] = y[0];
        }
        return v;
    }

    /** Times (ms) of upward crossings of 20 mV in a sampled trace, interpolated linearly. */
    private static double[] crossings(double[] v, double sample) {
        return java.util.stream.IntStream.range(1, v.length).filter(k -> v[k - 1] < 20 && v[k] >= 20)
                .mapToDouble(k -> (k - 1 + (20 - v[k - 1]) / (v[k] - v[k - 1])) * sample).toArray();
    }

    /**
     * Neurons at rest at −65 mV, neuron i under {@code currents[i]}, run for {@code durationMs} with the monitor
     * made by {@code monitor}.
     */
    private static <M extends Monitor> M simulate(Integrator method, double dt, double[] currents, double durationMs,
                                                  Function<NeuronPopulation, M> monitor) {
        Network net = new Network(dt, KernelProvider.get());
        NeuronPopulation p = net.addNeurons("hh", currents.length, HodgkinHuxley.squid().withMethod(method));
        M m = net.addMonitor(monitor.apply(p));
        long steps = Math.round(durationMs / dt);
        for (long s = 0; s < steps; s++) {
            for (int i = 0; i < currents.length; i++) {
                p.input()[i] += (float) currents[i];
            }
            net.step();
        }
        return m;
    }

    @Test
    void restingPotentialMatchesTheReference() {
        // BrainPy's g_L = 0.03 mS/cm² (the 1952 paper's is 0.3) moves the rest below -65 mV, where V starts
        double[] ref = reference(0, 300, 100);
        assertEquals(ref[2], ref[3], 1e-3, "the reference has settled by 200 ms");
        assertTrue(ref[3] < -66 && ref[3] > -75, "rest below -65 mV: " + ref[3]);
        for (Integrator method : new Integrator[] {Integrator.EXPONENTIAL_EULER, Integrator.RK4}) {
            StateMonitor v = simulate(method, 0.01, new double[] {0}, 300.01,
                    p -> new StateMonitor(p, "V", new int[] {0}, 100));
            assertEquals(ref[3], v.trace(0)[3], 0.01, method + ": V at rest (300 ms without input)");
        }
    }

    /** The smallest current (on a 0.05 grid) that gives at least 5 spikes in 200 ms from rest. */
    @Test
    void rheobaseMatchesTheReference() {
        double lo = 0;
        double hi = 20;
        while (hi - lo > 0.01) {
            double mid = (lo + hi) / 2;
            if (crossings(reference(mid, 200, 0.01), 0.01).length >= 5) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        double referenceRheobase = hi;
        double[] currents = new double[200];
        for (int i = 0; i < currents.length; i++) {
            currents[i] = 0.05 * (i + 1);
        }
        for (Integrator method : new Integrator[] {Integrator.EXPONENTIAL_EULER, Integrator.RK4}) {
            SpikeMonitor spikes = simulate(method, 0.01, currents, 200, SpikeMonitor::new);
            double simulated = Double.NaN;
            for (int i = 0; i < currents.length; i++) {
                if (spikes.timesOf(i).length >= 5) {
                    simulated = currents[i];
                    break;
                }
            }
            assertEquals(referenceRheobase, simulated, 0.1, method + ": rheobase (uA/cm2)");
        }
    }

    @Test
    void firingRatesMatchTheReference() {
        double[] currents = {8, 12, 20, 30};
        for (Integrator method : new Integrator[] {Integrator.EXPONENTIAL_EULER, Integrator.RK4}) {
            SpikeMonitor spikes = simulate(method, 0.01, currents, 500, SpikeMonitor::new);
            for (int i = 0; i < currents.length; i++) {
                double[] ref = crossings(reference(currents[i], 500, 0.01), 0.01);
                double refRate = rateAfter(ref, 100, 500);
                double rate = rateAfter(spikes.timesOf(i), 100, 500);
                assertEquals(refRate, rate, (method == Integrator.RK4 ? 0.005 : 0.02) * refRate,
                        method + ": rate at I = " + currents[i]);
            }
        }
    }

    /** The rate (Hz) from the mean interspike interval of the spikes in {@code [from, to)}. */
    private static double rateAfter(double[] times, double from, double to) {
        double[] t = java.util.Arrays.stream(times).filter(x -> x >= from && x < to).toArray();
        return 1000 * (t.length - 1) / (t[t.length - 1] - t[0]);
    }

    @Test
    void actionPotentialPeakAndWidthMatchTheReference() {
        double dt = 0.01;
        double[] ref = reference(10, 20, dt);
        double refPeak = java.util.Arrays.stream(ref).max().orElseThrow();
        double refWidth = widthAboveZero(ref, dt);
        assertTrue(refPeak > 30 && refWidth > 0.5 && refWidth < 2, "the reference fires a normal action potential");
        for (Integrator method : new Integrator[] {Integrator.EXPONENTIAL_EULER, Integrator.RK4}) {
            float[] trace = simulate(method, dt, new double[] {10}, 20,
                    p -> new StateMonitor(p, "V", new int[] {0}, dt)).trace(0);
            double[] v = new double[trace.length];
            for (int k = 0; k < v.length; k++) {
                v[k] = trace[k];
            }
            double peak = java.util.Arrays.stream(v).max().orElseThrow();
            boolean rk4 = method == Integrator.RK4;
            assertEquals(refPeak, peak, rk4 ? 0.05 : 0.5, method + ": peak (mV)");
            assertEquals(refWidth, widthAboveZero(v, dt), rk4 ? 0.01 : 0.05, method + ": width above 0 mV (ms)");
        }
    }

    /** The time the first action potential spends above 0 mV, interpolated at both crossings. */
    private static double widthAboveZero(double[] v, double dt) {
        int up = 1;
        while (!(v[up - 1] < 0 && v[up] >= 0)) {
            up++;
        }
        int down = up + 1;
        while (!(v[down - 1] >= 0 && v[down] < 0)) {
            down++;
        }
        double tUp = (up - 1 + -v[up - 1] / (v[up] - v[up - 1])) * dt;
        double tDown = (down - 1 + v[down - 1] / (v[down - 1] - v[down])) * dt;
        return tDown - tUp;
    }
}
