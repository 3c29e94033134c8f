package org.vecsnn.core.plasticity;

import org.vecsnn.core.state.StateSpec;

/**
 * A plasticity rule on one projection's synapses (short-term plasticity, STDP, or one of your own). It declares its
 * state per synapse, per presynaptic and per postsynaptic neuron (traces); the engine allocates, records,
 * watches and checkpoints it like any other state. Its kernel is called back, on one thread, at each presynaptic
 * spike before it is delivered, at each postsynaptic spike, and once per step (see {@link PlasticityKernel}).
 */
public interface PlasticityRule {
    /** State per synapse (CSR order), for example an eligibility trace. */
    default StateSpec synapseState() {
        return StateSpec.of();
    }

    /** State per presynaptic neuron of the projection's source range (a presynaptic trace, STP's u and x). */
    default StateSpec presynapticState() {
        return StateSpec.of();
    }

    /** State per postsynaptic neuron of the projection's target range (a postsynaptic trace). */
    default StateSpec postsynapticState() {
        return StateSpec.of();
    }

    /**
     * Whether the rule changes weights: the projection then keeps one weight per synapse as state (recorded by
     * name {@code "w"} and saved in checkpoints) instead of a fixed value.
     */
    default boolean changesWeights() {
        return false;
    }

    /** Whether {@link PlasticityKernel#postSpike} is to be called (the column index is then built). */
    default boolean usesPostSpikes() {
        return false;
    }

    /** Whether {@link PlasticityKernel#afterStep} is to be called. */
    default boolean usesSteps() {
        return false;
    }

    /** The rule's callbacks, bound to one projection's synapses at time step {@code dt} (ms). */
    PlasticityKernel bind(PlasticSynapses synapses, double dt);

    /**
     * This rule with spikes meeting at the synapse as NEST's axonal and dendritic delays make them meet: a
     * presynaptic spike of step m reaches the synapse at m + axonal, a postsynaptic spike of step n at n +
     * dendritic (see {@link DelayedMeeting}). For a rule that learns only: delivery does not wait for the rule.
     */
    default PlasticityRule withDelays(double axonalMs, double dendriticMs) {
        return new DelayedMeeting(this, axonalMs, dendriticMs);
    }
}
