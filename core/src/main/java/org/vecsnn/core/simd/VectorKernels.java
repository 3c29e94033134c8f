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
    public String name() {
        return "vector " + BITS + "-bit (" + LANES + " float lanes)";
    }

    @Override
    public int lif(float[] v, float[] input, int[] refractory, int from, int to, int size, LifCoefficients c,
                   int[] spikes, int count) {
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
            FloatVector vn = vRest.sub(vi).add(r.mul(in)).mul(a).add(vi).blend(vi, held);
            VectorMask<Float> spiked = vn.compare(VectorOperators.GE, vTh).andNot(held);
            vn.blend(vReset, spiked).intoArray(v, i);
            ref.sub(1).max(0).blend(refOnSpike, spiked.cast(INTS)).intoArray(refractory, i);
            zero.intoArray(input, i);
            if (spiked.anyTrue()) {
                long bits = spiked.toLong();
                while (bits != 0) {
                    int index = i + Long.numberOfTrailingZeros(bits);
                    if (index < size) {
                        spikes[count++] = index;
                    }
                    bits &= bits - 1;
                }
            }
        }
        return count;
    }

    @Override
    public int lifTwoExponentials(float[] v, float[] input, int[] refractory, int from, int to, int size,
                                  LifCoefficients c, int[] spikes, int count, FusedExponential first,
                                  FusedExponential second) {
        // the membrane lanes repeat lif's: moved into a helper, the vectors crossed a call and were boxed (a COBA
        // step took 10 µs instead of 2.6)
        final float[] g1 = first.g, r1 = first.arrivals, g2 = second.g, r2 = second.arrivals;
        final int s1 = first.slot, s2 = second.slot;
        final float d1 = first.decay, d2 = second.decay;
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
        for (int i = from; i < to; i += LANES) {
            FloatVector vi = FloatVector.fromArray(FLOATS, v, i);
            FloatVector x = FloatVector.fromArray(FLOATS, g1, i).add(FloatVector.fromArray(FLOATS, r1, s1 + i));
            zero.intoArray(r1, s1 + i);
            FloatVector y = FloatVector.fromArray(FLOATS, g2, i).add(FloatVector.fromArray(FLOATS, r2, s2 + i));
            zero.intoArray(r2, s2 + i);
            FloatVector in = FloatVector.fromArray(FLOATS, input, i).add(x.mul(a1.add(b1.mul(vi))))
                    .add(y.mul(a2.add(b2.mul(vi))));
            x.mul(d1).intoArray(g1, i);
            y.mul(d2).intoArray(g2, i);
            IntVector ref = IntVector.fromArray(INTS, refractory, i);
            VectorMask<Integer> heldI = ref.compare(VectorOperators.GT, 0);
            VectorMask<Float> held = heldI.cast(FLOATS);
            FloatVector vn = vRest.sub(vi).add(r.mul(in)).mul(a).add(vi).blend(vi, held);
            VectorMask<Float> spiked = vn.compare(VectorOperators.GE, vTh).andNot(held);
            vn.blend(vReset, spiked).intoArray(v, i);
            ref.sub(1).max(0).blend(refOnSpike, spiked.cast(INTS)).intoArray(refractory, i);
            zero.intoArray(input, i);
            if (spiked.anyTrue()) {
                long bits = spiked.toLong();
                while (bits != 0) {
                    int index = i + Long.numberOfTrailingZeros(bits);
                    if (index < size) {
                        spikes[count++] = index;
                    }
                    bits &= bits - 1;
                }
            }
        }
        return count;
    }

    @Override
    public void exponentialCurrent(float[] arrivals, int slot, float[] g, float[] input, float decay, float scale,
                                   int from, int to) {
        final FloatVector zero = FloatVector.zero(FLOATS);
        for (int i = from; i < to; i += LANES) {
            FloatVector gi = FloatVector.fromArray(FLOATS, g, i).add(FloatVector.fromArray(FLOATS, arrivals, slot + i));
            zero.intoArray(arrivals, slot + i);
            FloatVector.fromArray(FLOATS, input, i).add(gi.mul(scale)).intoArray(input, i);
            gi.mul(decay).intoArray(g, i);
        }
    }

    @Override
    public void exponentialConductance(float[] arrivals, int slot, float[] g, float[] v, float[] input, float decay,
                                       float reversal, int from, int to) {
        final FloatVector zero = FloatVector.zero(FLOATS);
        final FloatVector e = FloatVector.broadcast(FLOATS, reversal);
        for (int i = from; i < to; i += LANES) {
            FloatVector gi = FloatVector.fromArray(FLOATS, g, i).add(FloatVector.fromArray(FLOATS, arrivals, slot + i));
            zero.intoArray(arrivals, slot + i);
            FloatVector drive = e.sub(FloatVector.fromArray(FLOATS, v, i));
            FloatVector.fromArray(FLOATS, input, i).add(gi.mul(drive)).intoArray(input, i);
            gi.mul(decay).intoArray(g, i);
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
    public void currentOutput(float[] g, float[] input, float scale, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            FloatVector.fromArray(FLOATS, input, i).add(FloatVector.fromArray(FLOATS, g, i).mul(scale))
                    .intoArray(input, i);
        }
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
    public void mgBlockOutput(float[] g, float[] v, float[] input, float reversal, float mgOverBeta, float alpha,
                              int from, int to) {
        final FloatVector e = FloatVector.broadcast(FLOATS, reversal);
        final FloatVector one = FloatVector.broadcast(FLOATS, 1f);
        for (int i = from; i < to; i += LANES) {
            FloatVector vi = FloatVector.fromArray(FLOATS, v, i);
            FloatVector block = one.div(vi.mul(-alpha).lanewise(VectorOperators.EXP).mul(mgOverBeta).add(one));
            FloatVector current = FloatVector.fromArray(FLOATS, g, i).mul(e.sub(vi)).mul(block);
            FloatVector.fromArray(FLOATS, input, i).add(current).intoArray(input, i);
        }
    }

    @Override
    public void dualExponential(float[] arrivals, int slot, float[] h, float[] g, float jump, float decay,
                                float rise, float coupling, int from, int to) {
        final FloatVector zero = FloatVector.zero(FLOATS);
        for (int i = from; i < to; i += LANES) {
            FloatVector hi = FloatVector.fromArray(FLOATS, h, i)
                    .add(FloatVector.fromArray(FLOATS, arrivals, slot + i).mul(jump));
            zero.intoArray(arrivals, slot + i);
            FloatVector.fromArray(FLOATS, g, i).mul(decay).add(hi.mul(coupling)).intoArray(g, i);
            hi.mul(rise).intoArray(h, i);
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
            FloatVector e = k.mul(-dt).lanewise(VectorOperators.EXP);
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
