package org.vecsnn.models.neuron;

import static org.vecsnn.core.simd.VectorMath.FLOATS;
import static org.vecsnn.core.simd.VectorMath.INTS;
import static org.vecsnn.core.simd.VectorMath.LANES;
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

/** The Vector API twin of {@link PlainHhLoops}, loaded by name only where the module is present. */
public final class VectorHhLoops implements HhLoops {
    public static final VectorHhLoops INSTANCE = new VectorHhLoops();

    private VectorHhLoops() {}

    @Override
    public int hodgkinHuxley(float[] v, float[] m, float[] h, float[] n, float[] input, float[] conductance,
                             int[] refractory, int from, int to, int size, HhCoefficients c, int[] spikes,
                             int count, float[][] scratch) {
        // one loop per method, so that no vector merges across branches (C2 would box it)
        return switch (c.method()) {
            case EXPONENTIAL_EULER -> hhExponentialEuler(v, m, h, n, input, conductance, refractory, from, to, size, c,
                    spikes, count, scratch[0], scratch[1]);
            case EULER -> hhEuler(v, m, h, n, input, conductance, refractory, from, to, size, c, spikes, count,
                    scratch[0], scratch[1]);
            default -> hhRungeKutta(v, m, h, n, input, conductance, refractory, from, to, size, c, spikes,
                    count, scratch);
        };
    }

    private static int hhExponentialEuler(float[] v, float[] m, float[] h, float[] n, float[] input,
                                          float[] conductance, int[] refractory, int from, int to, int size,
                                          HhCoefficients c, int[] spikes, int count, float[] arg, float[] vInf) {
        final float dt = c.dt();
        final float gL = c.gL(), leak = c.gL() * c.eL(), eNa = c.eNa(), eK = c.eK(), invC = c.invC();
        for (int i = from; i < to; i += LANES) {
            FloatVector m0 = FloatVector.fromArray(FLOATS, m, i);
            FloatVector h0 = FloatVector.fromArray(FLOATS, h, i);
            FloatVector n0 = FloatVector.fromArray(FLOATS, n, i);
            FloatVector gNa = m0.mul(m0).mul(m0).mul(h0).mul(c.gNa());
            FloatVector n2 = n0.mul(n0);
            FloatVector gK = n2.mul(n2).mul(c.gK());
            FloatVector g = gNa.add(gK).add(gL).add(FloatVector.fromArray(FLOATS, conductance, i));
            gNa.mul(eNa).add(gK.mul(eK)).add(leak).add(FloatVector.fromArray(FLOATS, input, i)).div(g)
                    .intoArray(vInf, i);
            g.mul(invC).mul(dt).neg().intoArray(arg, i);
        }
        expLanes(arg, arg, from, to);
        for (int i = from; i < to; i += LANES) {
            FloatVector x = FloatVector.fromArray(FLOATS, vInf, i);
            FloatVector.fromArray(FLOATS, v, i).sub(x).mul(FloatVector.fromArray(FLOATS, arg, i)).add(x)
                    .intoArray(input, i);
        }
        return gatesAndStore(true, v, m, h, n, input, conductance, refractory, from, to, size, c, spikes, count,
                arg, vInf);
    }

    /** The gates' passes with V at the step's start (exactly, or by Euler), then V stored, spikes, clears. */
    private static int gatesAndStore(boolean exact, float[] v, float[] m, float[] h, float[] n, float[] input,
                                     float[] conductance, int[] refractory, int from, int to, int size,
                                     HhCoefficients c, int[] spikes, int count, float[] a, float[] b) {
        gatePasses(exact, c.alphaM(), c.betaM(), v, m, c.dt(), from, to, a, b);
        gatePasses(exact, c.alphaH(), c.betaH(), v, h, c.dt(), from, to, a, b);
        gatePasses(exact, c.alphaN(), c.betaN(), v, n, c.dt(), from, to, a, b);
        return storeHh(v, input, conductance, refractory, from, to, size, c, spikes, count);
    }

    /**
     * One gate in passes, α into a and β into b: exactly, {@code x∞ + (x − x∞)·e^(−(α+β)·dt)} with V held, or by
     * Euler, {@code x += dt·(α(1 − x) − β·x)} (each as the plain kernel computes it).
     */
    private static void gatePasses(boolean exact, GateRate alpha, GateRate beta, float[] v, float[] x, float dt,
                                   int from, int to, float[] a, float[] b) {
        if (!exact) { // Euler: RK4's first stage, its slope into a
            gateSlopes(alpha, beta, v, x, a, from, to, a, b);
            rk4Stage(x, a, dt, x, from, to);
            return;
        }
        ratePasses(alpha, v, a, from, to);
        ratePasses(beta, v, b, from, to);
        for (int i = from; i < to; i += LANES) {
            FloatVector ai = FloatVector.fromArray(FLOATS, a, i);
            FloatVector k = ai.add(FloatVector.fromArray(FLOATS, b, i));
            ai.div(k).intoArray(a, i);
            k.mul(dt).neg().intoArray(b, i);
        }
        expLanes(b, b, from, to);
        for (int i = from; i < to; i += LANES) {
            FloatVector xInf = FloatVector.fromArray(FLOATS, a, i);
            FloatVector.fromArray(FLOATS, x, i).sub(xInf).mul(FloatVector.fromArray(FLOATS, b, i)).add(xInf)
                    .intoArray(x, i);
        }
    }

