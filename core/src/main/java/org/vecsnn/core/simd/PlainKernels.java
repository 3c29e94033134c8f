package org.vecsnn.core.simd;

import org.vecsnn.core.neuron.Integrator;

/** The scalar twin of the vector kernels: the reference for their results, and the fallback without the module. */
public final class PlainKernels implements Kernels {
    @Override
    public boolean vectorized() {
        return false;
    }

    @Override
    public String name() {
        return "plain";
    }

    @Override
    public int lif(float[] v, float[] vLow, float[] input, int[] refractory, int from, int to, int size,
                   LifCoefficients c, int[] spikes, int count) {
        final float a = c.a(), vRest = c.vRest(), r = c.r(), vTh = c.vTh(), vReset = c.vReset();
        final int refOnSpike = Math.max(c.refractorySteps() - 1, 0);
        for (int i = from; i < to; i++) {
            int ref = refractory[i];
            if (ref > 0) {
                refractory[i] = ref - 1;
            } else {
                float vi = v[i];
                float dv = Math.fma(a, (vRest - vi) + r * input[i], vLow[i]);
                float vn = vi + dv;
                float low = dv - (vn - vi);
                if (vn >= vTh) {
                    vn = vReset;
                    low = 0f;
                    refractory[i] = refOnSpike;
                    if (i < size) {
                        spikes[count++] = i;
                    }
                }
                v[i] = vn;
                vLow[i] = low;
            }
            input[i] = 0f;
        }
        return count;
    }

    @Override
    public int lifTwoExponentials(float[] v, float[] vLow, float[] input, boolean readInput, int[] refractory,
                                  int from, int to, int size, LifCoefficients c, int[] spikes, int count,
                                  FusedExponential first, FusedExponential second) {
        // the reference reads the input either way: without readInput it is zero and stays zero
        addExponential(first, v, input, from, to);
        addExponential(second, v, input, from, to);
        return lif(v, vLow, input, refractory, from, to, size, c, spikes, count);
    }

    private static void addExponential(FusedExponential e, float[] v, float[] input, int from, int to) {
        for (int i = from; i < to; i++) {
            float gi = e.g[i];
            input[i] += gi * (e.a + e.b * v[i]);
            e.g[i] = Math.fma(gi, -e.decrement, gi);
        }
    }

