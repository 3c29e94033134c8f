package org.vecsnn.core.neuron;

/**
 * A neuron model's step, bound to one population's arrays (see {@link NeuronModel#bind}): integrate neurons
 * {@code [from, to)} over step {@code step}, spike, reset, and clear their input (and conductance). Ranges start
 * and end on multiples of {@link org.vecsnn.core.simd.Kernels#PAD}; ranges of one step are disjoint and may run on
 * different threads, so a kernel touches only the state of its range.
 */
@FunctionalInterface
public interface NeuronKernel {
    /**
     * @param spikes receives the indices of the neurons that spiked (below the population's size), ascending, from
     *     {@code count} on
     * @return the new number of entries in {@code spikes}
     */
    int step(long step, int from, int to, int[] spikes, int count);
}
