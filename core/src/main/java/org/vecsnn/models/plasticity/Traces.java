package org.vecsnn.models.plasticity;

import org.vecsnn.core.plasticity.PlasticSynapses;
import org.vecsnn.core.simd.Lanes;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateStore;
import org.vecsnn.core.state.StateVariable;

/**
 * The spike traces of one side of a projection (its presynaptic or its postsynaptic neurons), stepped in SIMD lanes
 * once per step ({@link Lanes#decay}: {@code x −= x·(1 − e^(−dt/τ))} in one fused multiply-add, so the rounding of
 * the factor does not compound), so that a rule reads each trace as one load. At a spike every trace of the neuron
 * jumps by 1 ({@link Pairing#ALL_TO_ALL}) or is reset to 1 ({@link Pairing#NEAREST}).
 */
final class Traces {
    private final float[][] values;
    private final float[] decrements;
    private final boolean nearest;
    private final Lanes lanes;

    /** The declared state of one side: a float per trace, 0 before any spike. */
    static StateSpec spec(String... names) {
        StateVariable[] variables = new StateVariable[names.length];
        for (int k = 0; k < names.length; k++) {
            variables[k] = StateVariable.real(names[k], "1", 0);
        }
        return StateSpec.of(variables);
    }

    /**
     * The traces {@code names} of one side of {@code synapses} ({@code pre}: its presynaptic state, else its
     * postsynaptic), with time constants {@code taus} (ms), at time step dt (ms).
     */
    Traces(PlasticSynapses synapses, boolean pre, String[] names, double[] taus, double dt, Pairing pairing) {
        StateStore store = pre ? synapses.presynapticState() : synapses.postsynapticState();
        values = new float[names.length][];
        decrements = new float[names.length];
        for (int k = 0; k < names.length; k++) {
            values[k] = store.floats(names[k]);
            decrements[k] = Lanes.decrement(dt, taus[k]);
        }
        nearest = pairing == Pairing.NEAREST;
        lanes = synapses.lanes();
    }

    /** Trace {@code trace} of {@code neuron} in the step being run, before any spike of that step. */
    double at(int trace, int neuron) {
        return values[trace][neuron];
    }

    /** A spike of {@code neuron}: each of its traces jumps. */
    void spike(int neuron) {
        for (float[] x : values) {
            x[neuron] = nearest ? 1 : x[neuron] + 1;
        }
    }

    /** The end of a step: every trace decays by one step. */
    void advance() {
        for (int k = 0; k < values.length; k++) {
            lanes.decay(values[k], decrements[k], 0, values[k].length);
        }
    }
}
