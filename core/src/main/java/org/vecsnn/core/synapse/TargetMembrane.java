package org.vecsnn.core.synapse;

import org.vecsnn.core.neuron.NeuronModel;

/**
 * What a synapse and its output see of the neurons they act on: V, the input current and conductance of the step,
 * the refractory counters and the model, as arrays padded to {@link org.vecsnn.core.simd.Kernels#PAD}, live.
 */
public interface TargetMembrane {
    /** Membrane potentials (mV) at the step's start, while synapses act. */
    float[] v();

    /** The step's input current, to which outputs add (asking for it marks the population as taking input). */
    float[] input();

    /**
     * The step's conductance for a model that integrates it ({@link NeuronModel#integratesConductances()}), else null.
     */
    float[] conductance();

    int[] refractory();

    NeuronModel model();

    int size();

    int paddedSize();
}
