package org.vecsnn.core.input;

import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;

/** An external current added to a population's input at the start of every step. */
public interface CurrentInput {
    NeuronPopulation target();

    /** Engine hook: called once before the first step. */
    default void prepare(TimeGrid grid) {}

    /** Engine hook: add this step's current to {@code target().input()}. */
    void apply(long step, TimeGrid grid, Kernels kernels);
}
