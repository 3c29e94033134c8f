package org.vecsnn.models.plasticity;

import org.vecsnn.core.plasticity.PlasticityRule;
import org.vecsnn.core.state.StateSpec;

/**
 * What every spike-timing rule here is: it changes weights, at presynaptic and at postsynaptic spikes, from one trace
 * per side by default ({@code x_pre}, {@code x_post}), and steps its traces once per step.
 */
interface SpikeTimingRule extends PlasticityRule {
    @Override
    default StateSpec presynapticState() {
        return Traces.spec("x_pre");
    }

    @Override
    default StateSpec postsynapticState() {
        return Traces.spec("x_post");
    }

    @Override
    default boolean changesWeights() {
        return true;
    }

    @Override
    default boolean usesPostSpikes() {
        return true;
    }

    @Override
    default boolean usesSteps() {
        return true;
    }
}
