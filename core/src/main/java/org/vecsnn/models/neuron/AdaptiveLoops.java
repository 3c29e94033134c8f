package org.vecsnn.models.neuron;

import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.simd.Lanes;

/**
 * The step of the integrate-and-fire models with a nonlinearity and an adaptation variable (exponential IF, AdEx,
 * Izhikevich, quadratic IF). Two twins implement it, {@code PlainAdaptiveLoops} (scalar Java) and {@code
 * VectorAdaptiveLoops} (the Vector API), with the same float operations in the same order, so their results are
 * identical bit for bit at every width ({@code KernelTwinsTest}).
 */
public interface AdaptiveLoops {
    /**
     * One step of an integrate-and-fire model with a nonlinearity and an adaptation variable w (exponential IF,
     * AdEx, Izhikevich, quadratic IF; see {@link AdaptiveCoefficients}), with the method of {@code c}: Euler,
     * exponential Euler (V linearised about its start-of-step value, BrainPy's exp_auto; w exact with V held) or RK4,
     * the input I held over the step. Refractoriness and spikes as in {@link LifLoops#lif}; on a spike w += b. A held
     * neuron's w keeps integrating. The input is cleared. {@code scratch} holds {@link #SCRATCH_ROWS} arrays of
     * the population's padded size, the kernel's to overwrite.
     */
    int adaptive(float[] v, float[] w, float[] input, int[] refractory, int from, int to, int size,
                 AdaptiveCoefficients c, int[] spikes, int count, float[][] scratch);

    /** Scratch arrays a kernel may use: two, and for RK4 in passes a stage's state and three stages' slopes of V and w. */
    int SCRATCH_ROWS = 2 + 4 * 2;

    /** The twin that matches {@code lanes}: vector lanes get the vector loops. */
    static AdaptiveLoops of(Lanes lanes) {
        return KernelProvider.twin(lanes, PlainAdaptiveLoops.INSTANCE, AdaptiveLoops.class, "org.vecsnn.models.neuron.VectorAdaptiveLoops");
    }
}
