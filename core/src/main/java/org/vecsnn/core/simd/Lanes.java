package org.vecsnn.core.simd;

/**
 * The shared SIMD building blocks a model's step is composed from, over flat arrays padded to {@link Kernels#PAD}:
 * affine and exponential steps, pulses, saturation, exp, synaptic outputs and the linear synapses' steps,
 * integration of free neurons and spike detection. Two twins
 * implement them (with {@link Kernels}): {@link PlainKernels} (scalar Java) and {@code VectorKernels} (the JDK
 * Vector API), with the same float operations in the same order, so a model composed from them gets SIMD and a
 * bit-identical plain twin for free. Ranges {@code [from, to)} start and end on multiples of {@link Kernels#PAD}.
 */
public interface Lanes {
    /** A short description, for example {@code "vector 512-bit (16 lanes)"}. */
    String name();

    /**
     * Whether these are the Vector API lanes (else the plain twin): a model with a fused loop of its own runs its
     * vector or its plain version to match, so that its twins are compared as the built-in ones are.
     */
    boolean vectorized();
    /**
     * An exact exponential decay, {@code y −= y·d} in one fused multiply-add with {@code d = 1 − e^(−dt/τ)}: d in
     * float is accurate to 2⁻²⁴ of itself, where the factor {@code e^(−dt/τ)} rounded to float would be off by up to
     * 2⁻²⁵ absolute, an error that compounds over t/dt steps (3·10⁻⁴ of the peak at dt = 0.001 ms).
     */
    void decay(float[] y, float decrement, int from, int to);

    /** The decrement {@code d = 1 − e^(−dt/τ)} of {@link #decay} for time constant τ (ms) at step dt (ms). */
    static float decrement(double dt, double tau) {
        return (float) -StrictMath.expm1(-dt / tau);
    }

    /** {@code input[i] += value} over {@code [from, to)}. */
    void add(float[] input, float value, int from, int to);

    /** {@code y += x·a} (a current-based output: {@code I += g·scale}). */
    void axpy(float[] x, float a, float[] y, int from, int to);

    /**
     * A step of a variable whose equation is affine in itself and in one other variable z, with coefficients that
     * switch with a transmitter pulse: where {@code pulse > 0}, {@code y = y − y·on.d + z·on.c1 + on.c0}; elsewhere
     * the same with {@code off}.
     */
    void pulsedAffine(float[] y, float[] z, int[] pulse, AffineStep on, AffineStep off, int from, int to);

    /**
     * An exact relaxation step, compensated: {@code y = y − y·d + z·c}, the change (with the carried {@code yLow})
     * added to y by TwoSum and its rounding error kept in {@code yLow}, as for g in {@link #dualExponential}.
     */
    void relax(float[] y, float[] yLow, float[] z, float d, float c, int from, int to);

    /**
     * {@link #relax} toward a constant, with coefficients switched by a transmitter pulse: where {@code pulse > 0},
     * {@code y = y − y·on.d + on.c0}; elsewhere the same with {@code off} (c1 of the steps is not used).
     */
    void pulsedRelax(float[] y, float[] yLow, int[] pulse, AffineStep on, AffineStep off, int from, int to);

    /** {@code y = y − y·d + z·c} (d = 1 − e^(−k·dt), see {@link AffineStep}). */
    void affine(float[] y, float[] z, float d, float c, int from, int to);

    /**
     * Saturating relaxation with the drive x held over the step (exponential Euler, BrainPy's exp_auto): with
     * {@code k = a·x + b} and {@code g∞ = a·x/k}, {@code g = g∞ + (g − g∞)·e^(−k·dt)}.
     */
    void saturate(float[] g, float[] x, float a, float b, float dt, int from, int to);

    /** {@code s = g⁴/(g⁴ + kd)}. */
    void hill4(float[] g, float[] s, float kd, int from, int to);

    /** {@code pulse = max(pulse − 1, 0)}. */
    void countDown(int[] pulse, int from, int to);

    /**
     * {@code x = 0} where {@code |x|} is below the smallest normal float: a state decaying as {@code x·e^(−dt/τ)}
     * sticks at a subnormal value the product rounds back to, and each operation on a subnormal costs about a
     * hundred cycles (a kinetic channel step 8.4 instead of 0.6 ns).
     */
    void flushSubnormals(float[] x, int from, int to);

