package org.vecsnn.models.plasticity;

import org.vecsnn.core.plasticity.PlasticityRule;
import org.vecsnn.core.state.StateSpec;

/**
 * What every spike-timing rule here is: it changes weights, at presynaptic and at postsynaptic spikes, from one trace
 * per side by default ({@code x_pre}, {@code x_post}, each with the step of its last update).
 */
interface SpikeTimingRule extends PlasticityRule {
    @Override
    default StateSpec presynapticState() {
        return Traces.spec("t_pre", "x_pre");
    }

    @Override
    default StateSpec postsynapticState() {
        return Traces.spec("t_post", "x_post");
    }

    @Override
    default boolean changesWeights() {
        return true;
    }

    @Override
    default boolean usesPostSpikes() {
        return true;
    }
}
