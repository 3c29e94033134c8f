package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.simd.LifCoefficients;
import org.vecsnn.core.simd.PlainKernels;

/**
 * Each of this JVM's kernels against its plain twin, bit for bit, on random state that exercises every branch. The
 * build runs this class at 128, 256 and 512 bits and with the plain kernels (surefire executions kernels-*).
 */
@Tag("kernels")
class KernelTwinsTest {
    private static final int N = 16 * 37;

    /** Random state: some neurons refractory, some above threshold after the update, some padding lanes. */
    private static final class State {
        final float[] v = new float[N];
        final float[] input = new float[N];
        final int[] refractory = new int[N];
        final float[] g = new float[N];
        final float[] ring = new float[3 * N];
        final int[] spikes = new int[N];
        int spikeCount;

        State(long seed) {
            Random random = new Random(seed);
            for (int i = 0; i < N; i++) {
                v[i] = -70 + 25 * random.nextFloat();
                input[i] = 40 * random.nextFloat() - 5;
                refractory[i] = random.nextInt(4) == 0 ? random.nextInt(5) : 0;
                g[i] = random.nextFloat();
            }
            for (int i = 0; i < ring.length; i++) {
                ring[i] = random.nextInt(3) == 0 ? random.nextFloat() : 0f;
            }
        }

        void assertSame(State other) {
            assertArrayEquals(v, other.v, 0f, "V");
            assertArrayEquals(input, other.input, 0f, "input");
            assertArrayEquals(refractory, other.refractory, "refractory");
            assertArrayEquals(g, other.g, 0f, "g");
            assertArrayEquals(ring, other.ring, 0f, "ring");
            assertEquals(spikeCount, other.spikeCount, "spike count");
            assertArrayEquals(spikes, other.spikes, "spikes");
        }
    }

    private static void compare(KernelCall call) {
        for (long seed = 1; seed <= 5; seed++) {
            State plain = new State(seed);
            State vector = new State(seed);
            call.run(new PlainKernels(), plain);
            call.run(KernelProvider.get(), vector);
            plain.assertSame(vector);
        }
    }

    @FunctionalInterface
    private interface KernelCall {
        void run(Kernels kernels, State s);
    }

    @Test
    void lifEulerAndExponentialEuler() {
        for (LifCoefficients c : new LifCoefficients[] {
                new LifCoefficients(0.005f, -60f, 1f, -50f, -60f, 50),
                new LifCoefficients((float) -Math.expm1(-0.01), -49f, 1.5f, -50f, -60f, 1),
                new LifCoefficients(0.1f, 0f, 1f, 20f, -5f, 0)}) {
            compare((k, s) -> s.spikeCount = k.lif(s.v, s.input, s.refractory, 0, N, N - 5, c,
                    s.spikes, 0));
            compare((k, s) -> s.spikeCount = k.lif(s.v, s.input, s.refractory, 16, N - 32, N, c,
                    s.spikes, 3));
        }
    }

    @Test
    void exponentialOutputs() {
        compare((k, s) -> k.exponentialCurrent(s.ring, N, s.g, s.input, 0.98f, 0.7f, 0, N));
        compare((k, s) -> k.exponentialConductance(s.ring, 2 * N, s.g, s.v, s.input, 0.99f, -80f, 16,
                N));
    }

    @Test
    void voltageJumpsAndConstantInput() {
        compare((k, s) -> k.voltageJump(s.ring, 0, s.v, s.refractory, true, 0, N));
        compare((k, s) -> k.voltageJump(s.ring, N, s.v, s.refractory, false, 0, N));
        compare((k, s) -> k.add(s.input, 20f, 0, N));
    }

    @Test
    void kernelsAreTheOnesAskedFor() {
        String mode = System.getProperty("vecsnn.kernels", "auto");
        Integer bits = Integer.getInteger("vecsnn.vectorBits");
        String name = KernelProvider.get().name();
        if (mode.equals("plain") || !KernelProvider.vectorAvailable()) {
            assertEquals("plain", name);
        } else {
            assertTrue(name.startsWith("vector"), name);
            if (bits != null) {
                assertTrue(name.startsWith("vector " + bits + "-bit"), name + " for vecsnn.vectorBits = " + bits);
            }
        }
    }
}