    /** A rate function at V into {@code out}, as {@link #rate}: its argument, then exp or expm1, then the form. */
    private static void ratePasses(GateRate r, float[] v, float[] out, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            FloatVector.fromArray(FLOATS, v, i).sub(r.theta()).mul(r.invS()).neg().intoArray(out, i);
        }
        if (r.shape() == GateRate.LINEAR) {
            expm1Lanes(out, out, from, to);
        } else {
            expLanes(out, out, from, to);
        }
        // one loop per shape: a vector chosen by a switch inside the loop merged across its branches, and C2 boxed
        // it (480 B per step for the squid axon's 6 rates)
        final FloatVector k = FloatVector.broadcast(FLOATS, r.k());
        switch (r.shape()) {
            case GateRate.EXPONENTIAL -> {
                for (int i = from; i < to; i += LANES) {
                    FloatVector.fromArray(FLOATS, out, i).mul(r.k()).intoArray(out, i);
                }
            }
            case GateRate.LINEAR -> {
                for (int i = from; i < to; i += LANES) {
                    FloatVector e = FloatVector.fromArray(FLOATS, out, i);
                    FloatVector z = FloatVector.fromArray(FLOATS, v, i).sub(r.theta()).mul(r.invS()).neg();
                    FloatVector series = z.mul(1f / 6f).add(0.5f).mul(z).add(1f);
                    k.div(e.div(z).blend(series, z.abs().compare(VectorOperators.LT, Exp.PHI_SERIES)))
                            .intoArray(out, i);
                }
            }
            default -> {
                for (int i = from; i < to; i += LANES) {
                    k.div(FloatVector.fromArray(FLOATS, out, i).add(1f)).intoArray(out, i);
                }
            }
        }
    }

    private static int hhEuler(float[] v, float[] m, float[] h, float[] n, float[] input, float[] conductance,
                               int[] refractory, int from, int to, int size, HhCoefficients c, int[] spikes,
                               int count, float[] a, float[] b) {
        final float dt = c.dt();
        for (int i = from; i < to; i += LANES) {
            FloatVector v0 = FloatVector.fromArray(FLOATS, v, i);
            FloatVector in = FloatVector.fromArray(FLOATS, input, i);
            FloatVector gs = FloatVector.fromArray(FLOATS, conductance, i);
            hhDv(c, v0, FloatVector.fromArray(FLOATS, m, i), FloatVector.fromArray(FLOATS, h, i),
                    FloatVector.fromArray(FLOATS, n, i), in, gs).mul(dt).add(v0).intoArray(input, i);
        }
        return gatesAndStore(false, v, m, h, n, input, conductance, refractory, from, to, size, c, spikes, count, a,
                b);
    }

    /** Pass 3 of the split steps: V from the input array, where the first pass left it. */
    private static int storeHh(float[] v, float[] input, float[] conductance, int[] refractory, int from, int to,
                               int size, HhCoefficients c, int[] spikes, int count) {
        for (int i = from; i < to; i += LANES) {
            count = storeHh(FloatVector.fromArray(FLOATS, v, i), FloatVector.fromArray(FLOATS, input, i), v, input,
                    conductance, refractory, i, size, c, spikes, count);
        }
        return count;
    }

    /**
     * RK4 in passes over the population, as the Euler steps: each stage's slopes into arrays (the gates' rates by
     * {@link #ratePasses}), then the next stage's state ({@code VectorMath.rk4Stage} and the rest).
     */
    private static int hhRungeKutta(float[] v, float[] m, float[] h, float[] n, float[] input,
                                    float[] conductance, int[] refractory, int from, int to, int size,
                                    HhCoefficients c, int[] spikes, int count, float[][] scratch) {
        final float dt = c.dt(), half = dt * 0.5f, sixth = dt / 6f;
        final float[] a = scratch[0], b = scratch[1];
        final float[] vs = scratch[2], ms = scratch[3], hs = scratch[4], ns = scratch[5];
        final float[] kv1 = scratch[6], km1 = scratch[7], kh1 = scratch[8], kn1 = scratch[9];
        final float[] kv2 = scratch[10], km2 = scratch[11], kh2 = scratch[12], kn2 = scratch[13];
        final float[] kv3 = scratch[14], km3 = scratch[15], kh3 = scratch[16], kn3 = scratch[17];
        slopes(c, v, m, h, n, input, conductance, kv1, km1, kh1, kn1, from, to, a, b);
        rk4Stage(v, kv1, half, vs, from, to);
        rk4Stage(m, km1, half, ms, from, to);
        rk4Stage(h, kh1, half, hs, from, to);
        rk4Stage(n, kn1, half, ns, from, to);
        slopes(c, vs, ms, hs, ns, input, conductance, kv2, km2, kh2, kn2, from, to, a, b);
        rk4Stage(v, kv2, half, vs, from, to);
        rk4Stage(m, km2, half, ms, from, to);
        rk4Stage(h, kh2, half, hs, from, to);
        rk4Stage(n, kn2, half, ns, from, to);
        slopes(c, vs, ms, hs, ns, input, conductance, kv3, km3, kh3, kn3, from, to, a, b);
        rk4Sum(kv2, kv3, kv1, from, to);
        rk4Sum(km2, km3, km1, from, to);
        rk4Sum(kh2, kh3, kh1, from, to);
        rk4Sum(kn2, kn3, kn1, from, to);
        rk4Stage(v, kv3, dt, vs, from, to);
        rk4Stage(m, km3, dt, ms, from, to);
        rk4Stage(h, kh3, dt, hs, from, to);
        rk4Stage(n, kn3, dt, ns, from, to);
        // the fourth stage's slopes into the second's arrays
        slopes(c, vs, ms, hs, ns, input, conductance, kv2, km2, kh2, kn2, from, to, a, b);
        rk4End(m, km1, km2, sixth, m, from, to);
        rk4End(h, kh1, kh2, sixth, h, from, to);
        rk4End(n, kn1, kn2, sixth, n, from, to);
        rk4End(v, kv1, kv2, sixth, input, from, to); // the new V where storeHh takes it, as the Euler steps do
        return storeHh(v, input, conductance, refractory, from, to, size, c, spikes, count);
    }

    /** The slopes of V, m, h and n at (vs, ms, hs, ns) into kv, km, kh, kn, the rates through a and b. */
    private static void slopes(HhCoefficients c, float[] vs, float[] ms, float[] hs, float[] ns, float[] input,
                               float[] conductance, float[] kv, float[] km, float[] kh, float[] kn, int from, int to,
                               float[] a, float[] b) {
        gateSlopes(c.alphaM(), c.betaM(), vs, ms, km, from, to, a, b);
        gateSlopes(c.alphaH(), c.betaH(), vs, hs, kh, from, to, a, b);
        gateSlopes(c.alphaN(), c.betaN(), vs, ns, kn, from, to, a, b);
        for (int i = from; i < to; i += LANES) {
            hhDv(c, FloatVector.fromArray(FLOATS, vs, i), FloatVector.fromArray(FLOATS, ms, i),
                    FloatVector.fromArray(FLOATS, hs, i), FloatVector.fromArray(FLOATS, ns, i),
                    FloatVector.fromArray(FLOATS, input, i), FloatVector.fromArray(FLOATS, conductance, i))
                    .intoArray(kv, i);
        }
    }

    /** A gate's slope {@code α(V)·(1 − x) − β(V)·x} into {@code k} (which may be a), the rates into a and b. */
    private static void gateSlopes(GateRate alpha, GateRate beta, float[] v, float[] x, float[] k, int from, int to,
                                   float[] a, float[] b) {
        ratePasses(alpha, v, a, from, to);
        ratePasses(beta, v, b, from, to);
        for (int i = from; i < to; i += LANES) {
            FloatVector x0 = FloatVector.fromArray(FLOATS, x, i);
            FloatVector.fromArray(FLOATS, a, i).mul(x0.neg().add(1f)).sub(FloatVector.fromArray(FLOATS, b, i).mul(x0))
                    .intoArray(k, i);
        }
    }

    /**
     * Stores V, clears input and conductance, and reports upward threshold crossings of neurons that are not
     * refractory.
     */
    private static int storeHh(FloatVector v0, FloatVector vn, float[] v, float[] input, float[] conductance,
                               int[] refractory, int i, int size, HhCoefficients c, int[] spikes, int count) {
        vn.intoArray(v, i);
        FloatVector.zero(FLOATS).intoArray(input, i);
        FloatVector.zero(FLOATS).intoArray(conductance, i);
        IntVector ref = IntVector.fromArray(INTS, refractory, i);
        VectorMask<Float> held = ref.compare(VectorOperators.GT, 0).cast(FLOATS);
        VectorMask<Float> spiked = v0.compare(VectorOperators.LT, c.vTh())
                .and(vn.compare(VectorOperators.GE, c.vTh())).andNot(held);
        ref.sub(1).max(0).blend(Math.max(c.refractorySteps() - 1, 0), spiked.cast(INTS)).intoArray(refractory, i);
        return spiked.anyTrue() ? report(spiked.toLong(), i, size, spikes, count) : count;
    }

    private static FloatVector hhDv(HhCoefficients c, FloatVector v, FloatVector m, FloatVector h, FloatVector n,
                                    FloatVector in, FloatVector gs) {
        FloatVector n2 = n.mul(n);
        FloatVector na = m.mul(m).mul(m).mul(h).mul(c.gNa()).mul(v.neg().add(c.eNa()));
        FloatVector k = n2.mul(n2).mul(c.gK()).mul(v.neg().add(c.eK()));
        return na.add(k).add(v.neg().add(c.eL()).mul(c.gL())).add(in).sub(gs.mul(v)).mul(c.invC());
    }
}
