package org.vecsnn.core.simd;

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
    public void columnSums(ColumnBlocks blocks, float[] p, float[] sums) {
        int[] start = blocks.blockStart();
        int[] index = blocks.index();
        for (int b = 0; b + 1 < start.length; b++) {
            for (int lane = 0; lane < PAD; lane++) {
                float sum = 0f;
                for (int e = start[b] + lane; e < start[b + 1]; e += PAD) {
                    sum += p[index[e]];
                }
                sums[b * PAD + lane] = sum;
            }
        }
    }

    @Override
    public void weightedColumnSums(ColumnBlocks blocks, float[] a, float[] b, float[] sums) {
        int[] start = blocks.blockStart();
        int[] index = blocks.index();
        float[] weight = blocks.weight();
        for (int k = 0; k + 1 < start.length; k++) {
            for (int lane = 0; lane < PAD; lane++) {
                float sum = 0f;
                for (int e = start[k] + lane; e < start[k + 1]; e += PAD) {
                    sum += weight[e] * a[index[e]] * b[index[e]];
                }
                sums[k * PAD + lane] = sum;
            }
        }
    }

    @Override
    public void denseColumnSums(float[] w, int rows, int stride, float[] a, float[] b, float[] sums) {
        for (int i = 0; i < rows; i++) {
            float ai = a[i];
            float bi = b[i];
            for (int j = 0, e = i * stride; j < stride; j++, e++) {
                sums[j] += w[e] * ai * bi;
            }
        }
    }

    @Override
    public void poissonArrivals(long stepKey, double[] cumulative, float weight, float[] arrivals, int slot, int from,
                                int to) {
        for (int i = from; i < to; i++) {
            arrivals[slot + i] += Lanes.poissonCount(stepKey, i, cumulative) * weight;
        }
    }

    @Override
    public void flushSubnormals(float[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Math.abs(x[i]) < Float.MIN_NORMAL) {
                x[i] = 0f;
            }
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
