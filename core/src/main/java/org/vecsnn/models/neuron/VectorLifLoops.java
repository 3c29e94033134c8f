package org.vecsnn.models.neuron;

import static org.vecsnn.core.simd.VectorMath.FLOATS;
import static org.vecsnn.core.simd.VectorMath.INTS;
import static org.vecsnn.core.simd.VectorMath.LANES;
import static org.vecsnn.core.simd.VectorMath.ZEROS;
import static org.vecsnn.core.simd.VectorMath.report;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.vecsnn.core.simd.FusedExponential;

/** The Vector API twin of {@link PlainLifLoops}, loaded by name only where the module is present. */
public final class VectorLifLoops implements LifLoops {
    public static final VectorLifLoops INSTANCE = new VectorLifLoops();

    private VectorLifLoops() {}

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
        LifLoops.requireNoRing(first, second);
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
    public int lifOneExponential(long step, float[] v, float[] vLow, float[] input, boolean readInput,
                                 int[] refractory, int from, int to, int size, LifCoefficients c, int[] spikes,
                                 int count, FusedExponential synapse) {
        // lifTwoExponentials with one synapse, its lanes written out for the same reason
        final float[] g = synapse.g;
        // the arrivals as the input: without a ring, zeros are added to g and nothing is cleared
        final float[] due = synapse.due() == null ? ZEROS : synapse.due();
        final int dueMask = synapse.due() == null ? 0 : -1;
        final int slot = synapse.dueSlot(step);
        final FloatVector d = FloatVector.broadcast(FLOATS, -synapse.decrement);
        final FloatVector ga = FloatVector.broadcast(FLOATS, synapse.a);
        final FloatVector gb = FloatVector.broadcast(FLOATS, synapse.b);
        final FloatVector a = FloatVector.broadcast(FLOATS, c.a());
        final FloatVector vRest = FloatVector.broadcast(FLOATS, c.vRest());
        final FloatVector r = FloatVector.broadcast(FLOATS, c.r());
        final FloatVector vReset = FloatVector.broadcast(FLOATS, c.vReset());
        final float vTh = c.vTh();
        final IntVector refOnSpike = IntVector.broadcast(INTS, Math.max(c.refractorySteps() - 1, 0));
        final FloatVector zero = FloatVector.zero(FLOATS);
        final float[] external = readInput ? input : ZEROS;
        final int mask = readInput ? -1 : 0;
        for (int i = from; i < to; i += LANES) {
            FloatVector vi = FloatVector.fromArray(FLOATS, v, i);
            FloatVector x = FloatVector.fromArray(FLOATS, g, i);
            FloatVector in = FloatVector.fromArray(FLOATS, external, i & mask).add(x.mul(ga.add(gb.mul(vi))));
            x.fma(d, x).add(FloatVector.fromArray(FLOATS, due, (slot + i) & dueMask)).intoArray(g, i);
            if (dueMask != 0) {
                zero.intoArray(due, slot + i);
            }
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
}