    @Override
    public int hodgkinHuxley(float[] v, float[] m, float[] h, float[] n, float[] input, float[] conductance,
                             int[] refractory, int from, int to, int size, HhCoefficients c, int[] spikes,
                             int count, float[] scratch, float[] scratch2) {
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
            case GateRate.LINEAR -> r.k() / phi(-x);
            default -> r.k() / (1f + Exp.exp(-x));
        };
    }

    /** {@code φ(z) = (e^z − 1)/z}, with its Taylor polynomial near 0 where the quotient would lose digits. */
    static float phi(float z) {
        return Math.abs(z) < PHI_SERIES ? 1f + z * (0.5f + z * (1f / 6f)) : Exp.expm1(z) / z;
    }

    /** Below this |z|, φ's cubic Taylor term is under 1e-8 relative. */
    static final float PHI_SERIES = 1e-2f;

    @Override
    public int adaptive(float[] v, float[] w, float[] input, int[] refractory, int from, int to, int size,
                        AdaptiveCoefficients c, int[] spikes, int count, float[] scratch, float[] scratch2) {
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
                vn = v0 + dt * phi(jacobian * dt) * f;
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

    @Override
    public void exponentialCurrent(float[] g, float[] input, float decrement, float scale, int from, int to) {
        for (int i = from; i < to; i++) {
            float gi = g[i];
            input[i] += gi * scale;
            g[i] = Math.fma(gi, -decrement, gi);
        }
    }

    @Override
    public void exponentialConductance(float[] g, float[] v, float[] input, float decrement, float reversal,
                                       int from, int to) {
        for (int i = from; i < to; i++) {
            float gi = g[i];
            input[i] += gi * (reversal - v[i]);
            g[i] = Math.fma(gi, -decrement, gi);
        }
    }

    @Override
    public void decay(float[] y, float decrement, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = Math.fma(y[i], -decrement, y[i]);
        }
    }

    @Override
    public void voltageJump(float[] arrivals, int slot, float[] v, int[] refractory, boolean gated, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!gated || refractory[i] <= 0) {
                v[i] += arrivals[slot + i];
            }
            arrivals[slot + i] = 0f;
        }
    }

    @Override
    public void add(float[] input, float value, int from, int to) {
        for (int i = from; i < to; i++) {
            input[i] += value;
        }
    }

    @Override
    public void arrive(float[] arrivals, int slot, float[] g, float jump, int from, int to) {
        for (int i = from; i < to; i++) {
            g[i] += arrivals[slot + i] * jump;
            arrivals[slot + i] = 0f;
        }
    }

    @Override
    public void axpy(float[] x, float a, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] += x[i] * a;
        }
    }

    @Override
    public void fill(float[] y, float value, int from, int to) {
        java.util.Arrays.fill(y, from, to, value);
    }

    @Override
    public void integrate(float[] v, float[] input, int[] refractory, float d, float c, float c0, int from,
                          int to) {
        for (int i = from; i < to; i++) {
            if (refractory[i] == 0) {
                float vi = v[i];
                v[i] = vi - vi * d + (c0 + input[i] * c);
            }
        }
    }

    @Override
    public int fire(float[] v, float[] threshold, float reset, int[] refractory, int holdSteps, int size, int from,
                    int to, int[] spikes, int count) {
        for (int i = from; i < to; i++) {
            if (refractory[i] > 0) {
                refractory[i]--;
            } else if (v[i] >= threshold[i]) {
                v[i] = reset;
                refractory[i] = holdSteps;
                if (i < size) {
                    spikes[count++] = i;
                }
            }
        }
        return count;
    }

    @Override
    public void conductanceOutput(float[] g, float[] v, float[] input, float reversal, int from, int to) {
        for (int i = from; i < to; i++) {
            input[i] += g[i] * (reversal - v[i]);
        }
    }

    @Override
    public void conductanceInput(float[] g, float[] input, float[] conductance, float reversal, int from, int to) {
        for (int i = from; i < to; i++) {
            input[i] += g[i] * reversal;
            conductance[i] += g[i];
        }
    }

    @Override
    public void mgBlockOutput(float[] g, float[] v, float[] input, float reversal, float mgOverBeta, float alpha,
                              int from, int to) {
        for (int i = from; i < to; i++) {
            float block = 1f / (1f + mgOverBeta * Exp.exp(-alpha * v[i]));
            input[i] += g[i] * (reversal - v[i]) * block;
        }
    }

    @Override
    public void dualExponential(float[] arrivals, int slot, float[] h, float[] g, float[] gLow, float jump,
                                float decayDecrement, float riseDecrement, float coupling, int from, int to) {
        for (int i = from; i < to; i++) {
            float hi = h[i] + arrivals[slot + i] * jump;
            arrivals[slot + i] = 0f;
            // g's change of the step plus the carried rounding error, added by TwoSum: the error of the sum is
            // carried to the next step instead of compounding over t/dt steps
            addCompensated(g, gLow, i, Math.fma(g[i], -decayDecrement, Math.fma(hi, coupling, gLow[i])));
            h[i] = Math.fma(hi, -riseDecrement, hi);
        }
    }

    @Override
    public void pulsedAffine(float[] y, float[] z, int[] pulse, AffineStep on, AffineStep off, int from, int to) {
        for (int i = from; i < to; i++) {
            AffineStep c = pulse[i] > 0 ? on : off;
            float yi = y[i];
            y[i] = yi - yi * c.d() + z[i] * c.c1() + c.c0();
        }
    }

    @Override
    public void relax(float[] y, float[] yLow, float[] z, float d, float c, int from, int to) {
        for (int i = from; i < to; i++) {
            addCompensated(y, yLow, i, Math.fma(y[i], -d, Math.fma(z[i], c, yLow[i])));
        }
    }

    @Override
    public void pulsedRelax(float[] y, float[] yLow, int[] pulse, AffineStep on, AffineStep off, int from, int to) {
        for (int i = from; i < to; i++) {
            AffineStep c = pulse[i] > 0 ? on : off;
            addCompensated(y, yLow, i, Math.fma(y[i], -c.d(), c.c0() + yLow[i]));
        }
    }

    /** {@code y[i] += dy} by TwoSum: the sum's rounding error goes to {@code yLow[i]}. */
    private static void addCompensated(float[] y, float[] yLow, int i, float dy) {
        float yi = y[i];
        float sum = yi + dy;
        float dyPart = sum - yi;
        yLow[i] = (yi - (sum - dyPart)) + (dy - dyPart);
        y[i] = sum;
    }

    @Override
    public void affine(float[] y, float[] z, float d, float c, int from, int to) {
        for (int i = from; i < to; i++) {
            float yi = y[i];
            y[i] = yi - yi * d + z[i] * c;
        }
    }

    @Override
    public void saturate(float[] g, float[] x, float a, float b, float dt, int from, int to) {
        for (int i = from; i < to; i++) {
            float ax = x[i] * a;
            float k = ax + b;
            float target = ax / k;
            float e = Exp.exp(k * -dt);
            g[i] = target + (g[i] - target) * e;
        }
    }

    @Override
    public void hill4(float[] g, float[] s, float kd, int from, int to) {
        for (int i = from; i < to; i++) {
            float g2 = g[i] * g[i];
            float g4 = g2 * g2;
            s[i] = g4 / (g4 + kd);
        }
    }

    @Override
    public void countDown(int[] pulse, int from, int to) {
        for (int i = from; i < to; i++) {
            pulse[i] = Math.max(pulse[i] - 1, 0);
        }
    }

    @Override
    public void exp(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = Exp.exp(x[i]);
        }
    }

    @Override
    public void expm1(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = Exp.expm1(x[i]);
        }
    }

    @Override
    public int firstNonFinite(float[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }
}
