package org.vecsnn.models.neuron;

/**
 * A Hodgkin–Huxley rate function in kernel form, of {@code x = (V − θ)·invS}: {@link #EXPONENTIAL}
 * {@code k·e^(−x)}, {@link #LINEAR} {@code k·x/(1 − e^(−x))} (evaluated as {@code k/φ(−x)} with
 * {@code φ(z) = (e^z − 1)/z}, so it stays accurate through its removable singularity at x = 0) or {@link #SIGMOID}
 * {@code k/(1 + e^(−x))}.
 */
public record GateRate(int shape, float k, float theta, float invS) {
    public static final int EXPONENTIAL = 0;
    public static final int LINEAR = 1;
    public static final int SIGMOID = 2;
}
