package org.vecsnn.core.simd;

/**
 * The kernels' exp and expm1 in float, written once as a sequence of IEEE operations that {@code VectorKernels}
 * repeats lane by lane: range reduction {@code x = k·ln 2 + r} (k rounded to nearest, ln 2 in two parts), a degree-7
 * polynomial for {@code e^r − 1} evaluated with fused multiply-adds, and a scaling by {@code 2^k} built from the
 * exponent bits. Every step is exactly specified (float arithmetic and {@link Math#fma} round once, as the Vector
 * API's lanewise operations do), so the result depends neither on the vector width nor on whether the code runs
 * interpreted or compiled, unlike {@code Math.exp} through a cast or the Vector API's {@code EXP}, whose intrinsic
 * and fallback differ in the last bits.
 *
 * <p>Accuracy, measured over every float in [−104, 89] against {@code StrictMath.exp} rounded to float
 * ({@code ExpAccuracy} in the bench module): exp within 1 ulp; expm1 within 2 ulp. Outside: exp is 0 below −104
 * (the true value is under half the smallest subnormal) and +∞ above 89; NaN gives NaN. expm1 takes
 * arguments up to 88 (it is −1 below −88 and saturates at {@code e^88 − 1} above 88; the kernels use it only through
 * φ, whose argument is a rate times dt).
 */
public final class Exp {
    private Exp() {
    }

    // the constants are public for the kernels generated from equations (org.vecsnn.equations), which write the
    // vector twin's operations out inline

    /** x·log₂e + 1.5·2²³ rounds x·log₂e to the nearest integer in the low bits of the sum. */
    public static final float ROUNDER = 12582912f;
    public static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    public static final float LOG2E = 1.44269504088896341f;
    /** ln 2 = LN2_HI + LN2_LO; LN2_HI has 16 significant bits, so k·LN2_HI is exact for |k| ≤ 2⁸. */
    public static final float LN2_HI = 0.693145751953125f;
    public static final float LN2_LO = 1.428606765330187045e-6f;
    public static final float EXP_MIN = -104f;
    public static final float EXP_MAX = 89f;
    public static final float EXPM1_LIMIT = 88f;
    /** e^r − 1 = r + r²·(C2 + r·(C3 + …)), the Taylor coefficients 1/n!, n = 2 … 7. */
    public static final float C2 = 0.5f;
    public static final float C3 = 1.66666667e-1f;
    public static final float C4 = 4.16666667e-2f;
    public static final float C5 = 8.33333333e-3f;
    public static final float C6 = 1.38888889e-3f;
    public static final float C7 = 1.98412698e-4f;

    /** {@code e^x}. */
    public static float exp(float x) {
        float xc = Math.max(Math.min(x, EXP_MAX), EXP_MIN);
        float t = Math.fma(xc, LOG2E, ROUNDER);
        float k = t - ROUNDER;
        int ki = Float.floatToRawIntBits(t) - ROUNDER_BITS;
        float q = expm1Reduced(reduce(xc, k));
        // 2^k in two factors, so that k from −150 to 128 needs no special case
        int k1 = ki >> 1;
        float s1 = Float.intBitsToFloat((k1 + 127) << 23);
        float s2 = Float.intBitsToFloat((ki - k1 + 127) << 23);
        return Math.fma(s1, q, s1) * s2;
    }

    /** {@code e^x − 1}, accurate near 0 where {@code exp(x) − 1} would lose digits. */
    public static float expm1(float x) {
        float xc = Math.max(Math.min(x, EXPM1_LIMIT), -EXPM1_LIMIT);
        float t = Math.fma(xc, LOG2E, ROUNDER);
        float k = t - ROUNDER;
        int ki = Float.floatToRawIntBits(t) - ROUNDER_BITS;
        float q = expm1Reduced(reduce(xc, k));
        float s = Float.intBitsToFloat((ki + 127) << 23);
        return Math.fma(s, q, s - 1f);
    }

    /**
     * The distance between two floats in units in the last place, counted across zero (0 for two NaNs,
     * {@link Long#MAX_VALUE} for a NaN and a number): how this class's accuracy is measured.
     */
    public static long ulpDistance(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Float.isNaN(a) && Float.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        return Math.abs(ordered(a) - ordered(b));
    }

    private static long ordered(float x) {
        int bits = Float.floatToRawIntBits(x);
        return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
    }

    /** {@code r = x − k·ln 2}, in two fused steps. */
    static float reduce(float x, float k) {
        return Math.fma(-k, LN2_LO, Math.fma(-k, LN2_HI, x));
    }

    /** {@code e^r − 1} for |r| ≤ ln 2 / 2. */
    static float expm1Reduced(float r) {
        float p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(C7, r, C6), r, C5), r, C4), r, C3), r, C2);
        return Math.fma(r * r, p, r);
    }

    /** {@code φ(z) = (e^z − 1)/z}, with its Taylor polynomial near 0 where the quotient would lose digits. */
    public static float phi(float z) {
        return Math.abs(z) < PHI_SERIES ? 1f + z * (0.5f + z * (1f / 6f)) : Exp.expm1(z) / z;
    }

    /** Below this |z|, φ's cubic Taylor term is under 1e-8 relative. */
    public static final float PHI_SERIES = 1e-2f;
}
