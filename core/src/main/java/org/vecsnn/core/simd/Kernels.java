package org.vecsnn.core.simd;

/**
 * The hot loops of the built-in models' own fused steps, over flat padded arrays, besides the shared {@link Lanes}.
 * Two twins implement it: {@link PlainKernels} (scalar Java) and {@code VectorKernels} (the JDK Vector API). Both perform the same float operations in the same order, so they give
 * bit-identical results; the tests hold them to that at 128, 256 and 512 bits.
 *
 * <p>Ranges {@code [from, to)} start and end on multiples of {@link #PAD}; state arrays are padded to a multiple of
 * {@link #PAD} so no kernel needs a scalar tail. Padding lanes compute harmlessly and are never reported as spikes.
 */
public interface Kernels extends Lanes {
    /** Every state array is padded to a multiple of this many floats (one 512-bit vector). */
    int PAD = 16;

    /** Rounds {@code n} up to a multiple of {@link #PAD}. */
    static int padded(int n) {
        return (n + PAD - 1) / PAD * PAD;
    }

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
     * inhibitory receptors): each adds {@code g·(a + b·V)} to the input in turn and decays, then the membrane steps.
     * Arrivals are not read here: g already holds those of this step (see {@code ExponentialReceptor}).
     * Bit-identical to running the synapses' kernels and then {@link #lif}; one pass over the state instead of three.
     * Without {@code readInput} the input must be all zero, and a kernel may leave it unread (the vector one does).
     */
    int lifTwoExponentials(float[] v, float[] vLow, float[] input, boolean readInput, int[] refractory, int from,
                           int to, int size, LifCoefficients c, int[] spikes, int count, FusedExponential first,
                           FusedExponential second);

    /**
     * One Hodgkin–Huxley step over {@code [from, to)} with the method of {@code c} (Euler, exponential Euler with each
     * variable's equation linear in itself and the others held, or RK4), with the synaptic conductance G and the
     * input I (which holds the conductances' G·E) held over the step: {@code C·dV/dt = … + I − G·V}. A neuron
     * spikes when V crosses {@code vTh} upwards while its refractory counter is zero; the counter then holds further
     * spikes (not V) for {@code refractorySteps − 1} steps. Input and conductance are cleared. {@code scratch} and
     * {@code scratch2} (the population's padded size) are the kernel's to overwrite.
     */
    int hodgkinHuxley(float[] v, float[] m, float[] h, float[] n, float[] input, float[] conductance,
                      int[] refractory, int from, int to, int size, HhCoefficients c, int[] spikes, int count,
                      float[] scratch, float[] scratch2);

    /**
     * One step of an integrate-and-fire model with a nonlinearity and an adaptation variable w (exponential IF,
     * AdEx, Izhikevich, quadratic IF; see {@link AdaptiveCoefficients}), with the method of {@code c}: Euler,
     * exponential Euler (V linearised about its start-of-step value, BrainPy's exp_auto; w exact with V held) or RK4,
     * the input I held over the step. Refractoriness and spikes as in {@link #lif}; on a spike w += b. A held
     * neuron's w keeps integrating. The input is cleared. {@code scratch} and {@code scratch2} (the population's
     * padded size) are the kernel's to overwrite.
     */
    int adaptive(float[] v, float[] w, float[] input, int[] refractory, int from, int to, int size,
                 AdaptiveCoefficients c, int[] spikes, int count, float[] scratch, float[] scratch2);

    /**
     * Exponential synapse with current-based output: {@code I += scale·g}, then {@code g} decays as in
     * {@link #decay}. Arrivals are not read here: g already holds those of this step (see
     * {@code ExponentialReceptor}).
     */
    void exponentialCurrent(float[] g, float[] input, float decrement, float scale, int from, int to);

    /** Exponential synapse with conductance-based output: {@code I += g·(E − V)}, then g decays. */
    void exponentialConductance(float[] g, float[] v, float[] input, float decrement, float reversal, int from,
                                int to);

    /**
     * Voltage jumps: {@code V += arrivals}; with {@code gated}, the jump is dropped for neurons whose refractory
     * counter is positive (they hold V this step).
     */
    void voltageJump(float[] arrivals, int slot, float[] v, int[] refractory, boolean gated, int from, int to);

    /** Conductance-based output: {@code I += g·(E − V)}. */
    void conductanceOutput(float[] g, float[] v, float[] input, float reversal, int from, int to);

    /**
     * Conductance-based input to a model that integrates conductances itself: {@code I += g·E; G += g}.
     */
    void conductanceInput(float[] g, float[] input, float[] conductance, float reversal, int from, int to);

    /**
     * Conductance-based output through the Mg²⁺ block (Jahr–Stevens):
     * {@code I += g·(E − V)/(1 + mgOverBeta·e^(−α·V))}.
     */
    void mgBlockOutput(float[] g, float[] v, float[] input, float reversal, float mgOverBeta, float alpha, int from,
                       int to);

    /**
     * The exact step of the linear two-state synapse (dual exponential, alpha): arrivals jump the rise state,
     * {@code h += jump·arrivals} (consumed), then {@code g = g·e^(−dt/τ_d) + h·coupling; h = h·e^(−dt/τ_r)}, with
     * both decays in the form of {@link #decay}. g is compensated (its rounding error carried in {@code gLow}, as V
     * in {@link #lif}): its change per step is a tiny fraction of it at small dt, and a rounding that is biased
     * the same way step after step would otherwise add up (6·10⁻⁵ of the peak for τ = 100 ms at dt = 0.001 ms).
     */
    void dualExponential(float[] arrivals, int slot, float[] h, float[] g, float[] gLow, float jump,
                         float decayDecrement, float riseDecrement, float coupling, int from, int to);
}
