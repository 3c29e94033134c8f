package org.vecsnn.core.simd;

/** The scalar twin of the vector kernels: the reference for their results, and the fallback without the module. */
public final class PlainKernels implements Kernels {
    @Override
    public String name() {
        return "plain";
    }

    @Override
    public int lif(float[] v, float[] input, int[] refractory, int from, int to, int size, LifCoefficients c,
                   int[] spikes, int count) {
        final float a = c.a(), vRest = c.vRest(), r = c.r(), vTh = c.vTh(), vReset = c.vReset();
        final int refOnSpike = Math.max(c.refractorySteps() - 1, 0);
        for (int i = from; i < to; i++) {
            int ref = refractory[i];
            if (ref > 0) {
                refractory[i] = ref - 1;
            } else {
                float vi = v[i];
                float vn = vi + a * ((vRest - vi) + r * input[i]);
                if (vn >= vTh) {
                    vn = vReset;
                    refractory[i] = refOnSpike;
                    if (i < size) {
                        spikes[count++] = i;
                    }
                }
                v[i] = vn;
            }
            input[i] = 0f;
        }
        return count;
    }

    @Override
    public int lifTwoExponentials(float[] v, float[] input, int[] refractory, int from, int to, int size,
                                  LifCoefficients c, int[] spikes, int count, FusedExponential first,
                                  FusedExponential second) {
        addExponential(first, v, input, from, to);
        addExponential(second, v, input, from, to);
        return lif(v, input, refractory, from, to, size, c, spikes, count);
    }

    private static void addExponential(FusedExponential e, float[] v, float[] input, int from, int to) {
        for (int i = from; i < to; i++) {
            float gi = e.g[i] + e.arrivals[e.slot + i];
            e.arrivals[e.slot + i] = 0f;
            input[i] += gi * (e.a + e.b * v[i]);
            e.g[i] = gi * e.decay;
        }
    }

    @Override
    public void exponentialCurrent(float[] arrivals, int slot, float[] g, float[] input, float decay, float scale,
                                   int from, int to) {
        for (int i = from; i < to; i++) {
            float gi = g[i] + arrivals[slot + i];
            arrivals[slot + i] = 0f;
            input[i] += gi * scale;
            g[i] = gi * decay;
        }
    }

    @Override
    public void exponentialConductance(float[] arrivals, int slot, float[] g, float[] v, float[] input, float decay,
                                       float reversal, int from, int to) {
        for (int i = from; i < to; i++) {
            float gi = g[i] + arrivals[slot + i];
            arrivals[slot + i] = 0f;
            input[i] += gi * (reversal - v[i]);
            g[i] = gi * decay;
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
    public void currentOutput(float[] g, float[] input, float scale, int from, int to) {
        for (int i = from; i < to; i++) {
            input[i] += g[i] * scale;
        }
    }

    @Override
    public void conductanceOutput(float[] g, float[] v, float[] input, float reversal, int from, int to) {
        for (int i = from; i < to; i++) {
            input[i] += g[i] * (reversal - v[i]);
        }
    }

    @Override
    public void mgBlockOutput(float[] g, float[] v, float[] input, float reversal, float mgOverBeta, float alpha,
                              int from, int to) {
        for (int i = from; i < to; i++) {
            float block = 1f / (1f + mgOverBeta * (float) Math.exp(-alpha * v[i]));
            input[i] += g[i] * (reversal - v[i]) * block;
        }
    }

    @Override
    public void dualExponential(float[] arrivals, int slot, float[] h, float[] g, float jump, float decay,
                                float rise, float coupling, int from, int to) {
        for (int i = from; i < to; i++) {
            float hi = h[i] + arrivals[slot + i] * jump;
            arrivals[slot + i] = 0f;
            g[i] = g[i] * decay + hi * coupling;
            h[i] = hi * rise;
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
            float e = (float) Math.exp(k * -dt);
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
    public int firstNonFinite(float[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }
}
