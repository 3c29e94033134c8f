package org.vecsnn.models.neuron;

import static org.vecsnn.core.simd.VectorMath.FLOATS;
import static org.vecsnn.core.simd.VectorMath.INTS;
import static org.vecsnn.core.simd.VectorMath.LANES;
import static org.vecsnn.core.simd.VectorMath.ZEROS;
import static org.vecsnn.core.simd.VectorMath.expLanes;
import static org.vecsnn.core.simd.VectorMath.expm1Lanes;
import static org.vecsnn.core.simd.VectorMath.report;
import static org.vecsnn.core.simd.VectorMath.rk4End;
import static org.vecsnn.core.simd.VectorMath.rk4Stage;
import static org.vecsnn.core.simd.VectorMath.rk4Sum;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.vecsnn.core.simd.Exp;

/** The Vector API twin of {@link PlainAdaptiveLoops}, loaded by name only where the module is present. */
public final class VectorAdaptiveLoops implements AdaptiveLoops {
    public static final VectorAdaptiveLoops INSTANCE = new VectorAdaptiveLoops();

    private VectorAdaptiveLoops() {}

    @Override
    public int adaptive(float[] v, float[] w, float[] input, int[] refractory, int from, int to, int size,
                        AdaptiveCoefficients c, int[] spikes, int count, float[][] scratch) {
        return switch (c.method()) {
            case EXPONENTIAL_EULER -> adaptiveExponentialEuler(v, w, input, refractory, from, to, size, c, spikes,
                    count, scratch[0], scratch[1]);
            case EULER -> adaptiveEuler(v, w, input, refractory, from, to, size, c, spikes, count, scratch[0],
                    scratch[1]);
            default -> adaptiveRungeKutta(v, w, input, refractory, from, to, size, c, spikes, count, scratch);
        };
    }

    /** The spike term {@code e^min((V − V_T)/Δ_T, cap)} into {@code x}; false for the models without it. */
    private static boolean spikeTerms(AdaptiveCoefficients c, float[] v, float[] x, int from, int to) {
        if (c.e() == 0f) {
            return false;
        }
        for (int i = from; i < to; i += LANES) {
            FloatVector.fromArray(FLOATS, v, i).sub(c.vT()).mul(c.invDeltaT()).min(c.maxExponent()).intoArray(x, i);
        }
        expLanes(x, x, from, to);
        return true;
    }

    private static int adaptiveExponentialEuler(float[] v, float[] w, float[] input, int[] refractory, int from,
                                                int to, int size, AdaptiveCoefficients c, int[] spikes,
                                                int count, float[] terms, float[] phis) {
        final float dt = c.dt(), twoP2 = 2f * c.p2(), eSlope = c.e() * c.invDeltaT();
        final boolean spiking = spikeTerms(c, v, terms, from, to);
        final float[] x = spiking ? terms : ZEROS;
        final int mask = spiking ? -1 : 0;
        for (int i = from; i < to; i += LANES) {
            FloatVector jacobian = FloatVector.fromArray(FLOATS, v, i).mul(twoP2).add(c.p1())
                    .add(FloatVector.fromArray(FLOATS, x, i & mask).mul(eSlope));
            jacobian.mul(dt).intoArray(phis, i);
        }
        expm1Lanes(phis, phis, from, to);
        for (int i = from; i < to; i += LANES) {
            FloatVector v0 = FloatVector.fromArray(FLOATS, v, i);
            FloatVector w0 = FloatVector.fromArray(FLOATS, w, i);
            FloatVector xi = FloatVector.fromArray(FLOATS, x, i & mask);
            FloatVector f = v0.mul(c.p2()).mul(v0).add(v0.mul(c.p1())).add(c.p0()).add(xi.mul(c.e()))
                    .sub(w0.mul(c.q())).add(FloatVector.fromArray(FLOATS, input, i).mul(c.r()));
            FloatVector z = v0.mul(twoP2).add(c.p1()).add(xi.mul(eSlope)).mul(dt);
            FloatVector series = z.mul(1f / 6f).add(0.5f).mul(z).add(1f);
            FloatVector phi = FloatVector.fromArray(FLOATS, phis, i).div(z)
                    .blend(series, z.abs().compare(VectorOperators.LT, Exp.PHI_SERIES));
            phi.mul(dt).mul(f).add(v0).intoArray(phis, i); // V and w of the step, stored in a pass of their own
            FloatVector wInf = v0.sub(c.vW()).mul(c.a());
            w0.sub(wInf).mul(c.wDecay()).add(wInf).intoArray(terms, i);
        }
        return storeAdaptive(v, w, phis, terms, input, refractory, from, to, size, c, spikes, count);
    }

    /** The last pass of the split steps: V from {@code vn}, w from {@code wn}, as {@link #storeAdaptive}. */
    private static int storeAdaptive(float[] v, float[] w, float[] vn, float[] wn, float[] input, int[] refractory,
                                     int from, int to, int size, AdaptiveCoefficients c, int[] spikes, int count) {
        for (int i = from; i < to; i += LANES) {
            count = storeAdaptive(FloatVector.fromArray(FLOATS, v, i), FloatVector.fromArray(FLOATS, vn, i),
                    FloatVector.fromArray(FLOATS, wn, i), v, w, input, refractory, i, size, c, spikes, count);
        }
        return count;
    }

