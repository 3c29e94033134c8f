package org.vecsnn.core.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API twin of {@link PlainKernels}: the same operations in the same order, one vector of lanes at a
 * time (species and shared helpers in {@link VectorMath}). {@link KernelProvider} loads it only after checking that
 * the module is present.
 */
public final class VectorKernels implements Kernels {
    private static final int BITS = VectorMath.BITS;
    private static final VectorSpecies<Float> FLOATS = VectorMath.FLOATS;
    private static final VectorSpecies<Integer> INTS = VectorMath.INTS;
    private static final int LANES = VectorMath.LANES;
    /** The Poisson drive's hash in 64-bit lanes, its counts added to floats of half the width (as many lanes). */
    private static final VectorSpecies<Long> LONGS = VectorSpecies.of(long.class, VectorShape.forBitSize(BITS));
    private static final VectorSpecies<Double> DOUBLES = VectorSpecies.of(double.class, VectorShape.forBitSize(BITS));
    private static final VectorSpecies<Float> HALF_FLOATS = VectorSpecies.of(float.class,
            VectorShape.forBitSize(BITS / 2));
    /**
     * A draw reaches the Poisson table's entries at or above this in at most 1 of 1024 lanes: few enough that a group
     * of 8 lanes rarely needs them.
     */
    private static final double RARE_COUNT = 1 - 0x1.0p-10;

    public VectorKernels() {
        if (PAD % LANES != 0) {
            throw new IllegalArgumentException("vector width " + BITS + " bits: " + LANES
                    + " float lanes do not divide the padding of " + PAD);
        }
    }

    /** The vector width of this JVM's kernels in bits. */
    public static int bits() {
        return BITS;
    }

    @Override
    public boolean vectorized() {
        return true;
    }

    @Override
    public String name() {
        return "vector " + BITS + "-bit (" + LANES + " float lanes)";
    }

    // The exponential-Euler and Euler steps of HH run in passes over the population (V into the input array, which
    // it no longer needs; then each gate with V at the step's start; then V stored, spikes, clears), and exp in
    // passes of its own over scratch arrays: one loop holding all ten exps exceeded C2's inlining budget, its
    // helpers were compiled on their own and called, and every vector crossing a call was boxed (600 kB allocated
    // per COBAHH step). Each neuron still sees the same operations in the same order as in the plain kernel.

    // Exponential Euler and Euler of the adaptive models in passes, as HH's: the spike term's exp (and φ's expm1)
    // over scratch arrays, then the update; the terms are recomputed from V where a pass needs them again, with the
    // same operations, so each neuron sees what the plain kernel computes. The update loops call no helper taking
    // vectors (quadratic and dw/dt written out): a helper C2 had compiled on its own was not inlined, and boxed.

    @Override
    public void exponentialCurrent(float[] g, float[] input, float decrement, float scale, int from, int to) {
        final FloatVector negD = FloatVector.broadcast(FLOATS, -decrement);
        for (int i = from; i < to; i += LANES) {
            FloatVector gi = FloatVector.fromArray(FLOATS, g, i);
            FloatVector.fromArray(FLOATS, input, i).add(gi.mul(scale)).intoArray(input, i);
            gi.fma(negD, gi).intoArray(g, i);
        }
    }

    @Override
    public void exponentialConductance(float[] g, float[] v, float[] input, float decrement, float reversal,
                                       int from, int to) {
        final FloatVector negD = FloatVector.broadcast(FLOATS, -decrement);
        final FloatVector e = FloatVector.broadcast(FLOATS, reversal);
        for (int i = from; i < to; i += LANES) {
            FloatVector gi = FloatVector.fromArray(FLOATS, g, i);
            FloatVector drive = e.sub(FloatVector.fromArray(FLOATS, v, i));
            FloatVector.fromArray(FLOATS, input, i).add(gi.mul(drive)).intoArray(input, i);
            gi.fma(negD, gi).intoArray(g, i);
        }
    }

    @Override
    public void decay(float[] y, float decrement, int from, int to) {
        final FloatVector negD = FloatVector.broadcast(FLOATS, -decrement);
        for (int i = from; i < to; i += LANES) {
            FloatVector yi = FloatVector.fromArray(FLOATS, y, i);
            yi.fma(negD, yi).intoArray(y, i);
        }
    }

