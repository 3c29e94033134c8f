package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vecsnn.core.simd.Exp;

/**
 * The kernels' exp and expm1 against {@code StrictMath} (fdlibm, in double) rounded to float, on every 61st float of
 * the range they serve; the bench module's {@code ExpAccuracy} checks every float.
 */
class ExpTest {
    @Test
    void withinOneUlpForExpAndTwoForExpm1() {
        long worstExp = 0;
        long worstExpm1 = 0;
        for (long bits = 0; bits <= 0xFFFF_FFFFL; bits += 61) {
            float x = Float.intBitsToFloat((int) bits);
            if (x >= -104f && x <= 89f) {
                worstExp = Math.max(worstExp, Exp.ulpDistance(Exp.exp(x), (float) StrictMath.exp(x)));
            }
            if (x >= -88f && x <= 88f) {
                worstExpm1 = Math.max(worstExpm1, Exp.ulpDistance(Exp.expm1(x), (float) StrictMath.expm1(x)));
            }
        }
        assertTrue(worstExp <= 1, "exp: " + worstExp + " ulp");
        assertTrue(worstExpm1 <= 2, "expm1: " + worstExpm1 + " ulp");
    }

    @Test
    void ulpDistance() {
        assertEquals(0, Exp.ulpDistance(1f, 1f));
        assertEquals(1, Exp.ulpDistance(1f, Math.nextUp(1f)));
        assertEquals(2, Exp.ulpDistance(-Float.MIN_VALUE, Float.MIN_VALUE));
        assertEquals(0, Exp.ulpDistance(Float.NaN, Float.NaN));
        assertEquals(Long.MAX_VALUE, Exp.ulpDistance(Float.NaN, 0f));
    }

    @Test
    void edges() {
        assertEquals(1f, Exp.exp(0f));
        assertEquals(0f, Exp.expm1(0f));
        assertEquals(Float.POSITIVE_INFINITY, Exp.exp(89f));
        assertEquals(Float.POSITIVE_INFINITY, Exp.exp(Float.POSITIVE_INFINITY));
        assertEquals(0f, Exp.exp(-104f));
        assertEquals(0f, Exp.exp(Float.NEGATIVE_INFINITY));
        assertEquals(Float.MIN_VALUE, Exp.exp(-103.5f)); // e^−103.5 = 1.1·2⁻¹⁴⁹: the smallest subnormal
        assertTrue(Float.isNaN(Exp.exp(Float.NaN)));
        assertTrue(Float.isNaN(Exp.expm1(Float.NaN)));
        assertEquals(-1f, Exp.expm1(-100f));
        assertEquals(1e-30f, Exp.expm1(1e-30f));
        assertEquals((float) Math.E, Exp.exp(1f));
    }
}