    private static int adaptiveEuler(float[] v, float[] w, float[] input, int[] refractory, int from, int to,
                                     int size, AdaptiveCoefficients c, int[] spikes, int count, float[] terms,
                                     float[] vn) {
        final float dt = c.dt();
        final boolean spiking = spikeTerms(c, v, terms, from, to);
        final float[] x = spiking ? terms : ZEROS;
        final int mask = spiking ? -1 : 0;
        for (int i = from; i < to; i += LANES) {
            FloatVector v0 = FloatVector.fromArray(FLOATS, v, i);
            FloatVector w0 = FloatVector.fromArray(FLOATS, w, i);
            FloatVector dv = v0.mul(c.p2()).mul(v0).add(v0.mul(c.p1())).add(c.p0())
                    .add(FloatVector.fromArray(FLOATS, x, i & mask).mul(c.e()))
                    .sub(w0.mul(c.q())).add(FloatVector.fromArray(FLOATS, input, i).mul(c.r()));
            dv.mul(dt).add(v0).intoArray(vn, i);
            v0.sub(c.vW()).mul(c.a()).sub(w0).mul(c.invTauW()).mul(dt).add(w0).intoArray(terms, i);
        }
        return storeAdaptive(v, w, vn, terms, input, refractory, from, to, size, c, spikes, count);
    }

    /**
     * RK4 in passes over the population, as the Euler steps: each stage's slopes into arrays (the spike term by
     * {@link #spikeTerms}), then the next stage's state ({@code VectorMath.rk4Stage} and the rest).
     */
    private static int adaptiveRungeKutta(float[] v, float[] w, float[] input, int[] refractory, int from, int to,
                                          int size, AdaptiveCoefficients c, int[] spikes, int count,
                                          float[][] scratch) {
        final float dt = c.dt(), half = dt * 0.5f, sixth = dt / 6f;
        final float[] terms = scratch[0], vs = scratch[2], ws = scratch[3];
        final float[] kv1 = scratch[4], kw1 = scratch[5], kv2 = scratch[6], kw2 = scratch[7], kv3 = scratch[8],
                kw3 = scratch[9];
        slopes(c, v, w, input, kv1, kw1, from, to, terms);
        rk4Stage(v, kv1, half, vs, from, to);
        rk4Stage(w, kw1, half, ws, from, to);
        slopes(c, vs, ws, input, kv2, kw2, from, to, terms);
        rk4Stage(v, kv2, half, vs, from, to);
        rk4Stage(w, kw2, half, ws, from, to);
        slopes(c, vs, ws, input, kv3, kw3, from, to, terms);
        rk4Sum(kv2, kv3, kv1, from, to);
        rk4Sum(kw2, kw3, kw1, from, to);
        rk4Stage(v, kv3, dt, vs, from, to);
        rk4Stage(w, kw3, dt, ws, from, to);
        // the fourth stage's slopes into the second's arrays, then V and w of the step into vs and ws
        slopes(c, vs, ws, input, kv2, kw2, from, to, terms);
        rk4End(v, kv1, kv2, sixth, vs, from, to);
        rk4End(w, kw1, kw2, sixth, ws, from, to);
        return storeAdaptive(v, w, vs, ws, input, refractory, from, to, size, c, spikes, count);
    }

    /** dV/dt and dw/dt at (vs, ws) into kv and kw, the spike term through {@code terms}. */
    private static void slopes(AdaptiveCoefficients c, float[] vs, float[] ws, float[] input, float[] kv, float[] kw,
                               int from, int to, float[] terms) {
        final boolean spiking = spikeTerms(c, vs, terms, from, to);
        final float[] x = spiking ? terms : ZEROS;
        final int mask = spiking ? -1 : 0;
        for (int i = from; i < to; i += LANES) {
            FloatVector v0 = FloatVector.fromArray(FLOATS, vs, i);
            FloatVector w0 = FloatVector.fromArray(FLOATS, ws, i);
            v0.mul(c.p2()).mul(v0).add(v0.mul(c.p1())).add(c.p0())
                    .add(FloatVector.fromArray(FLOATS, x, i & mask).mul(c.e()))
                    .sub(w0.mul(c.q())).add(FloatVector.fromArray(FLOATS, input, i).mul(c.r())).intoArray(kv, i);
            v0.sub(c.vW()).mul(c.a()).sub(w0).mul(c.invTauW()).intoArray(kw, i);
        }
    }

    /** Holds V of refractory neurons, resets those at threshold (w += b), stores V and w, clears the input. */
    private static int storeAdaptive(FloatVector v0, FloatVector vn, FloatVector wn, float[] v, float[] w,
                                     float[] input, int[] refractory, int i, int size, AdaptiveCoefficients c,
                                     int[] spikes, int count) {
        IntVector ref = IntVector.fromArray(INTS, refractory, i);
        VectorMask<Float> held = ref.compare(VectorOperators.GT, 0).cast(FLOATS);
        FloatVector vh = vn.blend(v0, held);
        VectorMask<Float> spiked = vh.compare(VectorOperators.GE, c.vTh()).andNot(held);
        vh.blend(c.vReset(), spiked).intoArray(v, i);
        wn.add(c.b(), spiked).intoArray(w, i);
        ref.sub(1).max(0).blend(Math.max(c.refractorySteps() - 1, 0), spiked.cast(INTS)).intoArray(refractory, i);
        FloatVector.zero(FLOATS).intoArray(input, i);
        return spiked.anyTrue() ? report(spiked.toLong(), i, size, spikes, count) : count;
    }
}
