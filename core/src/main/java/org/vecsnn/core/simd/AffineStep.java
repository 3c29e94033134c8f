package org.vecsnn.core.simd;

/** The coefficients of one step {@code y ← y·e + z·c1 + c0}. */
public record AffineStep(float e, float c1, float c0) {}
