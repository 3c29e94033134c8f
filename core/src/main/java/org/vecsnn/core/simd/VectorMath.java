package org.vecsnn.core.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * What every vector twin shares (the built-in lanes and each model's own loops): this JVM's species, {@link Exp}'s
 * exp and expm1 lane by lane, a spike mask to a list, RK4's weighted sum, and compensated addition. Static, so that
 * C2 inlines the helpers and treats the species as constants (held in an instance field, every vector operation
 * boxes and runs several times slower than scalar code). One width per JVM: the CPU's preferred width (which
 * {@code -XX:MaxVectorSize} limits), or the width {@code -Dvecsnn.vectorBits=128|256|512} asks for. Only code that
 * runs with the Vector API module present touches this class.
 */
public final class VectorMath {
    public static final int BITS = Integer.getInteger("vecsnn.vectorBits",
            VectorShape.preferredShape().vectorBitSize());
    public static final VectorSpecies<Float> FLOATS = VectorSpecies.of(float.class, VectorShape.forBitSize(BITS));
    public static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, VectorShape.forBitSize(BITS));
    public static final int LANES = FLOATS.length();
    /** One lane group of zeros, never written: the input of a population that takes none, a missing spike term. */
    public static final float[] ZEROS = new float[LANES];

    private VectorMath() {}

    // RK4 over arrays, a pass each: a model's stages in one loop of vectors grew past C2's node budget, which then
    // boxed them. The slopes combine as y0 + ((k2 + k3)·2 + k1 + k4)·dt/6, in that order (the plain twins' too).

    /** {@code out = k·f + y0} over {@code [from, to)}: an RK4 stage's state, or an Euler step. */
    public static void rk4Stage(float[] y0, float[] k, float f, float[] out, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            FloatVector.fromArray(FLOATS, k, i).mul(f).add(FloatVector.fromArray(FLOATS, y0, i)).intoArray(out, i);
        }
    }

    /** {@code k1 = (k2 + k3)·2 + k1}: the sum of the slopes after the third stage. */
    public static void rk4Sum(float[] k2, float[] k3, float[] k1, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            FloatVector.fromArray(FLOATS, k2, i).add(FloatVector.fromArray(FLOATS, k3, i)).mul(2f)
                    .add(FloatVector.fromArray(FLOATS, k1, i)).intoArray(k1, i);
        }
    }

    /** {@code out = (sum + k4)·sixth + y0}: the step's end ({@code out} may be {@code y0}). */
    public static void rk4End(float[] y0, float[] sum, float[] k4, float sixth, float[] out, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            FloatVector.fromArray(FLOATS, sum, i).add(FloatVector.fromArray(FLOATS, k4, i)).mul(sixth)
                    .add(FloatVector.fromArray(FLOATS, y0, i)).intoArray(out, i);
        }
    }

    /**
     * Lists the lanes set in {@code bits} (lane k = neuron i + k) below {@code size}. It takes the mask's bits, not
     * the mask: a mask passed to a method that C2 does not inline is boxed on every call.
     */
    public static int report(long bits, int i, int size, int[] spikes, int count) {
        while (bits != 0) {
            int index = i + Long.numberOfTrailingZeros(bits);
            if (index < size) {
                spikes[count++] = index;
            }
            bits &= bits - 1;
        }
        return count;
    }

    /** {@link Exp#exp}, lane by lane: the same operations in the same order. */
    public static FloatVector exp(FloatVector x) {
        // written out in one method: C2 inlines it whole where a chain of helpers exceeded its limits
        FloatVector xc = x.min(Exp.EXP_MAX).max(Exp.EXP_MIN);
        FloatVector t = xc.fma(Exp.LOG2E, Exp.ROUNDER);
        FloatVector negK = t.sub(Exp.ROUNDER).neg();
        FloatVector r = negK.fma(LN2_LO, negK.fma(LN2_HI, xc));
        FloatVector q = r.mul(r).fma(r.fma(Exp.C7, Exp.C6).fma(r, C5).fma(r, C4).fma(r, C3).fma(r, C2), r);
        IntVector k = t.reinterpretAsInts().sub(Exp.ROUNDER_BITS);
        IntVector k1 = k.lanewise(VectorOperators.ASHR, 1);
        FloatVector s1 = k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = k.sub(k1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return s1.fma(q, s1).mul(s2);
    }

    public static final FloatVector LN2_HI = FloatVector.broadcast(FLOATS, Exp.LN2_HI);
    public static final FloatVector LN2_LO = FloatVector.broadcast(FLOATS, Exp.LN2_LO);
    public static final FloatVector C5 = FloatVector.broadcast(FLOATS, Exp.C5);
    public static final FloatVector C4 = FloatVector.broadcast(FLOATS, Exp.C4);
    public static final FloatVector C3 = FloatVector.broadcast(FLOATS, Exp.C3);
    public static final FloatVector C2 = FloatVector.broadcast(FLOATS, Exp.C2);

    /** {@code y += dy} by TwoSum, the sum's rounding error into {@code yLow} (as {@code PlainKernels}). */
    public static void addCompensated(FloatVector y, FloatVector dy, float[] yOut, float[] yLow, int i) {
        FloatVector sum = y.add(dy);
        FloatVector dyPart = sum.sub(y);
        y.sub(sum.sub(dyPart)).add(dy.sub(dyPart)).intoArray(yLow, i);
        sum.intoArray(yOut, i);
    }

    /**
     * {@link Exp#exp} over an array. The operations of {@link #exp(FloatVector)} are written out again here, not
     * called: a loop that calls the helper boxes its vectors whenever C2 has compiled the helper on its own first
     * (it then refuses to inline "a big method"), and the passes of the kernels rely on this loop never boxing.
     */
    public static void expLanes(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            FloatVector xc = FloatVector.fromArray(FLOATS, x, i).min(Exp.EXP_MAX).max(Exp.EXP_MIN);
            FloatVector t = xc.fma(Exp.LOG2E, Exp.ROUNDER);
            FloatVector negK = t.sub(Exp.ROUNDER).neg();
            FloatVector r = negK.fma(LN2_LO, negK.fma(LN2_HI, xc));
            FloatVector q = r.mul(r).fma(r.fma(Exp.C7, Exp.C6).fma(r, C5).fma(r, C4).fma(r, C3).fma(r, C2), r);
            IntVector k = t.reinterpretAsInts().sub(Exp.ROUNDER_BITS);
            IntVector k1 = k.lanewise(VectorOperators.ASHR, 1);
            FloatVector s1 = k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector s2 = k.sub(k1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            s1.fma(q, s1).mul(s2).intoArray(y, i);
        }
    }

    /** {@link Exp#expm1} over an array, written out as {@link #expLanes}. */
    public static void expm1Lanes(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            FloatVector xc = FloatVector.fromArray(FLOATS, x, i).min(Exp.EXPM1_LIMIT).max(-Exp.EXPM1_LIMIT);
            FloatVector t = xc.fma(Exp.LOG2E, Exp.ROUNDER);
            FloatVector negK = t.sub(Exp.ROUNDER).neg();
            FloatVector r = negK.fma(LN2_LO, negK.fma(LN2_HI, xc));
            FloatVector q = r.mul(r).fma(r.fma(Exp.C7, Exp.C6).fma(r, C5).fma(r, C4).fma(r, C3).fma(r, C2), r);
            FloatVector s = t.reinterpretAsInts().sub(Exp.ROUNDER_BITS).add(127).lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats();
            s.fma(q, s.sub(1f)).intoArray(y, i);
        }
    }
}
