package org.vecsnn.core.simd;

/**
 * A single-exponential synapse stepped inside the membrane kernel's pass ({@code LifLoops.lifTwoExponentials} in the
 * models): {@code I += g·(a + b·V)}, {@code g −= g·d} (one fused multiply-add, d = 1 − e^(−dt/τ)). A conductance with
 * reversal E is {@code a = E, b = −1}; a current with scale κ is {@code a = κ, b = 0}: the same floats as the separate
 * kernels compute.
 */
public final class FusedExponential {
    public final float[] g;
    public final float decrement;
    public final float a;
    public final float b;

    public FusedExponential(float[] g, float decrement, float a, float b) {
        this.g = g;
        this.decrement = decrement;
        this.a = a;
        this.b = b;
    }
}
