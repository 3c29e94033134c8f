package org.vecsnn.models.neuron;

import static org.vecsnn.core.simd.VectorMath.FLOATS;
import static org.vecsnn.core.simd.VectorMath.INTS;
import static org.vecsnn.core.simd.VectorMath.LANES;
import static org.vecsnn.core.simd.VectorMath.ZEROS;
import static org.vecsnn.core.simd.VectorMath.exp;
import static org.vecsnn.core.simd.VectorMath.expLanes;
import static org.vecsnn.core.simd.VectorMath.expm1Lanes;
import static org.vecsnn.core.simd.VectorMath.phi;
import static org.vecsnn.core.simd.VectorMath.report;
import static org.vecsnn.core.simd.VectorMath.rk4;

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
                        AdaptiveCoefficients c, int[] spikes, int count, float[] scratch, float[] scratch2) {
        return switch (c.method()) {
            case EXPONENTIAL_EULER -> adaptiveExponentialEuler(v, w, input, refractory, from, to, size, c, spikes,
                    count, scratch, scratch2);
            case EULER -> adaptiveEuler(v, w, input, refractory, from, to, size, c, spikes, count, scratch, scratch2);
            default -> adaptiveRungeKutta(v, w, input, refractory, from, to, size, c, spikes, count);
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

    private static int adaptiveRungeKutta(float[] v, float[] w, float[] input, int[] refractory, int from, int to,
                                          int size, AdaptiveCoefficients c, int[] spikes, int count) {
        final float dt = c.dt(), half = dt * 0.5f, sixth = dt / 6f;
        for (int i = from; i < to; i += LANES) {
            FloatVector v0 = FloatVector.fromArray(FLOATS, v, i);
            FloatVector w0 = FloatVector.fromArray(FLOATS, w, i);
            FloatVector in = FloatVector.fromArray(FLOATS, input, i);
            FloatVector kv1 = adaptiveDv(c, v0, w0, in), kw1 = adaptiveDw(c, v0, w0);
            FloatVector v1 = kv1.mul(half).add(v0), w1 = kw1.mul(half).add(w0);
            FloatVector kv2 = adaptiveDv(c, v1, w1, in), kw2 = adaptiveDw(c, v1, w1);
            FloatVector v2 = kv2.mul(half).add(v0), w2 = kw2.mul(half).add(w0);
            FloatVector kv3 = adaptiveDv(c, v2, w2, in), kw3 = adaptiveDw(c, v2, w2);
            FloatVector v3 = kv3.mul(dt).add(v0), w3 = kw3.mul(dt).add(w0);
            FloatVector kv4 = adaptiveDv(c, v3, w3, in), kw4 = adaptiveDw(c, v3, w3);
            count = storeAdaptive(v0, rk4(v0, kv1, kv2, kv3, kv4, sixth), rk4(w0, kw1, kw2, kw3, kw4, sixth), v, w,
                    input, refractory, i, size, c, spikes, count);
        }
        return count;
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

    private static FloatVector quadratic(AdaptiveCoefficients c, FloatVector v) {
        return v.mul(c.p2()).mul(v).add(v.mul(c.p1())).add(c.p0());
    }

    private static FloatVector spikeTerm(AdaptiveCoefficients c, FloatVector v) {
        if (c.e() == 0f) {
            return FloatVector.zero(FLOATS);
        }
        return exp(v.sub(c.vT()).mul(c.invDeltaT()).min(c.maxExponent()));
    }

    private static FloatVector adaptiveDv(AdaptiveCoefficients c, FloatVector v, FloatVector w, FloatVector in) {
        return quadratic(c, v).add(spikeTerm(c, v).mul(c.e())).sub(w.mul(c.q())).add(in.mul(c.r()));
    }

    private static FloatVector adaptiveDw(AdaptiveCoefficients c, FloatVector v, FloatVector w) {
        return v.sub(c.vW()).mul(c.a()).sub(w).mul(c.invTauW());
    }
}
