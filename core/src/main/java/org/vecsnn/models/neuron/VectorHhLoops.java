package org.vecsnn.models.neuron;

import static org.vecsnn.core.simd.VectorMath.FLOATS;
import static org.vecsnn.core.simd.VectorMath.INTS;
import static org.vecsnn.core.simd.VectorMath.LANES;
import static org.vecsnn.core.simd.VectorMath.exp;
import static org.vecsnn.core.simd.VectorMath.expLanes;
import static org.vecsnn.core.simd.VectorMath.expm1;
import static org.vecsnn.core.simd.VectorMath.expm1Lanes;
import static org.vecsnn.core.simd.VectorMath.phi;
import static org.vecsnn.core.simd.VectorMath.report;
import static org.vecsnn.core.simd.VectorMath.rk4;

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
                             int count, float[] scratch, float[] scratch2) {
        // one loop per method, so that no vector merges across branches (C2 would box it)
        return switch (c.method()) {
            case EXPONENTIAL_EULER -> hhExponentialEuler(v, m, h, n, input, conductance, refractory, from, to, size, c,
                    spikes, count, scratch, scratch2);
            case EULER -> hhEuler(v, m, h, n, input, conductance, refractory, from, to, size, c, spikes, count,
                    scratch, scratch2);
            default -> hhRungeKutta(v, m, h, n, input, conductance, refractory, from, to, size, c, spikes,
                    count);
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
        ratePasses(alpha, v, a, from, to);
        ratePasses(beta, v, b, from, to);
        if (exact) {
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
        } else {
            for (int i = from; i < to; i += LANES) {
                FloatVector x0 = FloatVector.fromArray(FLOATS, x, i);
                FloatVector.fromArray(FLOATS, a, i).mul(x0.neg().add(1f))
                        .sub(FloatVector.fromArray(FLOATS, b, i).mul(x0)).mul(dt).add(x0).intoArray(x, i);
            }
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

    private static int hhRungeKutta(float[] v, float[] m, float[] h, float[] n, float[] input,
                                    float[] conductance, int[] refractory, int from, int to, int size,
                                    HhCoefficients c, int[] spikes, int count) {
        final float dt = c.dt(), half = dt * 0.5f, sixth = dt / 6f;
        final GateRate am = c.alphaM(), bm = c.betaM(), ah = c.alphaH(), bh = c.betaH(), an = c.alphaN(),
                bn = c.betaN();
        for (int i = from; i < to; i += LANES) {
            FloatVector v0 = FloatVector.fromArray(FLOATS, v, i);
            FloatVector m0 = FloatVector.fromArray(FLOATS, m, i);
            FloatVector h0 = FloatVector.fromArray(FLOATS, h, i);
            FloatVector n0 = FloatVector.fromArray(FLOATS, n, i);
            FloatVector in = FloatVector.fromArray(FLOATS, input, i);
            FloatVector gs = FloatVector.fromArray(FLOATS, conductance, i);
            FloatVector kv1 = hhDv(c, v0, m0, h0, n0, in, gs), km1 = gate(am, bm, v0, m0), kh1 = gate(ah, bh, v0, h0),
                    kn1 = gate(an, bn, v0, n0);
            FloatVector v1 = kv1.mul(half).add(v0), m1 = km1.mul(half).add(m0), h1 = kh1.mul(half).add(h0),
                    n1 = kn1.mul(half).add(n0);
            FloatVector kv2 = hhDv(c, v1, m1, h1, n1, in, gs), km2 = gate(am, bm, v1, m1), kh2 = gate(ah, bh, v1, h1),
                    kn2 = gate(an, bn, v1, n1);
            FloatVector v2 = kv2.mul(half).add(v0), m2 = km2.mul(half).add(m0), h2 = kh2.mul(half).add(h0),
                    n2 = kn2.mul(half).add(n0);
            FloatVector kv3 = hhDv(c, v2, m2, h2, n2, in, gs), km3 = gate(am, bm, v2, m2), kh3 = gate(ah, bh, v2, h2),
                    kn3 = gate(an, bn, v2, n2);
            FloatVector v3 = kv3.mul(dt).add(v0), m3 = km3.mul(dt).add(m0), h3 = kh3.mul(dt).add(h0),
                    n3 = kn3.mul(dt).add(n0);
            FloatVector kv4 = hhDv(c, v3, m3, h3, n3, in, gs), km4 = gate(am, bm, v3, m3), kh4 = gate(ah, bh, v3, h3),
                    kn4 = gate(an, bn, v3, n3);
            rk4(m0, km1, km2, km3, km4, sixth).intoArray(m, i);
            rk4(h0, kh1, kh2, kh3, kh4, sixth).intoArray(h, i);
            rk4(n0, kn1, kn2, kn3, kn4, sixth).intoArray(n, i);
            count = storeHh(v0, rk4(v0, kv1, kv2, kv3, kv4, sixth), v, input, conductance, refractory, i, size, c,
                    spikes, count);
        }
        return count;
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

    private static FloatVector gate(GateRate alpha, GateRate beta, FloatVector v, FloatVector x) {
        return rate(alpha, v).mul(x.neg().add(1f)).sub(rate(beta, v).mul(x));
    }

    private static FloatVector rate(GateRate r, FloatVector v) {
        FloatVector x = v.sub(r.theta()).mul(r.invS());
        return switch (r.shape()) {
            case GateRate.EXPONENTIAL -> exp(x.neg()).mul(r.k());
            case GateRate.LINEAR -> FloatVector.broadcast(FLOATS, r.k()).div(phi(x.neg()));
            default -> FloatVector.broadcast(FLOATS, r.k()).div(exp(x.neg()).add(1f));
        };
    }
}
