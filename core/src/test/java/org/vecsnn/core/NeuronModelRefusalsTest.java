package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.PlainKernels;
import org.vecsnn.models.neuron.AdEx;
import org.vecsnn.models.neuron.ExpIf;
import org.vecsnn.models.neuron.HodgkinHuxley;
import org.vecsnn.models.neuron.Izhikevich;
import org.vecsnn.models.neuron.Qif;
import org.vecsnn.models.neuron.RateFunction;
import org.vecsnn.models.synapse.ExponentialReceptor;

/** Bad neuron-model parameters are refused with the parameter, its value and what is allowed. */
class NeuronModelRefusalsTest {
    private static String message(Executable bad) {
        return assertThrows(IllegalArgumentException.class, bad).getMessage();
    }

    @Test
    void badParametersAreNamed() {
        assertEquals("HH method = EXACT: must be one of EULER, EXPONENTIAL_EULER, RK4",
                message(() -> HodgkinHuxley.squid().withMethod(Integrator.EXACT)));
        assertEquals("HH tRef (ms) = -1.0: must be a finite number >= 0",
                message(() -> HodgkinHuxley.squid().withTRef(-1)));
        assertEquals("rate function s (mV) = 0.0: must be a finite number other than 0",
                message(() -> RateFunction.linear(1, -40, 0)));
        assertEquals("AdEx vReset = -40.0 mV: must be below vTh = -45.0 mV",
                message(() -> AdEx.fromConductances(200, 10, -70, -50, 2, 2, 30, 0, -40, -45, Integrator.RK4)));
        assertEquals("AdEx tauW (ms) = 0.0: must be a finite number > 0 within float range (1.4E-45 to 3.4028235E38)",
                message(() -> new AdEx(-65, -68, -30, -59.9, 3.48, 1, 1, 10, 0, 1, 0, Integrator.EULER)));
        assertEquals("ExpIF deltaT (mV) = NaN: must be a finite number > 0 within float range (1.4E-45 to 3.4028235E38)",
                message(() -> new ExpIf(-65, -68, -30, -59.9, Double.NaN, 10, 1, 0, Integrator.EULER)));
        assertEquals("Izhikevich method = null: must be one of EULER, EXPONENTIAL_EULER, RK4",
                message(() -> Izhikevich.defaults().withMethod(null)));
        assertEquals("QIF vC = -70.0 mV: must be above vRest = -65.0 mV",
                message(() -> new Qif(-65, -68, -30, -70, 0.07, 10, 1, 0, Integrator.EULER)));
    }

    @Test
    void aRefractoryPeriodOffTheGridIsRefusedAtPrepareAndTheNetworkStillRuns() {
        Network net = new Network(0.1, new PlainKernels());
        NeuronPopulation p = net.addNeurons("hh", 4, HodgkinHuxley.traubMiles().withTRef(0.25));
        String m = message(net::prepare);
        assertTrue(m.startsWith("tRef of population 'hh' = 0.25"), m);
        assertEquals(4, p.size());
    }

    @Test
    void modelVariablesAreStateAndTheirNamesAreReserved() {
        Network net = new Network(0.1, new PlainKernels());
        NeuronPopulation p = net.addNeurons("hh", 3, HodgkinHuxley.squid());
        assertEquals(3, p.state("m").length > 0 ? 3 : 0);
        String m = message(() -> new ExponentialReceptor(p, "n", 5, org.vecsnn.core.synapse.SynapticOutput.current()));
        assertTrue(m.contains("must be a non-blank string without '.' other than [V, m, h, n, input, conductance,"
                + " refractory]"), m);
        m = message(() -> p.state("w"));
        assertTrue(m.contains("must be one of [V, m, h, n, input, conductance]"), m);
    }
}
