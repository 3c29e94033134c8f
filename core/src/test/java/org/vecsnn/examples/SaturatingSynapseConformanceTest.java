package org.vecsnn.examples;

import java.util.Random;
import org.vecsnn.core.simd.Lanes;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateStore;
import org.vecsnn.core.state.StateVariable;
import org.vecsnn.core.testing.TwinConformance;

/** The saturating synapse's step after its output, plain against vector, through the conformance base. */
class SaturatingSynapseConformanceTest extends TwinConformance {
    @Override
    protected StateSpec state() {
        return StateSpec.of(StateVariable.real("x", "weight", 0), StateVariable.real("s", "1", 0),
                StateVariable.real("g", "nS", 0));
    }

    @Override
    protected float sample(String name, Random random) {
        return "x".equals(name) ? 3 * random.nextFloat() : random.nextFloat();
    }

    @Override
    protected int step(Lanes lanes, StateStore s, int from, int to, int size, int[] spikes) {
        SaturatingSynapse.advance(lanes, s.floats("x"), s.floats("s"), s.floats("g"), 0.8f, 0.05f, 0.1f,
                0.0198f, 2f, from, to);
        return 0;
    }
}
