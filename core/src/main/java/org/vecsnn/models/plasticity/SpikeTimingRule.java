package org.vecsnn.models.plasticity;

import org.vecsnn.core.plasticity.PlasticityRule;

/** What every spike-timing rule here is: it changes weights, at presynaptic and at postsynaptic spikes. */
interface SpikeTimingRule extends PlasticityRule {
    @Override
    default boolean changesWeights() {
        return true;
    }

    @Override
    default boolean usesPostSpikes() {
        return true;
    }
}
