package org.vecsnn.bench;

import java.util.Locale;
import org.vecsnn.core.simd.Exp;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.simd.Kernels;

/**
 * The kernels' exp and expm1 against {@code StrictMath} rounded to float on every float of their ranges
 * ([−104, 89] and [−88, 88], about 2.2·10⁹ values each), through this JVM's kernels (vector or plain): the largest
 * error in ulp, where it occurs, and how many values are not correctly rounded. About two minutes.
 * {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.vecsnn.bench.ExpAccuracy}
 */
public final class ExpAccuracy {
    private ExpAccuracy() {}

    public static void main(String[] args) {
        Kernels kernels = KernelProvider.get();
        int block = 1 << 16;
        float[] x = new float[block];
        float[] exp = new float[block];
        float[] expm1 = new float[block];
        long[] worst = new long[2];
        float[] at = new float[2];
        long[] off = new long[2];
        long count = 0;
        long start = System.nanoTime();
        long bits = 0;
        while (bits <= 0xFFFF_FFFFL) {
            int n = 0;
            for (; n < block && bits <= 0xFFFF_FFFFL; bits++) {
                float v = Float.intBitsToFloat((int) bits);
                if (v >= -104f && v <= 89f) {
                    x[n++] = v;
                }
            }
            int padded = (n + Kernels.PAD - 1) / Kernels.PAD * Kernels.PAD;
            java.util.Arrays.fill(x, n, padded, 0f);
            kernels.exp(x, exp, 0, padded);
            kernels.expm1(x, expm1, 0, padded);
            for (int i = 0; i < n; i++) {
                count++;
                long e = Exp.ulpDistance(exp[i], (float) StrictMath.exp(x[i]));
                record(0, e, x[i], worst, at, off);
                if (x[i] >= -88f && x[i] <= 88f) {
                    record(1, Exp.ulpDistance(expm1[i], (float) StrictMath.expm1(x[i])), x[i], worst, at, off);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s, %d floats in %.0f s%n", kernels.name(), count,
                (System.nanoTime() - start) * 1e-9);
        System.out.printf(Locale.ROOT, "exp   on [-104, 89]: max %d ulp (at %s), %d not correctly rounded%n",
                worst[0], at[0], off[0]);
        System.out.printf(Locale.ROOT, "expm1 on [-88, 88]:  max %d ulp (at %s), %d not correctly rounded%n",
                worst[1], at[1], off[1]);
    }

    private static void record(int f, long ulps, float x, long[] worst, float[] at, long[] off) {
        if (ulps > worst[f]) {
            worst[f] = ulps;
            at[f] = x;
        }
        if (ulps > 0) {
            off[f]++;
        }
    }
}
