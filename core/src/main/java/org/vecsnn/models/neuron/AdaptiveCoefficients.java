package org.vecsnn.models.neuron;

import org.vecsnn.core.neuron.Integrator;

/**
 * The per-step constants shared by the integrate-and-fire models with a spike-generating nonlinearity and an
 * adaptation (recovery) variable w:
 * <pre>
 *   dV/dt = p2·V² + p1·V + p0 + e·exp((V − vT)·invDeltaT) − q·w + r·I
 *   dw/dt = (a·(V − vW) − w)·invTauW                      on a spike: V = vReset, w += b
 * </pre>
 * Exponential IF and AdEx use the exponential term ({@code e > 0}, {@code p2 = 0}); Izhikevich and the quadratic IF
 * use the square ({@code e = 0}). The exponent's argument is capped at {@code maxExponent}, its value at the
 * threshold: the model is defined below V_th (a neuron there is reset), and so no RK4 stage that overshoots the
 * threshold overflows a float or drives w by an astronomically large V.
 */
public record AdaptiveCoefficients(Integrator method, float dt, float p2, float p1, float p0, float e, float vT,
                                   float invDeltaT, float q, float r, float a, float vW, float invTauW, float b,
                                   float vTh, float vReset, int refractorySteps, float wDecay,
                                   float maxExponent) {}
