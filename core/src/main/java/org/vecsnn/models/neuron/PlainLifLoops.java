package org.vecsnn.models.neuron;

import org.vecsnn.core.simd.FusedExponential;

/** The scalar twin of {@link VectorLifLoops}: the reference for its results, and the fallback without the module. */
final class PlainLifLoops implements LifLoops {
    static final PlainLifLoops INSTANCE = new PlainLifLoops();

    private PlainLifLoops() {}

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
        LifLoops.requireNoRing(first, second);
        // the reference reads the input either way: without readInput it is zero and stays zero
        addExponential(0, first, v, input, from, to);
        addExponential(0, second, v, input, from, to);
        return lif(v, vLow, input, refractory, from, to, size, c, spikes, count);
    }

    @Override
    public int lifOneExponential(long step, float[] v, float[] vLow, float[] input, boolean readInput,
                                 int[] refractory, int from, int to, int size, LifCoefficients c, int[] spikes,
                                 int count, FusedExponential synapse) {
        addExponential(step, synapse, v, input, from, to);
        return lif(v, vLow, input, refractory, from, to, size, c, spikes, count);
    }

    /** The synapse's own passes: its current, its decay, then the arrivals of the next step (see Kernels#arrive). */
    private static void addExponential(long step, FusedExponential e, float[] v, float[] input, int from, int to) {
        float[] due = e.due();
        int slot = e.dueSlot(step);
        for (int i = from; i < to; i++) {
            float gi = e.g[i];
            input[i] += gi * (e.a + e.b * v[i]);
            e.g[i] = Math.fma(gi, -e.decrement, gi);
            if (due != null) {
                e.g[i] += due[slot + i];
                due[slot + i] = 0f;
            }
        }
    }
}
