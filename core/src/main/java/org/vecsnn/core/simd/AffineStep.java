package org.vecsnn.core.simd;

/**
 * The coefficients of one step {@code y ← y − y·d + z·c1 + c0}. The decay is given as {@code d = 1 − e^(−k·dt)}
 * rather than as the factor {@code e^(−k·dt)}: a float factor close to 1 carries only a few significant digits of
 * 1 − e, which at small dt would shift the effective rate (by 1e-4 at dt = 0.0125 ms for GABA_B's G).
 */
public record AffineStep(float d, float c1, float c0) {}
