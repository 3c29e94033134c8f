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
}
