package org.vecsnn.models.neuron;

/**
 * The per-step constants of the LIF update {@code V += a·((V_rest − V) + R·I)}: {@code a = dt/τ} for forward Euler,
 * {@code a = 1 − e^(−dt/τ)} for exponential Euler.
 */
public record LifCoefficients(float a, float vRest, float r, float vTh, float vReset, int refractorySteps) {}
