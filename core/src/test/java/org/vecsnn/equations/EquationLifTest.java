package org.vecsnn.equations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.models.neuron.Lif;

/**
 * COBA's neuron from equations against the built-in {@link Lif} in a network. The two do not round alike — Lif steps
 * {@code V += a·((V_rest − V) + R·I)} with the rounding error carried to the next step (compensated), the equations
 * step Brian2's {@code (v + B/A)·e^(A·dt) − B/A} (exponential Euler) or {@code P·v + Q·b} (exact) in plain float — so
 * V differs in the last digits.
 */
class EquationLifTest {
    private static final double DT = 0.1;

    private static EquationModel equations(String method) {
        return EquationModel.builder("""
                dv/dt = (El - v + R*I)/taum : volt (unless refractory)
                I : amp
                """).constant("El", "-60*mV").constant("R", "1*Gohm").constant("taum", "20*ms").input("I")
                .threshold("v >= -50*mV").reset("v = -60*mV").refractory("5*ms").initial("v", "-60*mV")
                .method(method).build();
    }

    private static Network network(NeuronModel model, SpikeMonitor[] out) {
        Network net = new Network(DT, KernelProvider.get());
        NeuronPopulation cells = net.addNeurons("cells", 300, model);
        cells.set("V", i -> -60 + 0.033 * i);
        net.addCurrent(TimedCurrent.of(cells.all(), t -> 12 + 2 * Math.sin(t / 7)));
        out[0] = net.addMonitor(new SpikeMonitor(cells));
        net.runSteps(3000, ProgressListener.SILENT);
        return net;
    }

    /** Exponential Euler: the same spikes, V within 1e-4 mV after 300 ms. */
    @Test
    void theEquationLifWithExponentialEulerSpikesAsTheBuiltInLif() {
        SpikeMonitor[] builtIn = new SpikeMonitor[1];
        SpikeMonitor[] fromEquations = new SpikeMonitor[1];
        Network a = network(new Lif(-60, -60, -50, 20, 1, 5, Integrator.EXPONENTIAL_EULER), builtIn);
        Network b = network(equations("exponential_euler"), fromEquations);
        assertTrue(builtIn[0].count() > 1500, "enough spikes to compare: " + builtIn[0].count());
        assertArrayEquals(builtIn[0].steps(), fromEquations[0].steps());
        assertArrayEquals(builtIn[0].units(), fromEquations[0].units());
        float[] va = ((NeuronPopulation) a.populations().getFirst()).v();
        float[] vb = ((NeuronPopulation) b.populations().getFirst()).v();
        for (int i = 0; i < 300; i++) {
            assertEquals(va[i], vb[i], 1e-4, "V of neuron " + i + " after 300 ms");
        }
    }

    /**
     * Exact ({@code v + ((P − 1)·v + Q·b)} in float, without Lif's carried rounding error): V drifts from the
     * built-in's by rounding (a random walk of about 4e-6 mV a step), enough to move a slow threshold crossing by a
     * step now and then; every neuron spikes as often, each spike within one step of the built-in's.
     */
    @Test
    void theEquationLifWithExactSpikesWithinAStepOfTheBuiltInLif() {
        SpikeMonitor[] builtIn = new SpikeMonitor[1];
        SpikeMonitor[] fromEquations = new SpikeMonitor[1];
        network(new Lif(-60, -60, -50, 20, 1, 5, Integrator.EXACT), builtIn);
        network(equations("exact"), fromEquations);
        int shifted = 0;
        for (int i = 0; i < 300; i++) {
            double[] ta = builtIn[0].timesOf(i);
            double[] tb = fromEquations[0].timesOf(i);
            assertEquals(ta.length, tb.length, "spikes of neuron " + i);
            for (int k = 0; k < ta.length; k++) {
                assertEquals(ta[k], tb[k], DT * 1.001, "spike " + k + " of neuron " + i);
                shifted += ta[k] != tb[k] ? 1 : 0;
            }
        }
        System.out.printf("exact LIF: %d of %d spikes a step off the built-in's%n", shifted, builtIn[0].count());
        assertTrue(shifted < builtIn[0].count() / 100, shifted + " of " + builtIn[0].count() + " spikes a step off");
    }

    @Test
    void aModelBuiltTwiceCompilesOnce() {
        EquationModel first = EquationModel.builder("dv/dt = (-70*mV - v)/(12*ms) : volt").threshold("v > 0*mV")
                .build();
        EquationModel second = EquationModel.builder("dv/dt = (-70*mV - v)/(12*ms) : volt").threshold("v > 0*mV")
                .build();
        assertTrue(second.fromCache(), "the second build reuses the first's classes");
        assertEquals(first.compileSeconds(), second.compileSeconds());
        assertEquals(first.plainSource(), second.plainSource());
        System.out.printf("compile time of a first model: %.3f s%n", first.compileSeconds());
    }

    /** External constants are read at bind time: a model with other values reuses the compiled kernels. */
    @Test
    void otherValuesOfTheConstantsCompileOnceAndStepWithTheirOwnValues() {
        EquationModel fast = EquationModel.builder("dv/dt = (El - v)/tau : volt").constant("El", "-70*mV")
                .constant("tau", "5*ms").build();
        EquationModel slow = EquationModel.builder("dv/dt = (El - v)/tau : volt").constant("El", "-50*mV")
                .constant("tau", "20*ms").build();
        assertTrue(slow.fromCache(), "the same source, other values");
        for (EquationModel m : new EquationModel[] {fast, slow}) {
            double el = m == fast ? -70 : -50;
            double tau = m == fast ? 5 : 20;
            org.vecsnn.core.state.StateStore store = new org.vecsnn.core.state.StateStore("v", "neuron", 1,
                    org.vecsnn.core.state.StateSpec.of(org.vecsnn.core.state.StateVariable.real("V", "mV", 0),
                            org.vecsnn.core.state.StateVariable.real("input", "pA", 0),
                            org.vecsnn.core.state.StateVariable.integer("refractory", "steps", 0)));
            m.bind(new org.vecsnn.core.testing.StoreNeuronState(m, KernelProvider.plain(), store, 1), DT, 0)
                    .step(0, 0, 16, new int[16], 0);
            // one exact step from 0: El·(1 − e^(−dt/τ))
            assertEquals(el * -Math.expm1(-DT / tau), store.floats("V")[0], 1e-5, "tau = " + tau);
        }
    }
}
