package org.vecsnn.core.input;

import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;

/** An external current added to a population's input at the start of every step. */
public interface CurrentInput {
    NeuronPopulation target();

    /**
     * What shapes this input's current (kind, target range, parameters), compared when a checkpoint is loaded; an
     * input that cannot say (a function of time) names only its kind.
     */
    default String description() {
        return getClass().getSimpleName() + " into " + target().name();
    }

    /** Engine hook: called once before the first step. */
    default void prepare(TimeGrid grid) {}

    /**
     * Engine hook: add this step's current to {@code target().input()} for neurons {@code [from, to)} of the target
     * (multiples of {@link Kernels#PAD}, or its padded size). Ranges of one step are disjoint and may run on
     * different threads.
     */
    void apply(long step, TimeGrid grid, Kernels kernels, int from, int to);

    /**
     * The amplitude of a constant current into the whole population, which the population may take into its
     * membrane step as a bias (saving a pass over its input every step); NaN for any other current.
     */
    default double wholePopulationConstant() {
        return Double.NaN;
    }

    /** Whether {@link #apply} may run on a part of the target (false where it reads other neurons' state). */
    default boolean appliesByRange() {
        return true;
    }
}
