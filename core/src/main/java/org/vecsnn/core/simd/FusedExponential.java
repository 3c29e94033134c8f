package org.vecsnn.core.simd;

import org.vecsnn.core.delay.DelayRing;

/**
 * A single-exponential synapse stepped inside the membrane kernel's pass ({@code LifLoops.lifOneExponential} and
 * {@code lifTwoExponentials} in the models): {@code I += g·(a + b·V)}, {@code g −= g·d} (one fused multiply-add,
 * d = 1 − e^(−dt/τ)), then {@code g += due} with the weights of the next step that waited in the ring, whose slot
 * is cleared. A conductance with reversal E is {@code a = E, b = −1}; a current with scale κ is
 * {@code a = κ, b = 0}: the same floats as the synapse's own kernels compute.
 */
public final class FusedExponential {
    public final float[] g;
    public final float decrement;
    public final float a;
    public final float b;
    /** The weights waiting for later steps, or null where every delay is one step (they go straight into g). */
    private final DelayRing arrivals;

    public FusedExponential(float[] g, float decrement, float a, float b, DelayRing arrivals) {
        this.g = g;
        this.decrement = decrement;
        this.a = a;
        this.b = b;
        this.arrivals = arrivals != null && arrivals.depth() > 1 ? arrivals : null;
    }

    /** The ring that holds the weights joining g after a step's decay, or null when there are none. */
    public float[] due() {
        return arrivals == null ? null : arrivals.data();
    }

    /** Where in {@link #due()} the weights joining g after step {@code step}'s decay start (0 without a ring). */
    public int dueSlot(long step) {
        return arrivals == null ? 0 : arrivals.slot(step + 1);
    }
}
