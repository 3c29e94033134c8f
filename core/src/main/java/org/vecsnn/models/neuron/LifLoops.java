package org.vecsnn.models.neuron;

import org.vecsnn.core.simd.FusedExponential;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.simd.Lanes;

/**
 * LIF's step as one fused loop over the neurons, alone or with one or two single-exponential synapses in the same
 * pass (COBA and CUBA have two, the microcircuit one). Two twins implement it, {@code PlainLifLoops} (scalar Java)
 * and {@code VectorLifLoops} (the Vector API), with the same float operations in the same order, so their results
 * are identical bit for bit at every width ({@code KernelTwinsTest}).
 */
public interface LifLoops {
    /**
     * One LIF step over {@code [from, to)}: a neuron whose refractory counter is positive keeps its V and counts
     * down; any other integrates {@code V += a·((V_rest − V) + R·I)}, spikes if {@code V ≥ V_th}, is reset to
     * {@code V_reset} and starts a count of {@code refractorySteps − 1} held steps. The input is cleared.
     *
     * <p>V is kept compensated: {@code vLow} holds what the float V could not (the rounding error of the last
     * addition, found by Fast2Sum, which is exact while |V| ≥ |ΔV|) and joins the next step's increment. Without it,
     * V stalls where {@code a·(V_∞ − V)} drops below half an ulp of V, up to {@code ulp(V)/(2a)} from its target:
     * 0.02 mV at dt/τ = 10⁻⁴. With it, V follows the exact propagator to about one ulp at any dt.
     *
     * @param size neurons at or above this index are padding and never reported
     * @param spikes receives the indices of the neurons that spiked, in ascending order, from {@code count} on
     * @return the new number of entries in {@code spikes}
     */
    int lif(float[] v, float[] vLow, float[] input, int[] refractory, int from, int to, int size, LifCoefficients c,
            int[] spikes, int count);

    /**
     * {@link #lif} with two single-exponential synapses stepped in the same pass (COBA's and CUBA's excitatory and
     * inhibitory receptors, whose spikes act in the next step): each adds {@code g·(a + b·V)} to the input in turn
     * and decays, then the membrane steps. The synapses have no ring: g already holds every weight of the next step
     * (see {@code ExponentialReceptor}). Bit-identical to running the synapses' kernels and then {@link #lif}; one
     * pass over the state instead of three. Without {@code readInput} the input must be all zero, and a kernel may
     * leave it unread (the vector one does).
     */
    int lifTwoExponentials(float[] v, float[] vLow, float[] input, boolean readInput, int[] refractory, int from,
                           int to, int size, LifCoefficients c, int[] spikes, int count, FusedExponential first,
                           FusedExponential second);

    /**
     * {@link #lifTwoExponentials} with one synapse (a population whose excitatory and inhibitory weights share one
     * receptor, as the microcircuit's {@code I_syn}), which may have a ring: after its decay, g takes the weights due
     * in step {@code step + 1} that waited there (see {@link FusedExponential}). One pass over the state instead of
     * three (the synapse's current and decay, its arrivals, the membrane); without a ring, zeros are added to g.
     */
    int lifOneExponential(long step, float[] v, float[] vLow, float[] input, boolean readInput, int[] refractory,
                          int from, int to, int size, LifCoefficients c, int[] spikes, int count,
                          FusedExponential synapse);

    /** Stops a call of {@link #lifTwoExponentials} with a synapse that has a ring (the kernel would not read it). */
    static void requireNoRing(FusedExponential first, FusedExponential second) {
        if (first.due() != null || second.due() != null) {
            throw new IllegalArgumentException("lifTwoExponentials steps synapses without a ring (delays of one step)");
        }
    }

    /** The twin that matches {@code lanes}: vector lanes get the vector loops. */
    static LifLoops of(Lanes lanes) {
        return KernelProvider.twin(lanes, PlainLifLoops.INSTANCE, LifLoops.class, "org.vecsnn.models.neuron.VectorLifLoops");
    }
}
