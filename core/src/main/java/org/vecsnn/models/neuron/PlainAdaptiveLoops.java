package org.vecsnn.models.neuron;

import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.simd.Exp;

/**
 * The scalar twin of {@link VectorAdaptiveLoops}: the reference for its results, and the fallback without the module.
 */
final class PlainAdaptiveLoops implements AdaptiveLoops {
    static final PlainAdaptiveLoops INSTANCE = new PlainAdaptiveLoops();

    private PlainAdaptiveLoops() {}

    @Override
    public int adaptive(float[] v, float[] w, float[] input, int[] refractory, int from, int to, int size,
                        AdaptiveCoefficients c, int[] spikes, int count, float[][] scratch) {
        final float dt = c.dt(), half = dt * 0.5f, sixth = dt / 6f, vTh = c.vTh(), vReset = c.vReset(), b = c.b();
        final int refOnSpike = Math.max(c.refractorySteps() - 1, 0);
        final Integrator method = c.method();
        for (int i = from; i < to; i++) {
            final float v0 = v[i], w0 = w[i], in = input[i];
            float vn, wn;
            if (method == Integrator.EXPONENTIAL_EULER) {
                float x = spikeTerm(c, v0);
                float f = quadratic(c, v0) + c.e() * x - c.q() * w0 + c.r() * in;
                float jacobian = 2f * c.p2() * v0 + c.p1() + c.e() * c.invDeltaT() * x;
                vn = v0 + dt * Exp.phi(jacobian * dt) * f;
                float wInf = c.a() * (v0 - c.vW());
                wn = wInf + (w0 - wInf) * c.wDecay();
            } else {
                float kv1 = adaptiveDv(c, v0, w0, in);
                float kw1 = adaptiveDw(c, v0, w0);
                if (method == Integrator.EULER) {
                    vn = v0 + dt * kv1;
                    wn = w0 + dt * kw1;
                } else {
                    float v1 = v0 + half * kv1, w1 = w0 + half * kw1;
                    float kv2 = adaptiveDv(c, v1, w1, in), kw2 = adaptiveDw(c, v1, w1);
                    float v2 = v0 + half * kv2, w2 = w0 + half * kw2;
                    float kv3 = adaptiveDv(c, v2, w2, in), kw3 = adaptiveDw(c, v2, w2);
                    float v3 = v0 + dt * kv3, w3 = w0 + dt * kw3;
                    float kv4 = adaptiveDv(c, v3, w3, in), kw4 = adaptiveDw(c, v3, w3);
                    vn = v0 + sixth * (kv1 + 2f * (kv2 + kv3) + kv4);
                    wn = w0 + sixth * (kw1 + 2f * (kw2 + kw3) + kw4);
                }
            }
            int ref = refractory[i];
            if (ref > 0) {
                vn = v0;
                refractory[i] = ref - 1;
            } else if (vn >= vTh) {
                vn = vReset;
                wn += b;
                refractory[i] = refOnSpike;
                if (i < size) {
                    spikes[count++] = i;
                }
            }
            v[i] = vn;
            w[i] = wn;
            input[i] = 0f;
        }
        return count;
    }

    private static float quadratic(AdaptiveCoefficients c, float v) {
        return c.p2() * v * v + c.p1() * v + c.p0();
    }

    /** {@code e^((V − V_T)/Δ_T)} with its argument capped at the threshold, or 0 for the models without the term. */
    private static float spikeTerm(AdaptiveCoefficients c, float v) {
        return c.e() == 0f ? 0f : Exp.exp(Math.min((v - c.vT()) * c.invDeltaT(), c.maxExponent()));
    }

    private static float adaptiveDv(AdaptiveCoefficients c, float v, float w, float in) {
        return quadratic(c, v) + c.e() * spikeTerm(c, v) - c.q() * w + c.r() * in;
    }

    private static float adaptiveDw(AdaptiveCoefficients c, float v, float w) {
        return (c.a() * (v - c.vW()) - w) * c.invTauW();
    }
}