    @Override
    public void voltageJump(float[] arrivals, int slot, float[] v, int[] refractory, boolean gated, int from, int to) {
        final FloatVector zero = FloatVector.zero(FLOATS);
        for (int i = from; i < to; i += LANES) {
            FloatVector jump = FloatVector.fromArray(FLOATS, arrivals, slot + i);
            if (gated) {
                VectorMask<Float> held = IntVector.fromArray(INTS, refractory, i)
                        .compare(VectorOperators.GT, 0).cast(FLOATS);
                jump = jump.blend(zero, held);
            }
            FloatVector.fromArray(FLOATS, v, i).add(jump).intoArray(v, i);
            zero.intoArray(arrivals, slot + i);
        }
    }

    @Override
    public void add(float[] input, float value, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            FloatVector.fromArray(FLOATS, input, i).add(value).intoArray(input, i);
        }
    }

    @Override
    public void arrive(float[] arrivals, int slot, float[] g, float jump, int from, int to) {
        final FloatVector zero = FloatVector.zero(FLOATS);
        for (int i = from; i < to; i += LANES) {
            FloatVector.fromArray(FLOATS, g, i).add(FloatVector.fromArray(FLOATS, arrivals, slot + i).mul(jump))
                    .intoArray(g, i);
            zero.intoArray(arrivals, slot + i);
        }
    }

    @Override
    public void axpy(float[] x, float a, float[] y, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            FloatVector.fromArray(FLOATS, y, i).add(FloatVector.fromArray(FLOATS, x, i).mul(a)).intoArray(y, i);
        }
    }

    @Override
    public void fill(float[] y, float value, int from, int to) {
        final FloatVector filled = FloatVector.broadcast(FLOATS, value);
        for (int i = from; i < to; i += LANES) {
            filled.intoArray(y, i);
        }
    }

    @Override
    public void integrate(float[] v, float[] input, int[] refractory, float d, float c, float c0, int from,
                          int to) {
        for (int i = from; i < to; i += LANES) {
            FloatVector vi = FloatVector.fromArray(FLOATS, v, i);
            VectorMask<Float> held = IntVector.fromArray(INTS, refractory, i).compare(VectorOperators.GT, 0)
                    .cast(FLOATS);
            FloatVector drive = FloatVector.fromArray(FLOATS, input, i).mul(c).add(c0);
            vi.sub(vi.mul(d)).add(drive).blend(vi, held).intoArray(v, i);
        }
    }

    @Override
    public int fire(float[] v, float[] threshold, float reset, int[] refractory, int holdSteps, int size, int from,
                    int to, int[] spikes, int count) {
        final IntVector hold = IntVector.broadcast(INTS, holdSteps);
        final FloatVector resetTo = FloatVector.broadcast(FLOATS, reset);
        for (int i = from; i < to; i += LANES) {
            FloatVector vi = FloatVector.fromArray(FLOATS, v, i);
            IntVector ref = IntVector.fromArray(INTS, refractory, i);
            VectorMask<Float> held = ref.compare(VectorOperators.GT, 0).cast(FLOATS);
            VectorMask<Float> spiked = vi.compare(VectorOperators.GE, FloatVector.fromArray(FLOATS, threshold, i))
                    .andNot(held);
            vi.blend(resetTo, spiked).intoArray(v, i);
            ref.sub(1).max(0).blend(hold, spiked.cast(INTS)).intoArray(refractory, i);
            if (spiked.anyTrue()) {
                count = VectorMath.report(spiked.toLong(), i, size, spikes, count);
            }
        }
        return count;
    }

    @Override
    public void conductanceOutput(float[] g, float[] v, float[] input, float reversal, int from, int to) {
        final FloatVector e = FloatVector.broadcast(FLOATS, reversal);
        for (int i = from; i < to; i += LANES) {
            FloatVector drive = e.sub(FloatVector.fromArray(FLOATS, v, i));
            FloatVector.fromArray(FLOATS, input, i).add(FloatVector.fromArray(FLOATS, g, i).mul(drive))
                    .intoArray(input, i);
        }
    }

    @Override
    public void conductanceInput(float[] g, float[] input, float[] conductance, float reversal, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            FloatVector gi = FloatVector.fromArray(FLOATS, g, i);
            FloatVector.fromArray(FLOATS, input, i).add(gi.mul(reversal)).intoArray(input, i);
            FloatVector.fromArray(FLOATS, conductance, i).add(gi).intoArray(conductance, i);
        }
    }

    @Override
    public void mgBlockOutput(float[] g, float[] v, float[] input, float reversal, float mgOverBeta, float alpha,
                              int from, int to) {
        final FloatVector e = FloatVector.broadcast(FLOATS, reversal);
        final FloatVector one = FloatVector.broadcast(FLOATS, 1f);
        for (int i = from; i < to; i += LANES) {
            FloatVector vi = FloatVector.fromArray(FLOATS, v, i);
            FloatVector block = one.div(VectorMath.exp(vi.mul(-alpha)).mul(mgOverBeta).add(one));
            FloatVector current = FloatVector.fromArray(FLOATS, g, i).mul(e.sub(vi)).mul(block);
            FloatVector.fromArray(FLOATS, input, i).add(current).intoArray(input, i);
        }
    }

    @Override
    public void dualExponential(float[] arrivals, int slot, float[] h, float[] g, float[] gLow, float jump,
                                float decayDecrement, float riseDecrement, float coupling, int from, int to) {
        final FloatVector zero = FloatVector.zero(FLOATS);
        final FloatVector negDecay = FloatVector.broadcast(FLOATS, -decayDecrement);
        final FloatVector negRise = FloatVector.broadcast(FLOATS, -riseDecrement);
        final FloatVector c = FloatVector.broadcast(FLOATS, coupling);
        for (int i = from; i < to; i += LANES) {
            FloatVector hi = FloatVector.fromArray(FLOATS, h, i)
                    .add(FloatVector.fromArray(FLOATS, arrivals, slot + i).mul(jump));
            zero.intoArray(arrivals, slot + i);
            FloatVector gi = FloatVector.fromArray(FLOATS, g, i);
            FloatVector dg = gi.fma(negDecay, hi.fma(c, FloatVector.fromArray(FLOATS, gLow, i)));
            VectorMath.addCompensated(gi, dg, g, gLow, i);
            hi.fma(negRise, hi).intoArray(h, i);
        }
    }

    @Override
    public void pulsedAffine(float[] y, float[] z, int[] pulse, AffineStep on, AffineStep off, int from, int to) {
        final FloatVector dOn = FloatVector.broadcast(FLOATS, on.d());
        final FloatVector c1On = FloatVector.broadcast(FLOATS, on.c1());
        final FloatVector c0On = FloatVector.broadcast(FLOATS, on.c0());
        final FloatVector dOff = FloatVector.broadcast(FLOATS, off.d());
        final FloatVector c1Off = FloatVector.broadcast(FLOATS, off.c1());
        final FloatVector c0Off = FloatVector.broadcast(FLOATS, off.c0());
        for (int i = from; i < to; i += LANES) {
            VectorMask<Float> active = IntVector.fromArray(INTS, pulse, i).compare(VectorOperators.GT, 0).cast(FLOATS);
            FloatVector d = dOff.blend(dOn, active);
            FloatVector c1 = c1Off.blend(c1On, active);
            FloatVector c0 = c0Off.blend(c0On, active);
            FloatVector yi = FloatVector.fromArray(FLOATS, y, i);
            yi.sub(yi.mul(d)).add(FloatVector.fromArray(FLOATS, z, i).mul(c1)).add(c0).intoArray(y, i);
        }
    }

    @Override
    public void relax(float[] y, float[] yLow, float[] z, float d, float c, int from, int to) {
        final FloatVector negD = FloatVector.broadcast(FLOATS, -d);
        final FloatVector cv = FloatVector.broadcast(FLOATS, c);
        for (int i = from; i < to; i += LANES) {
            FloatVector yi = FloatVector.fromArray(FLOATS, y, i);
            FloatVector drive = FloatVector.fromArray(FLOATS, z, i).fma(cv, FloatVector.fromArray(FLOATS, yLow, i));
            VectorMath.addCompensated(yi, yi.fma(negD, drive), y, yLow, i);
        }
    }

    @Override
    public void pulsedRelax(float[] y, float[] yLow, int[] pulse, AffineStep on, AffineStep off, int from, int to) {
        final FloatVector dOn = FloatVector.broadcast(FLOATS, -on.d());
        final FloatVector c0On = FloatVector.broadcast(FLOATS, on.c0());
        final FloatVector dOff = FloatVector.broadcast(FLOATS, -off.d());
        final FloatVector c0Off = FloatVector.broadcast(FLOATS, off.c0());
        for (int i = from; i < to; i += LANES) {
            VectorMask<Float> active = IntVector.fromArray(INTS, pulse, i).compare(VectorOperators.GT, 0).cast(FLOATS);
            FloatVector yi = FloatVector.fromArray(FLOATS, y, i);
            FloatVector drive = c0Off.blend(c0On, active).add(FloatVector.fromArray(FLOATS, yLow, i));
            VectorMath.addCompensated(yi, yi.fma(dOff.blend(dOn, active), drive), y, yLow, i);
        }
    }

    @Override
    public void affine(float[] y, float[] z, float d, float c, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            FloatVector yi = FloatVector.fromArray(FLOATS, y, i);
            yi.sub(yi.mul(d)).add(FloatVector.fromArray(FLOATS, z, i).mul(c)).intoArray(y, i);
        }
    }

    @Override
    public void saturate(float[] g, float[] x, float a, float b, float dt, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            FloatVector ax = FloatVector.fromArray(FLOATS, x, i).mul(a);
            FloatVector k = ax.add(b);
            FloatVector target = ax.div(k);
            FloatVector e = VectorMath.exp(k.mul(-dt));
            FloatVector gi = FloatVector.fromArray(FLOATS, g, i);
            target.add(gi.sub(target).mul(e)).intoArray(g, i);
        }
    }

    @Override
    public void hill4(float[] g, float[] s, float kd, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            FloatVector gi = FloatVector.fromArray(FLOATS, g, i);
            FloatVector g2 = gi.mul(gi);
            FloatVector g4 = g2.mul(g2);
            g4.div(g4.add(kd)).intoArray(s, i);
        }
    }

    /** Each lane sums one column: gathers of {@code p} through the blocks' indices, added in entry order. */
    @Override
    public void columnSums(ColumnBlocks blocks, float[] p, float[] sums) {
        int[] start = blocks.blockStart();
        int[] index = blocks.index();
        for (int b = 0; b + 1 < start.length; b++) {
            for (int lane = 0; lane < PAD; lane += LANES) {
                FloatVector sum = FloatVector.zero(FLOATS);
                for (int e = start[b] + lane; e < start[b + 1]; e += PAD) {
                    sum = sum.add(FloatVector.fromArray(FLOATS, p, 0, index, e));
                }
                sum.intoArray(sums, b * PAD + lane);
            }
        }
    }

    @Override
    public void weightedColumnSums(ColumnBlocks blocks, float[] a, float[] b, float[] sums) {
        int[] start = blocks.blockStart();
        int[] index = blocks.index();
        float[] weight = blocks.weight();
        for (int k = 0; k + 1 < start.length; k++) {
            for (int lane = 0; lane < PAD; lane += LANES) {
                FloatVector sum = FloatVector.zero(FLOATS);
                for (int e = start[k] + lane; e < start[k + 1]; e += PAD) {
                    sum = sum.add(FloatVector.fromArray(FLOATS, weight, e)
                            .mul(FloatVector.fromArray(FLOATS, a, 0, index, e))
                            .mul(FloatVector.fromArray(FLOATS, b, 0, index, e)));
                }
                sum.intoArray(sums, k * PAD + lane);
            }
        }
    }

    @Override
    public void denseColumnSums(float[] w, int rows, int stride, float[] a, float[] b, float[] sums) {
        for (int i = 0; i < rows; i++) {
            float ai = a[i];
            float bi = b[i];
            int row = i * stride;
            for (int j = 0; j < stride; j += LANES) {
                FloatVector.fromArray(FLOATS, w, row + j).mul(ai).mul(bi).add(FloatVector.fromArray(FLOATS, sums, j))
                        .intoArray(sums, j);
            }
        }
    }

    /**
     * {@link Lanes#poissonCount} lane by lane: the hash, then the count of table entries reached, without a branch
     * per lane. The count runs over the entries below {@link #RARE_COUNT} (6 of the 19 compared at λ = 1.28, the
     * microcircuit's L2/3E), and past them only for a lane group where some lane reaches further: a branch that
     * goes the same way for > 99 % of groups, where stopping at the first entry no lane reaches mispredicted its
     * exit in every group (14 % slower than counting all entries).
     */
    @Override
    public void poissonArrivals(long stepKey, double[] cumulative, float weight, float[] arrivals, int slot, int from,
                                int to) {
        int lanes = LONGS.length();
        int last = cumulative.length - 1;
        int common = 0; // the entries all but ~1 % of lane groups stop below
        while (common < last && cumulative[common] < RARE_COUNT) {
            common++;
        }
        LongVector lane = LongVector.zero(LONGS).addIndex(1);
        int i = from;
        for (; i <= to - lanes; i += lanes) {
            LongVector z = lane.add(i).mul(POISSON_STRIDE).add(stepKey);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xBF58476D1CE4E5B9L);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94D049BB133111EBL);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
            DoubleVector u = ((DoubleVector) z.lanewise(VectorOperators.LSHR, 11).convert(VectorOperators.L2D, 0))
                    .mul(0x1.0p-53);
            DoubleVector n = DoubleVector.zero(DOUBLES);
            for (int k = 0; k < common; k++) {
                n = n.add(1.0, u.compare(VectorOperators.GE, cumulative[k]));
            }
            // the table ascends: when no lane reaches entry `common`, none reaches a later one (the usual case)
            if (common < last && u.compare(VectorOperators.GE, cumulative[common]).anyTrue()) {
                for (int k = common; k < last; k++) {
                    n = n.add(1.0, u.compare(VectorOperators.GE, cumulative[k]));
                }
            }
            FloatVector counts = (FloatVector) n.convertShape(VectorOperators.D2F, HALF_FLOATS, 0);
            FloatVector.fromArray(HALF_FLOATS, arrivals, slot + i).add(counts.mul(weight))
                    .intoArray(arrivals, slot + i);
        }
        for (; i < to; i++) {
            arrivals[slot + i] += Lanes.poissonCount(stepKey, i, cumulative) * weight;
        }
    }

    @Override
    public void flushSubnormals(float[] x, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            FloatVector xi = FloatVector.fromArray(FLOATS, x, i);
            xi.blend(0f, xi.abs().compare(VectorOperators.LT, Float.MIN_NORMAL)).intoArray(x, i);
        }
    }

    @Override
    public void countDown(int[] pulse, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            IntVector.fromArray(INTS, pulse, i).sub(1).max(0).intoArray(pulse, i);
        }
    }

    @Override
    public void exp(float[] x, float[] y, int from, int to) {
        VectorMath.expLanes(x, y, from, to);
    }

    @Override
    public void expm1(float[] x, float[] y, int from, int to) {
        VectorMath.expm1Lanes(x, y, from, to);
    }

    @Override
    public int firstNonFinite(float[] values, int from, int to) {
        // x·0 is 0 for every finite x and NaN for NaN and ±∞: one multiply-add per vector, no branch, no mask
        FloatVector acc = FloatVector.zero(FLOATS);
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            acc = acc.add(FloatVector.fromArray(FLOATS, values, i).mul(0f));
        }
        float tail = 0f;
        for (; i < to; i++) {
            tail += values[i] * 0f;
        }
        if (Float.isNaN(acc.reduceLanes(VectorOperators.ADD) + tail)) {
            for (int k = from; k < to; k++) { // rare: find where
                if (!Float.isFinite(values[k])) {
                    return k;
                }
            }
        }
        return -1;
    }
}
