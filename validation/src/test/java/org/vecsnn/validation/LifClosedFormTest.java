package org.vecsnn.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.models.neuron.Lif;

/** A single LIF neuron against the closed forms of its trajectory and firing period. */
class LifClosedFormTest {
    private static final double DT = 0.1;

    /**
     * The interspike interval under constant input equals the closed-form period (refractory included) to within
     * one step for exponential Euler and exact integration (both exact for constant input). Euler gets one step
     * plus its own first-order error in the climbing time, computed from the closed form of its recurrence.
     */
    @ParameterizedTest(name = "{0}: R·I = {1}, t_ref = {2} ms, τ = {3} ms")
    @CsvSource({"EXPONENTIAL_EULER,25,1,10", "EXPONENTIAL_EULER,21,5,20", "EXPONENTIAL_EULER,100,0,10",
            "EXACT,25,1,10", "EXACT,40,2,5", "EULER,25,1,10", "EULER,60,5,20"})
    void periodMatchesTheClosedForm(Integrator method, double current, double tRef, double tau) {
        Lif lif = new Lif(0, -5, 20, tau, 1, tRef, method);
        Network net = new Network(DT, KernelProvider.get());
        NeuronPopulation p = net.addNeurons("lif", 1, lif);
        net.addCurrent(TimedCurrent.constant(p.all(), current));
        SpikeMonitor spikes = net.addMonitor(new SpikeMonitor(p));
        net.run(500, ProgressListener.SILENT);
        double expected = Analytic.lifPeriod(0, -5, 20, tau, 1, tRef, current);
        double climb = expected - tRef;
        double bound = DT;
        if (method == Integrator.EULER) {
            // Euler's recurrence climbs in τ·ln(ratio)·h/(−ln(1 − h)), h = dt/τ: shorter by about climb·h/2
            double h = DT / tau;
            double eulerClimb = climb * h / -Math.log1p(-h);
            bound += climb - eulerClimb;
            assertTrue(bound < 2 * DT, "the Euler cases are chosen to stay within two steps");
        }
        double[] t = spikes.times();
        assertTrue(t.length >= 5, "at least 5 spikes, got " + t.length);
        for (int k = 2; k < t.length; k++) {
            assertEquals(expected, t[k] - t[k - 1], bound, "interval " + k);
        }
    }

    /**
     * V under a step of input, sampled every step: exact methods within float rounding, Euler on its own closed form.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Integrator.class)
    void trajectoryUnderAStepInput(Integrator method) {
        double tau = 8;
        double onset = 3;
        double amplitude = 15;
        Network net = new Network(DT, KernelProvider.get());
        NeuronPopulation p = net.addNeurons("lif", 1, new Lif(-65, -70, 0, tau, 2, 0, method));
        net.addCurrent(TimedCurrent.of(p.all(), t -> t >= onset - 1e-9 ? amplitude : 0));
        StateMonitor v = net.addMonitor(new StateMonitor(p, "V", new int[] {0}, DT));
        net.run(60, ProgressListener.SILENT);
        double[] t = v.times();
        float[] trace = v.trace(0);
        double vInf = -65 + 2 * amplitude;
        double worst = 0;
        for (int k = 0; k < t.length; k++) {
            double expected;
            if (t[k] <= onset) {
                expected = -65;
            } else if (method == Integrator.EULER) { // V_n = V_∞ + (V_0 − V_∞)(1 − dt/τ)^n
                expected = vInf + (-65 - vInf) * Math.pow(1 - DT / tau, Math.round((t[k] - onset) / DT));
            } else {
                expected = Analytic.lifRelaxation(-65, vInf, tau, t[k] - onset);
            }
            worst = Math.max(worst, Math.abs(trace[k] - expected));
        }
        // float32 V near −50 mV has a spacing of 3.8e-6 mV; 600 rounded steps stay well inside 1e-4 mV
        assertTrue(worst < 1e-4, "max |V − closed form| = " + worst + " mV");
    }
}