    /** {@code y = e^x} with {@link Exp#exp}: bit-identical in both twins at every width. */
    void exp(float[] x, float[] y, int from, int to);

    /** {@code y = e^x − 1} with {@link Exp#expm1}. */
    void expm1(float[] x, float[] y, int from, int to);

    /** The index of the first NaN or infinite value in {@code [from, to)}, or −1. */
    int firstNonFinite(float[] values, int from, int to);


    /** Arrivals of a linear synapse: {@code g += jump·arrivals}; the slot is consumed. */
    void arrive(float[] arrivals, int slot, float[] g, float jump, int from, int to);

    /** {@code y[i] = value}. */
    void fill(float[] y, float value, int from, int to);

    /**
     * One step of a membrane affine in V, for the neurons not held: where {@code refractory[i] == 0},
     * {@code v = v − v·d + (c0 + input·c)}; held neurons keep v.
     */
    void integrate(float[] v, float[] input, int[] refractory, float d, float c, float c0, int from, int to);

    /**
     * Spikes and refractoriness after {@link #integrate}: a held neuron ({@code refractory > 0}) counts down; any
     * other spikes if {@code v ≥ threshold[i]}, is reset to {@code reset} and held for {@code holdSteps} more
     * steps. Spiking neurons below {@code size} are written to {@code spikes} from {@code count}, ascending.
     *
     * @return the new number of entries in {@code spikes}
     */
    int fire(float[] v, float[] threshold, float reset, int[] refractory, int holdSteps, int size, int from, int to,
             int[] spikes, int count);

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
     * in {@code LifLoops.lif}): its change per step is a tiny fraction of it at small dt, and a rounding that is biased
     * the same way step after step would otherwise add up (6·10⁻⁵ of the peak for τ = 100 ms at dt = 0.001 ms).
     */
    void dualExponential(float[] arrivals, int slot, float[] h, float[] g, float[] gLow, float jump,
                         float decayDecrement, float riseDecrement, float coupling, int from, int to);

    /** {@code sums[j] = Σ p[index]} over column j's entries of {@code blocks} in their order, each padded column. */
    void columnSums(ColumnBlocks blocks, float[] p, float[] sums);

    /**
     * {@code sums[j] = Σ (weight·a[index])·b[index]} over column j's entries of {@code blocks} (which has weights), in
     * their order, for every padded column.
     */
    void weightedColumnSums(ColumnBlocks blocks, float[] a, float[] b, float[] sums);

    /**
     * The column sums of a dense projection: {@code sums[j] += (w[i·stride + j]·a[i])·b[i]} for i = 0 … rows − 1 in
     * order, for every j in {@code [0, stride)} (a multiple of {@link Kernels#PAD}); a missing synapse has w = 0 and
     * adds nothing. Each column is summed in row order, as {@link #weightedColumnSums} sums it.
     */
    void denseColumnSums(float[] w, int rows, int stride, float[] a, float[] b, float[] sums);

    /** The stride of {@link #poissonCount}'s hash from one neuron to the next (odd, so no two neurons share a key). */
    long POISSON_STRIDE = 0xD1B54A32D192ED03L;

    /**
     * A stateless Poisson drive's arrivals: {@code arrivals[slot + i] += n_i·weight} over {@code [from, to)}, n_i =
     * {@link #poissonCount}. Unlike the other lanes, {@code to} may end inside a block of {@link Kernels#PAD} (the
     * population's last neuron): the lanes past it are left alone.
     */
    void poissonArrivals(long stepKey, double[] cumulative, float weight, float[] arrivals, int slot, int from,
                         int to);

    /**
     * Neuron i's draw: u = the top 53 bits of {@code SplitMix64.mix(stepKey + i·POISSON_STRIDE)} as a double in
     * [0, 1), and the count is how many of {@code cumulative[0 … length − 2]} (the tabulated distribution function,
     * non-decreasing) u reaches: the inverse of the distribution function, capped at its last entry.
     */
    static int poissonCount(long stepKey, int i, double[] cumulative) {
        double u = (org.vecsnn.core.connect.SplitMix64.mix(stepKey + i * POISSON_STRIDE) >>> 11) * 0x1.0p-53;
        int n = 0;
        while (n < cumulative.length - 1 && u >= cumulative[n]) {
            n++;
        }
        return n;
    }
}
