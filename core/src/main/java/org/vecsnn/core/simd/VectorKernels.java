package org.vecsnn.core.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API twin of {@link PlainKernels}: the same operations in the same order, one vector of lanes at a
 * time. This is the only class that touches {@code jdk.incubator.vector}; {@link KernelProvider} loads it only after
 * checking that the module is present.
 *
 * <p>The species are {@code static final} constants, as C2 needs them to be to compile the vector operations into
 * SIMD instructions (with a species held in an instance field, every operation boxes and runs several times slower
 * than scalar code). So there is one width per JVM: the CPU's preferred width (which {@code -XX:MaxVectorSize}
 * limits), or the width {@code -Dvecsnn.vectorBits=128|256|512} asks for.
 */
public final class VectorKernels implements Kernels {
    private static final int BITS = Integer.getInteger("vecsnn.vectorBits",
            VectorShape.preferredShape().vectorBitSize());
    private static final VectorSpecies<Float> FLOATS = VectorSpecies.of(float.class, VectorShape.forBitSize(BITS));
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, VectorShape.forBitSize(BITS));
    private static final int LANES = FLOATS.length();
    /** One lane group of zeros, never written: the input of a population that takes none, a missing spike term. */
    private static final float[] ZEROS = new float[LANES];

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

    @Override
    public int lif(float[] v, float[] vLow, float[] input, int[] refractory, int from, int to, int size,
                   LifCoefficients c, int[] spikes, int count) {
        final FloatVector a = FloatVector.broadcast(FLOATS, c.a());
        final FloatVector vRest = FloatVector.broadcast(FLOATS, c.vRest());
        final FloatVector r = FloatVector.broadcast(FLOATS, c.r());
        final FloatVector vReset = FloatVector.broadcast(FLOATS, c.vReset());
        final float vTh = c.vTh();
        final IntVector refOnSpike = IntVector.broadcast(INTS, Math.max(c.refractorySteps() - 1, 0));
        final FloatVector zero = FloatVector.zero(FLOATS);
        for (int i = from; i < to; i += LANES) {
            FloatVector vi = FloatVector.fromArray(FLOATS, v, i);
            FloatVector in = FloatVector.fromArray(FLOATS, input, i);
            IntVector ref = IntVector.fromArray(INTS, refractory, i);
            VectorMask<Integer> heldI = ref.compare(VectorOperators.GT, 0);
            VectorMask<Float> held = heldI.cast(FLOATS);
            FloatVector low = FloatVector.fromArray(FLOATS, vLow, i);
            FloatVector dv = vRest.sub(vi).add(r.mul(in)).fma(a, low);
            FloatVector sum = vi.add(dv);
            FloatVector vn = sum.blend(vi, held);
            VectorMask<Float> spiked = vn.compare(VectorOperators.GE, vTh).andNot(held);
            vn.blend(vReset, spiked).intoArray(v, i);
            dv.sub(sum.sub(vi)).blend(low, held).blend(zero, spiked).intoArray(vLow, i);
            ref.sub(1).max(0).blend(refOnSpike, spiked.cast(INTS)).intoArray(refractory, i);
            zero.intoArray(input, i);
            if (spiked.anyTrue()) {
                count = report(spiked.toLong(), i, size, spikes, count);
            }
        }
        return count;
    }

    @Override
    public int lifTwoExponentials(float[] v, float[] vLow, float[] input, boolean readInput, int[] refractory,
                                  int from, int to, int size, LifCoefficients c, int[] spikes, int count,
                                  FusedExponential first, FusedExponential second) {
        // the membrane lanes repeat lif's: moved into a helper, the vectors crossed a call and were boxed (a COBA
        // step took 10 µs instead of 2.6)
        final float[] g1 = first.g, g2 = second.g;
        final FloatVector d1 = FloatVector.broadcast(FLOATS, -first.decrement);
        final FloatVector d2 = FloatVector.broadcast(FLOATS, -second.decrement);
        final FloatVector a1 = FloatVector.broadcast(FLOATS, first.a);
        final FloatVector b1 = FloatVector.broadcast(FLOATS, first.b);
        final FloatVector a2 = FloatVector.broadcast(FLOATS, second.a);
        final FloatVector b2 = FloatVector.broadcast(FLOATS, second.b);
        final FloatVector a = FloatVector.broadcast(FLOATS, c.a());
        final FloatVector vRest = FloatVector.broadcast(FLOATS, c.vRest());
        final FloatVector r = FloatVector.broadcast(FLOATS, c.r());
        final FloatVector vReset = FloatVector.broadcast(FLOATS, c.vReset());
        final float vTh = c.vTh();
        final IntVector refOnSpike = IntVector.broadcast(INTS, Math.max(c.refractorySteps() - 1, 0));
        final FloatVector zero = FloatVector.zero(FLOATS);
        // without input, every lane group reads the same zeros (one L1 line) and the input is not cleared; chosen
        // by array and index mask, so that no vector merges across a branch (C2 would box it)
        final float[] external = readInput ? input : ZEROS;
        final int mask = readInput ? -1 : 0;
        for (int i = from; i < to; i += LANES) {
            FloatVector vi = FloatVector.fromArray(FLOATS, v, i);
            FloatVector x = FloatVector.fromArray(FLOATS, g1, i);
            FloatVector y = FloatVector.fromArray(FLOATS, g2, i);
            FloatVector in = FloatVector.fromArray(FLOATS, external, i & mask).add(x.mul(a1.add(b1.mul(vi))))
                    .add(y.mul(a2.add(b2.mul(vi))));
            x.fma(d1, x).intoArray(g1, i);
            y.fma(d2, y).intoArray(g2, i);
            IntVector ref = IntVector.fromArray(INTS, refractory, i);
            VectorMask<Integer> heldI = ref.compare(VectorOperators.GT, 0);
            VectorMask<Float> held = heldI.cast(FLOATS);
            FloatVector low = FloatVector.fromArray(FLOATS, vLow, i);
            FloatVector dv = vRest.sub(vi).add(r.mul(in)).fma(a, low);
            FloatVector sum = vi.add(dv);
            FloatVector vn = sum.blend(vi, held);
            VectorMask<Float> spiked = vn.compare(VectorOperators.GE, vTh).andNot(held);
            vn.blend(vReset, spiked).intoArray(v, i);
            dv.sub(sum.sub(vi)).blend(low, held).blend(zero, spiked).intoArray(vLow, i);
            ref.sub(1).max(0).blend(refOnSpike, spiked.cast(INTS)).intoArray(refractory, i);
            if (readInput) {
                zero.intoArray(input, i);
            }
            if (spiked.anyTrue()) {
                count = report(spiked.toLong(), i, size, spikes, count);
            }
        }
        return count;
    }

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

    // The exponential-Euler and Euler steps of HH run in passes over the population (V into the input array, which
    // it no longer needs; then each gate with V at the step's start; then V stored, spikes, clears), and exp in
    // passes of its own over scratch arrays: one loop holding all ten exps exceeded C2's inlining budget, its
    // helpers were compiled on their own and called, and every vector crossing a call was boxed (600 kB allocated
    // per COBAHH step). Each neuron still sees the same operations in the same order as in the plain kernel.

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
        final FloatVector k = FloatVector.broadcast(FLOATS, r.k());
        for (int i = from; i < to; i += LANES) {
            FloatVector e = FloatVector.fromArray(FLOATS, out, i);
            FloatVector rate = switch (r.shape()) {
                case GateRate.EXPONENTIAL -> e.mul(r.k());
                case GateRate.LINEAR -> {
                    FloatVector z = FloatVector.fromArray(FLOATS, v, i).sub(r.theta()).mul(r.invS()).neg();
                    FloatVector series = z.mul(1f / 6f).add(0.5f).mul(z).add(1f);
                    yield k.div(e.div(z).blend(series, z.abs().compare(VectorOperators.LT, PlainKernels.PHI_SERIES)));
                }
                default -> k.div(e.add(1f));
            };
            rate.intoArray(out, i);
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

    /** {@code y0 + sixth·(k1 + 2·(k2 + k3) + k4)}. */
    private static FloatVector rk4(FloatVector y0, FloatVector k1, FloatVector k2, FloatVector k3, FloatVector k4,
                                   float sixth) {
        return k2.add(k3).mul(2f).add(k1).add(k4).mul(sixth).add(y0);
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

    /**
     * Lists the lanes set in {@code bits} (lane k = neuron i + k) below {@code size}. It takes the mask's bits, not
     * the mask: a mask passed to a method that C2 does not inline is boxed on every call.
     */
    private static int report(long bits, int i, int size, int[] spikes, int count) {
        while (bits != 0) {
            int index = i + Long.numberOfTrailingZeros(bits);
            if (index < size) {
                spikes[count++] = index;
            }
            bits &= bits - 1;
        }
        return count;
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

    /** {@link Exp#exp}, lane by lane: the same operations in the same order. */
    private static FloatVector exp(FloatVector x) {
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

    /** {@link Exp#expm1}, lane by lane. */
    private static FloatVector expm1(FloatVector x) {
        FloatVector xc = x.min(Exp.EXPM1_LIMIT).max(-Exp.EXPM1_LIMIT);
        FloatVector t = xc.fma(Exp.LOG2E, Exp.ROUNDER);
        FloatVector negK = t.sub(Exp.ROUNDER).neg();
        FloatVector r = negK.fma(LN2_LO, negK.fma(LN2_HI, xc));
        FloatVector q = r.mul(r).fma(r.fma(Exp.C7, Exp.C6).fma(r, C5).fma(r, C4).fma(r, C3).fma(r, C2), r);
        FloatVector s = t.reinterpretAsInts().sub(Exp.ROUNDER_BITS).add(127).lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
        return s.fma(q, s.sub(1f));
    }

    private static final FloatVector LN2_HI = FloatVector.broadcast(FLOATS, Exp.LN2_HI);
    private static final FloatVector LN2_LO = FloatVector.broadcast(FLOATS, Exp.LN2_LO);
    private static final FloatVector C5 = FloatVector.broadcast(FLOATS, Exp.C5);
    private static final FloatVector C4 = FloatVector.broadcast(FLOATS, Exp.C4);
    private static final FloatVector C3 = FloatVector.broadcast(FLOATS, Exp.C3);
    private static final FloatVector C2 = FloatVector.broadcast(FLOATS, Exp.C2);

    /** {@code φ(z) = (e^z − 1)/z}, with the Taylor polynomial near 0 (as {@link PlainKernels#phi}). */
    private static FloatVector phi(FloatVector z) {
        FloatVector series = z.mul(1f / 6f).add(0.5f).mul(z).add(1f);
        return expm1(z).div(z)
                .blend(series, z.abs().compare(VectorOperators.LT, PlainKernels.PHI_SERIES));
    }

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

    // Exponential Euler and Euler of the adaptive models in passes, as HH's: the spike term's exp (and φ's expm1)
    // over scratch arrays, then the update; the terms are recomputed from V where a pass needs them again, with the
    // same operations, so each neuron sees what the plain kernel computes. The update loops call no helper taking
    // vectors (quadratic and dw/dt written out): a helper C2 had compiled on its own was not inlined, and boxed.

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
                    .blend(series, z.abs().compare(VectorOperators.LT, PlainKernels.PHI_SERIES));
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
                count = report(spiked.toLong(), i, size, spikes, count);
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
            FloatVector block = one.div(exp(vi.mul(-alpha)).mul(mgOverBeta).add(one));
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
            addCompensated(gi, gi.fma(negDecay, hi.fma(c, FloatVector.fromArray(FLOATS, gLow, i))), g, gLow, i);
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
            addCompensated(yi, yi.fma(negD, drive), y, yLow, i);
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
            addCompensated(yi, yi.fma(dOff.blend(dOn, active), drive), y, yLow, i);
        }
    }

    /** {@code y += dy} by TwoSum, the sum's rounding error into {@code yLow} (as {@code PlainKernels}). */
    private static void addCompensated(FloatVector y, FloatVector dy, float[] yOut, float[] yLow, int i) {
        FloatVector sum = y.add(dy);
        FloatVector dyPart = sum.sub(y);
        y.sub(sum.sub(dyPart)).add(dy.sub(dyPart)).intoArray(yLow, i);
        sum.intoArray(yOut, i);
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
            FloatVector e = exp(k.mul(-dt));
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

    @Override
    public void countDown(int[] pulse, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            IntVector.fromArray(INTS, pulse, i).sub(1).max(0).intoArray(pulse, i);
        }
    }

    @Override
    public void exp(float[] x, float[] y, int from, int to) {
        expLanes(x, y, from, to);
    }

    @Override
    public void expm1(float[] x, float[] y, int from, int to) {
        expm1Lanes(x, y, from, to);
    }

    /**
     * {@link Exp#exp} over an array. The operations of {@link #exp(FloatVector)} are written out again here, not
     * called: a loop that calls the helper boxes its vectors whenever C2 has compiled the helper on its own first
     * (it then refuses to inline "a big method"), and the passes of the kernels rely on this loop never boxing.
     */
    private static void expLanes(float[] x, float[] y, int from, int to) {
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
    private static void expm1Lanes(float[] x, float[] y, int from, int to) {
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
