package org.vecsnn.core.simd;

/**
 * The engine's lanes (see {@link Lanes}) and the padding every state array has. Two twins implement it:
 * {@link PlainKernels} (scalar Java) and {@code VectorKernels} (the JDK Vector API), with the same float operations
 * in the same order, so they give bit-identical results; the tests hold them to that at 128, 256 and 512 bits. A
 * model's own fused loops live with the model (LIF's, Hodgkin–Huxley's and the adaptive models' in
 * {@code org.vecsnn.models.neuron}), each with its plain and vector twin.
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
}
