package org.vecsnn.core.neuron;

import org.vecsnn.core.simd.Kernels;

/** One prepared step of a neuron model over neurons {@code [from, to)}: integrate, spike, reset, clear the input. */
@FunctionalInterface
public interface Membrane {
    /**
     * @param variables the model's state arrays besides V, in the order of {@link NeuronModel#variables()}
     * @param conductance the synaptic conductance of the step, for models that {@link
     *     NeuronModel#integratesConductances() integrate it}; else null
     * @param size neurons at or above this index are padding and never reported
     * @param spikes receives the indices of the neurons that spiked, in ascending order, from {@code count} on
     * @return the new number of entries in {@code spikes}
     */
    int step(Kernels kernels, float[] v, float[][] variables, float[] input, float[] conductance, int[] refractory,
             int from, int to, int size, int[] spikes, int count);
}
