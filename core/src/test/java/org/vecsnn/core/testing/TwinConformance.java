package org.vecsnn.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.simd.Lanes;
import org.vecsnn.core.simd.PlainKernels;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateStore;
import org.vecsnn.core.state.StateVariable;

/**
 * The conformance base for a model's kernel pair (as Lucene's {@code BaseVectorizationTestCase}): a subclass
 * declares the state its step works on and runs the step with the lanes it is given; the base runs it with the
 * plain twin and with this JVM's vector lanes on the same random state, over many sizes and ranges, with NaN lanes
 * in float variables and held lanes in int ones, and requires every array and spike list to be identical bit for
 * bit (a NaN equal to any NaN: its sign and payload come from the instruction). The build runs classes tagged "kernels"
 * at 128, 256 and 512 bits and with the plain lanes (surefire executions kernels-*), so one subclass covers every
 * width.
 */
@Tag("kernels")
public abstract class TwinConformance {
    private static final int[] SIZES = {1, 15, 16, 17, 33, 100, 257, 1000};

    /** The variables the step reads and writes, one entry per unit; int variables are counters (held lanes). */
    protected abstract StateSpec state();

    /** A random value for float variable {@code name} (the base puts NaN in some lanes itself). */
    protected abstract float sample(String name, Random random);

    /**
     * One step over units {@code [from, to)} of {@code size}, with {@code lanes} (plain or vector); spikes (if
     * any) written to {@code spikes} from 0.
     *
     * @return the number of spikes written
     */
    protected abstract int step(Lanes lanes, StateStore state, int from, int to, int size, int[] spikes);

    @Test
    void plainAndVectorTwinsAgreeBitForBit() {
        Kernels vector = KernelProvider.get();
        for (int size : SIZES) {
            int padded = Kernels.padded(size);
            int[][] ranges = {{0, padded}, {padded > Kernels.PAD ? Kernels.PAD : 0, padded}};
            for (int[] range : ranges) {
                for (long seed = 1; seed <= 3; seed++) {
                    StateStore plain = randomState(size, seed);
                    StateStore simd = randomState(size, seed);
                    int[] plainSpikes = new int[padded];
                    int[] simdSpikes = new int[padded];
                    int n = step(new PlainKernels(), plain, range[0], range[1], size, plainSpikes);
                    int m = step(vector, simd, range[0], range[1], size, simdSpikes);
                    String where = vector.name() + ", size " + size + ", range " + range[0] + "–" + range[1]
                            + ", seed " + seed;
                    assertEquals(n, m, "spike count, " + where);
                    assertArrayEquals(plainSpikes, simdSpikes, "spikes, " + where);
                    for (StateVariable v : plain.spec().variables()) {
                        switch (v.type()) {
                            case FLOAT -> assertArrayEquals(bits(plain.floats(v.name())),
                                    bits(simd.floats(v.name())), v.name() + ", " + where);
                            case INT -> assertArrayEquals(plain.ints(v.name()), simd.ints(v.name()),
                                    v.name() + ", " + where);
                            case LONG -> assertArrayEquals(plain.longs(v.name()), simd.longs(v.name()),
                                    v.name() + ", " + where);
                        }
                    }
                }
            }
        }
    }

    /** The bits of each value, every NaN as one (a NaN's sign and payload depend on the instruction, not the model). */
    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToIntBits(values[i]);
        }
        return bits;
    }

    /** Every lane random; one float lane in 13 NaN; one int lane in 4 held for 1–4 steps. */
    private StateStore randomState(int size, long seed) {
        StateStore store = new StateStore("conformance state", "unit", size, state());
        Random random = new Random(seed * 7919 + size);
        for (StateVariable v : store.spec().variables()) {
            switch (v.type()) {
                case FLOAT -> {
                    float[] a = store.floats(v.name());
                    for (int i = 0; i < a.length; i++) {
                        a[i] = random.nextInt(13) == 0 ? Float.NaN : sample(v.name(), random);
                    }
                }
                case INT -> {
                    int[] a = store.ints(v.name());
                    for (int i = 0; i < a.length; i++) {
                        a[i] = random.nextInt(4) == 0 ? 1 + random.nextInt(4) : 0;
                    }
                }
                case LONG -> {
                    long[] a = store.longs(v.name());
                    for (int i = 0; i < a.length; i++) {
                        a[i] = random.nextLong();
                    }
                }
            }
        }
        return store;
    }
}
