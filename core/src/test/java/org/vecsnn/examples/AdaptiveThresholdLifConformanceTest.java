package org.vecsnn.examples;

import java.util.Random;
import org.vecsnn.core.simd.Lanes;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateStore;
import org.vecsnn.core.state.StateVariable;
import org.vecsnn.core.testing.StoreNeuronState;
import org.vecsnn.core.testing.TwinConformance;

/** The adaptive-threshold neuron's own kernel, plain against vector, through the conformance base. */
class AdaptiveThresholdLifConformanceTest extends TwinConformance {
    private static final AdaptiveThresholdLif MODEL = new AdaptiveThresholdLif(-70, -75, -50, 10, 1, 30, 5, 0.3);

    @Override
    protected StateSpec state() {
        return StateSpec.of(StateVariable.real("V", "mV", 0), StateVariable.real("input", "mV", 0))
                .and(MODEL.state()).and(StateSpec.of(StateVariable.integer("refractory", "steps", 0)));
    }

    @Override
    protected float sample(String name, Random random) {
        return switch (name) {
            case "V" -> -72 + 25 * random.nextFloat();
            case "input" -> 40 * random.nextFloat();
            default -> -55 + 10 * random.nextFloat();
        };
    }

    @Override
    protected int step(Lanes lanes, StateStore state, int from, int to, int size, int[] spikes) {
        return MODEL.bind(new StoreNeuronState(MODEL, lanes, state, size), 0.1, 3).step(0, from, to, spikes, 0);
    }
}
