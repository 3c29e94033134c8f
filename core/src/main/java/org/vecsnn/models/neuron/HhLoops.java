package org.vecsnn.models.neuron;

import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.simd.Lanes;

/**
 * The Hodgkin–Huxley step (Euler, exponential Euler or RK4) over a range of neurons. Two twins implement it, {@code
 * PlainHhLoops} (scalar Java) and {@code VectorHhLoops} (the Vector API), with the same float operations in the same
 * order, so their results are identical bit for bit at every width ({@code KernelTwinsTest}).
 */
public interface HhLoops {
    /**
     * One Hodgkin–Huxley step over {@code [from, to)} with the method of {@code c} (Euler, exponential Euler with each
     * variable's equation linear in itself and the others held, or RK4), with the synaptic conductance G and the
     * input I (which holds the conductances' G·E) held over the step: {@code C·dV/dt = … + I − G·V}. A neuron
     * spikes when V crosses {@code vTh} upwards while its refractory counter is zero; the counter then holds further
     * spikes (not V) for {@code refractorySteps − 1} steps. Input and conductance are cleared. {@code scratch} holds
     * {@link #SCRATCH_ROWS} arrays of the population's padded size, the kernel's to overwrite.
     */
    int hodgkinHuxley(float[] v, float[] m, float[] h, float[] n, float[] input, float[] conductance,
                      int[] refractory, int from, int to, int size, HhCoefficients c, int[] spikes, int count,
                      float[][] scratch);

    /**
     * Scratch arrays a kernel may use: two rates, and for RK4 in passes a stage's state and three stages' slopes
     * of the four variables.
     */
    int SCRATCH_ROWS = 2 + 4 * 4;

    /** The twin that matches {@code lanes}: vector lanes get the vector loops. */
    static HhLoops of(Lanes lanes) {
        return KernelProvider.twin(lanes, PlainHhLoops.INSTANCE, HhLoops.class, "org.vecsnn.models.neuron.VectorHhLoops");
    }
}
