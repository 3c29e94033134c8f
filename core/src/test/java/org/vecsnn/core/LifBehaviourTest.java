package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.models.neuron.Lif;

/** Threshold, reset, refractory counting and input clearing, on hand-derived values. */
class LifBehaviourTest {
    @Test
    void refractoryHoldsVForTRefCountingTheSpikeStep() {
        Network net = new Network(0.1, KernelProvider.get());
        // t_ref = 0.5 ms = 5 steps: spike in step m, V held in steps m+1 … m+4, integrating again in step m+5
        NeuronPopulation p = net.addNeurons("p", 1, new Lif(0, -5, 20, 10, 1, 0.5, Integrator.EXPONENTIAL_EULER));
        int spikeStep = -1;
        for (int n = 0; n < 400 && spikeStep < 0; n++) {
            p.input()[0] = 50;
            net.step();
            if (p.spikeCount() == 1) {
                spikeStep = n;
            }
        }
        assertTrue(spikeStep > 0, "the neuron must spike");
        assertEquals(-5f, p.v()[0]);
        for (int n = spikeStep + 1; n <= spikeStep + 4; n++) {
            p.input()[0] = 50;
            net.step();
            assertEquals(-5f, p.v()[0], "V held in step " + n);
            assertEquals(0, p.spikeCount());
        }
        p.input()[0] = 50;
        net.step();
        // exponential Euler from V = −5 with R·I = 50 over 0.1 ms: −5 + (1 − e^(−0.01))·55
        assertEquals(-5 + (1 - Math.exp(-0.01)) * 55, p.v()[0], 1e-5);
    }

    @Test
    void thresholdIsInclusiveAndZeroRefractoryAllowsSpikesInConsecutiveSteps() {
        Network net = new Network(0.1, KernelProvider.get());
        // Euler with dt = τ: V_{n+1} = V_rest + R·I exactly
        NeuronPopulation p = net.addNeurons("p", 2, new Lif(0, -5, 20, 0.1, 1, 0, Integrator.EULER));
        for (int n = 0; n < 3; n++) {
            p.input()[0] = 20f;
            p.input()[1] = 19.999f;
            net.step();
            assertEquals(1, p.spikeCount(), "step " + n);
            assertEquals(0, p.spikes()[0]);
        }
    }

    @Test
    void inputIsClearedAfterEveryStep() {
        Network net = new Network(0.1, KernelProvider.get());
        NeuronPopulation p = net.addNeurons("p", 3, new Lif(0, -5, 20, 10, 1, 0, Integrator.EULER));
        p.input()[1] = 10;
        net.step();
        assertEquals(0.1 / 10 * 10, p.v()[1], 1e-6); // one Euler step of R·I = 10
        assertEquals(0f, p.input()[1]);
        float after = p.v()[1];
        net.step();
        assertEquals(after * (1 - 0.01), p.v()[1], 1e-6); // pure leak: the input did not persist
        assertEquals(0f, p.v()[0]);
    }

    @Test
    void refractoryPeriodsThatAreNotWholeStepsAreRefusedAtTheFirstStep() {
        Network net = new Network(0.1, KernelProvider.get());
        net.addNeurons("p", 3, new Lif(0, -5, 20, 10, 1, 0.25, Integrator.EULER));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, net::step);
        assertTrue(e.getMessage().contains("tRef") && e.getMessage().contains("0.25"), e.getMessage());
        assertEquals(0, net.stepIndex());
    }

    @Test
    void integratorsUseTheirOwnCoefficient() {
        for (Integrator method : Integrator.values()) {
            Network net = new Network(0.1, KernelProvider.get());
            NeuronPopulation p = net.addNeurons("p", 1, new Lif(-60, -70, -50, 20, 2, 0, method));
            p.input()[0] = 5;
            net.step();
            double a = method == Integrator.EULER ? 0.1 / 20 : 1 - Math.exp(-0.1 / 20);
            assertEquals(-60 + a * 10, p.v()[0], 1e-5, method.name());
            assertNotEquals(-60f, p.v()[0]);
        }
    }
}
