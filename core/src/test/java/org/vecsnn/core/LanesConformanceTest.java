package org.vecsnn.core;

import java.util.Random;
import org.vecsnn.core.simd.Lanes;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateStore;
import org.vecsnn.core.state.StateVariable;
import org.vecsnn.core.testing.TwinConformance;

/** The building blocks a composed neuron uses, in one step: integrate the free neurons, fire, clear the input. */
class LanesConformanceTest extends TwinConformance {
    @Override
    protected StateSpec state() {
        return StateSpec.of(StateVariable.real("V", "mV", 0), StateVariable.real("I", "mV", 0),
                StateVariable.real("theta", "mV", 0), StateVariable.real("g", "1", 0),
                StateVariable.integer("refractory", "steps", 0));
    }

    @Override
    protected float sample(String name, Random random) {
        return switch (name) {
            case "V" -> -70 + 30 * random.nextFloat();
            case "theta" -> -55 + 10 * random.nextFloat();
            case "g" -> random.nextFloat();
            default -> 30 * random.nextFloat() - 5;
        };
    }

    @Override
    protected int step(Lanes lanes, StateStore s, int from, int to, int size, int[] spikes) {
        float[] v = s.floats("V");
        lanes.integrate(v, s.floats("I"), s.ints("refractory"), 0.05f, 0.05f, -3.25f, from, to);
        lanes.axpy(s.floats("g"), 0.3f, s.floats("theta"), from, to);
        int n = lanes.fire(v, s.floats("theta"), -65f, s.ints("refractory"), 2, size, from, to, spikes, 0);
        lanes.fill(s.floats("I"), 0f, from, to);
        return n;
    }
}
