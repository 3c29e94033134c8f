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
}
