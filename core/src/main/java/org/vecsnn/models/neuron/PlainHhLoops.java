package org.vecsnn.models.neuron;

import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.simd.Exp;

/** The scalar twin of {@link VectorHhLoops}: the reference for its results, and the fallback without the module. */
final class PlainHhLoops implements HhLoops {
    static final PlainHhLoops INSTANCE = new PlainHhLoops();

    private PlainHhLoops() {}

    @Override
    public int hodgkinHuxley(float[] v, float[] m, float[] h, float[] n, float[] input, float[] conductance,
                             int[] refractory, int from, int to, int size, HhCoefficients c, int[] spikes,
                             int count, float[][] scratch) {
        final float dt = c.dt(), half = dt * 0.5f, sixth = dt / 6f, vTh = c.vTh();
        final int refOnSpike = Math.max(c.refractorySteps() - 1, 0);
        final Integrator method = c.method();
        for (int i = from; i < to; i++) {
            final float v0 = v[i], m0 = m[i], h0 = h[i], n0 = n[i], in = input[i], gs = conductance[i];
            float vn, mn, hn, nn;
            if (method == Integrator.EXPONENTIAL_EULER) {
                mn = gateExact(c.alphaM(), c.betaM(), v0, m0, dt);
                hn = gateExact(c.alphaH(), c.betaH(), v0, h0, dt);
                nn = gateExact(c.alphaN(), c.betaN(), v0, n0, dt);
                float gNa = c.gNa() * (m0 * m0 * m0 * h0);
                float gK = c.gK() * (n0 * n0 * (n0 * n0));
                float g = gNa + gK + c.gL() + gs;
                float vInf = (gNa * c.eNa() + gK * c.eK() + c.gL() * c.eL() + in) / g;
                vn = vInf + (v0 - vInf) * Exp.exp(-(g * c.invC() * dt));
            } else {
                float kv1 = hhDv(c, v0, m0, h0, n0, in, gs);
                float km1 = gate(c.alphaM(), c.betaM(), v0, m0);
                float kh1 = gate(c.alphaH(), c.betaH(), v0, h0);
                float kn1 = gate(c.alphaN(), c.betaN(), v0, n0);
                if (method == Integrator.EULER) {
                    vn = v0 + dt * kv1;
                    mn = m0 + dt * km1;
                    hn = h0 + dt * kh1;
                    nn = n0 + dt * kn1;
                } else {
                    float v1 = v0 + half * kv1, m1 = m0 + half * km1, h1 = h0 + half * kh1, n1 = n0 + half * kn1;
                    float kv2 = hhDv(c, v1, m1, h1, n1, in, gs);
                    float km2 = gate(c.alphaM(), c.betaM(), v1, m1);
                    float kh2 = gate(c.alphaH(), c.betaH(), v1, h1);
                    float kn2 = gate(c.alphaN(), c.betaN(), v1, n1);
                    float v2 = v0 + half * kv2, m2 = m0 + half * km2, h2 = h0 + half * kh2, n2 = n0 + half * kn2;
                    float kv3 = hhDv(c, v2, m2, h2, n2, in, gs);
                    float km3 = gate(c.alphaM(), c.betaM(), v2, m2);
                    float kh3 = gate(c.alphaH(), c.betaH(), v2, h2);
                    float kn3 = gate(c.alphaN(), c.betaN(), v2, n2);
                    float v3 = v0 + dt * kv3, m3 = m0 + dt * km3, h3 = h0 + dt * kh3, n3 = n0 + dt * kn3;
                    float kv4 = hhDv(c, v3, m3, h3, n3, in, gs);
                    float km4 = gate(c.alphaM(), c.betaM(), v3, m3);
                    float kh4 = gate(c.alphaH(), c.betaH(), v3, h3);
                    float kn4 = gate(c.alphaN(), c.betaN(), v3, n3);
                    vn = v0 + sixth * (kv1 + 2f * (kv2 + kv3) + kv4);
                    mn = m0 + sixth * (km1 + 2f * (km2 + km3) + km4);
                    hn = h0 + sixth * (kh1 + 2f * (kh2 + kh3) + kh4);
                    nn = n0 + sixth * (kn1 + 2f * (kn2 + kn3) + kn4);
                }
            }
            v[i] = vn;
            m[i] = mn;
            h[i] = hn;
            n[i] = nn;
            input[i] = 0f;
            conductance[i] = 0f;
            int ref = refractory[i];
            if (ref > 0) {
                refractory[i] = ref - 1;
            } else if (v0 < vTh && vn >= vTh) {
                refractory[i] = refOnSpike;
                if (i < size) {
                    spikes[count++] = i;
                }
            }
        }
        return count;
    }

    private static float hhDv(HhCoefficients c, float v, float m, float h, float n, float in, float gs) {
        return (c.gNa() * (m * m * m * h) * (c.eNa() - v) + c.gK() * (n * n * (n * n)) * (c.eK() - v)
                + c.gL() * (c.eL() - v) + in - gs * v) * c.invC();
    }

    /** {@code dx/dt = α(1 − x) − βx}. */
    private static float gate(GateRate alpha, GateRate beta, float v, float x) {
        return rate(alpha, v) * (1f - x) - rate(beta, v) * x;
    }

    /** The gate's exact step with V held: {@code x∞ + (x − x∞)·e^(−(α+β)·dt)}. */
    private static float gateExact(GateRate alpha, GateRate beta, float v, float x, float dt) {
        float a = rate(alpha, v);
        float k = a + rate(beta, v);
        float xInf = a / k;
        return xInf + (x - xInf) * Exp.exp(-(k * dt));
    }

    private static float rate(GateRate r, float v) {
        float x = (v - r.theta()) * r.invS();
        return switch (r.shape()) {
            case GateRate.EXPONENTIAL -> r.k() * Exp.exp(-x);
            case GateRate.LINEAR -> r.k() / Exp.phi(-x);
            default -> r.k() / (1f + Exp.exp(-x));
        };
    }
}
