package org.vecsnn.core;

import org.vecsnn.models.neuron.LifLoops;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vecsnn.core.simd.AffineStep;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.simd.PlainKernels;
import org.vecsnn.models.neuron.LifCoefficients;

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
        final float[] g2 = new float[N];
        final float[] low = new float[N];
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
                g2[i] = random.nextFloat();
                low[i] = (random.nextFloat() - 0.5f) * 1e-6f;
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
            assertArrayEquals(g2, other.g2, 0f, "g2");
            assertArrayEquals(low, other.low, 0f, "low");
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
            compare((k, s) -> s.spikeCount = LifLoops.of(k).lif(s.v, s.low, s.input, s.refractory, 0, N, N - 5, c,
                    s.spikes, 0));
            compare((k, s) -> s.spikeCount = LifLoops.of(k).lif(s.v, s.low, s.input, s.refractory, 16, N - 32, N, c,
                    s.spikes, 3));
        }
    }

    @Test
    void exponentialOutputs() {
        compare((k, s) -> k.exponentialCurrent(s.g, s.input, 0.02f, 0.7f, 0, N));
        compare((k, s) -> k.decay(s.g, 0.003f, 0, N));
        compare((k, s) -> k.exponentialConductance(s.g, s.v, s.input, 0.01f, -80f, 16, N));
    }

    @Test
    void voltageJumpsAndConstantInput() {
        compare((k, s) -> k.voltageJump(s.ring, 0, s.v, s.refractory, true, 0, N));
        compare((k, s) -> k.voltageJump(s.ring, N, s.v, s.refractory, false, 0, N));
        compare((k, s) -> k.add(s.input, 20f, 0, N));
    }

    @Test
    void linearSynapseKernels() {
        compare((k, s) -> k.arrive(s.ring, N, s.g, 1.3f, 0, N));
        compare((k, s) -> k.axpy(s.g, -0.6f, s.input, 0, N));
        compare((k, s) -> k.conductanceOutput(s.g, s.v, s.input, -80f, 16, N));
        compare((k, s) -> k.dualExponential(s.ring, 2 * N, s.v, s.g, s.low, 1.43f, 0.01f, 0.1f, 0.095f, 0, N));
        compare((k, s) -> k.affine(s.g, s.v, 0.97f, 0.003f, 0, N));
        compare((k, s) -> k.hill4(s.g, s.input, 100f, 0, N));
        compare((k, s) -> k.countDown(s.refractory, 0, N));
        compare((k, s) -> {
            for (int i = 0; i + 1 < N; i += 3) { // subnormals of both signs, the smallest normals, and zeros
                s.g[i] = (i % 2 == 0 ? 1 : -1) * Float.MIN_VALUE * (1 + i % 5);
                s.g[i + 1] = i % 4 == 0 ? Float.MIN_NORMAL : -0f;
            }
            k.flushSubnormals(s.g, 0, N);
        });
        AffineStep on = new AffineStep(0.9f, 0.01f, 0.05f);
        AffineStep off = new AffineStep(0.98f, 0.002f, 0f);
        compare((k, s) -> k.pulsedAffine(s.g, s.v, s.refractory, on, off, 0, N));
        compare((k, s) -> k.relax(s.g, s.low, s.g2, 0.002f, 0.3f, 0, N));
        compare((k, s) -> k.relax(s.g2, s.low, s.g2, 0.0007f, 0f, 16, N));
        compare((k, s) -> k.pulsedRelax(s.g, s.low, s.refractory, on, off, 0, N));
    }

    @Test
    void flushSubnormalsZeroesExactlyTheSubnormals() {
        float[] x = {Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL * 0.999f, Float.MIN_NORMAL,
            -Float.MIN_NORMAL, 1e-30f, -0f, 0f, 3f, Float.NaN, Float.NEGATIVE_INFINITY, -1e-39f, 1e-38f, 2e-38f, 5f,
            -7f};
        float[] expected = {0f, 0f, 0f, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-30f, 0f, 0f, 3f, Float.NaN,
            Float.NEGATIVE_INFINITY, 0f, 0f, 2e-38f, 5f, -7f};
        for (Kernels k : new Kernels[] {new PlainKernels(), KernelProvider.get()}) {
            float[] y = x.clone();
            k.flushSubnormals(y, 0, y.length);
            for (int i = 0; i < y.length; i++) {
                assertEquals(expected[i], y[i], 0f, k.name() + ": x = " + x[i]);
            }
        }
    }

    /** Poisson(λ)'s distribution function up to where it reaches 1 in double, as {@code PoissonDrive} tabulates it. */
    private static double[] poissonTable(double lambda) {
        double[] f = new double[200];
        double p = Math.exp(-lambda);
        f[0] = p;
        int k = 1;
        for (; f[k - 1] < 1 - 1e-16 && k < f.length; k++) {
            p *= lambda / k;
            f[k] = f[k - 1] + p;
        }
        return java.util.Arrays.copyOf(f, k);
    }

    @Test
    void poissonArrivalsDrawTheSameCounts() {
        for (double lambda : new double[] {0.05, 1.6, 30}) {
            double[] table = poissonTable(lambda);
            for (long key : new long[] {1, 0x9E3779B97F4A7C15L, -7}) {
                // a range ending inside a block (the population's last neuron), into the second ring slot
                compare((k, s) -> k.poissonArrivals(key, table, 0.7f, s.ring, N, 16, N - 5));
                compare((k, s) -> k.poissonArrivals(key, table, -87.8f, s.g, 0, 0, N));
            }
        }
    }

    /**
     * The vector twin counts a draw past the entries of 1 − 2⁻¹⁰ and above only for lane groups where some lane gets
     * there: 64 steps of 592 draws each reach them ~37 times (P(none) ≈ e⁻³⁷), each the same as the plain count.
     */
    @Test
    void poissonArrivalsCountTheRareLargeDrawsAlike() {
        double[] table = poissonTable(1.28);
        for (long key = 1; key <= 64; key++) {
            long stepKey = key * 0x9E3779B97F4A7C15L;
            compare((k, s) -> k.poissonArrivals(stepKey, table, 1f, s.g, 0, 0, N));
        }
    }

    @Test
    void columnSumsInBlocksAreEachColumnsSumInItsOrder() {
        // 37 columns of 0 to 11 entries (one of each length and more), reading g and g2 by a random index
        java.util.Random random = new java.util.Random(3);
        int columns = 37;
        int[] start = new int[columns + 1];
        for (int j = 0; j < columns; j++) {
            start[j + 1] = start[j] + (j < 12 ? j : random.nextInt(12));
        }
        int[] index = new int[start[columns]];
        float[] weight = new float[index.length];
        for (int e = 0; e < index.length; e++) {
            index[e] = random.nextInt(N - 1);
            weight[e] = random.nextFloat() - 0.3f;
        }
        org.vecsnn.core.simd.ColumnBlocks plain = org.vecsnn.core.simd.ColumnBlocks.of(start, index, null, N - 1);
        org.vecsnn.core.simd.ColumnBlocks weighted = org.vecsnn.core.simd.ColumnBlocks.of(start, index, weight, 0);
        // independently of both twins: each column's loop, as the kinetic synapses summed before the blocks
        State reference = new State(1);
        reference.g[N - 1] = 0f;
        float[] expected = new float[plain.paddedColumns()];
        float[] expectedWeighted = new float[weighted.paddedColumns()];
        for (int p = 0; p < columns; p++) { // lane position p holds column column[p]: the same for both layouts
            int j = plain.column()[p];
            for (int e = start[j]; e < start[j + 1]; e++) {
                expected[p] += reference.g[index[e]];
                expectedWeighted[p] += weight[e] * reference.g[index[e]] * reference.g2[index[e]];
            }
        }
        int[] byLength = plain.column().clone();
        assertArrayEquals(byLength, weighted.column());
        for (int p = 1; p < columns; p++) { // longest first, ties in column order
            int a = start[byLength[p - 1] + 1] - start[byLength[p - 1]];
            int b = start[byLength[p] + 1] - start[byLength[p]];
            assertTrue(a > b || a == b && byLength[p - 1] < byLength[p], "column order at " + p);
        }
        for (Kernels kernels : new Kernels[] {new PlainKernels(), KernelProvider.get()}) {
            State s = new State(1);
            s.g[N - 1] = 0f; // the padding entries' value
            float[] sums = new float[plain.paddedColumns()];
            kernels.columnSums(plain, s.g, sums);
            assertArrayEquals(expected, sums, 0f, kernels.name());
            kernels.weightedColumnSums(weighted, s.g, s.g2, sums);
            assertArrayEquals(expectedWeighted, sums, 0f, kernels.name() + ", weighted");
        }
    }

    @Test
    void denseColumnSumsAreEachColumnsSumInRowOrder() {
        // 45 rows × 48 columns, a third of the pairs missing (weight 0), weights of both signs
        java.util.Random random = new java.util.Random(5);
        int rows = 45;
        int stride = 48;
        float[] w = new float[rows * stride];
        for (int e = 0; e < w.length; e++) {
            w[e] = random.nextInt(3) == 0 ? 0f : random.nextFloat() - 0.3f;
        }
        State reference = new State(2);
        float[] expected = new float[stride];
        for (int j = 0; j < stride; j++) {
            for (int i = 0; i < rows; i++) {
                if (w[i * stride + j] != 0f) { // the sparse sum visits only the synapses there are
                    expected[j] += w[i * stride + j] * reference.g[i] * reference.g2[i];
                }
            }
        }
        for (Kernels kernels : new Kernels[] {new PlainKernels(), KernelProvider.get()}) {
            State s = new State(2);
            float[] sums = new float[stride];
            kernels.denseColumnSums(w, rows, stride, s.g, s.g2, sums);
            assertArrayEquals(expected, sums, 0f, kernels.name());
        }
    }

    @Test
    void kernelsWithExp() {
        compare((k, s) -> k.mgBlockOutput(s.g, s.v, s.input, 0f, 1.2f / 3.57f, 0.062f, 0, N));
        compare((k, s) -> k.saturate(s.g, s.input, 0.5f, 0.01f, 0.1f, 0, N));
        compare((k, s) -> k.exp(s.v, s.g, 0, N));
        compare((k, s) -> k.expm1(s.input, s.g, 16, N));
    }

    /**
     * Exp over arguments from far below underflow to past overflow, NaN and infinities, bit for bit, before and after
     * the JIT has compiled the kernels (the Vector API's own EXP differed after warm-up).
     */
    @Test
    void expIsTheSameColdAndWarm() {
        float[] x = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = -120f + 215f * i / N;
        }
        x[0] = Float.NaN;
        x[1] = Float.POSITIVE_INFINITY;
        x[2] = Float.NEGATIVE_INFINITY;
        Kernels plain = new PlainKernels();
        Kernels tested = KernelProvider.get();
        float[] expected = new float[N];
        float[] expectedM1 = new float[N];
        plain.exp(x, expected, 0, N);
        plain.expm1(x, expectedM1, 0, N);
        float[] cold = new float[N];
        tested.exp(x, cold, 0, N);
        assertArrayEquals(expected, cold, 0f, "cold");
        float[] warm = new float[N];
        for (int round = 0; round < 100_000; round++) {
            tested.exp(x, warm, 0, 64);
            tested.expm1(x, warm, 0, 64);
            plain.exp(x, warm, 0, 16);
        }
        tested.exp(x, warm, 0, N);
        assertArrayEquals(expected, warm, 0f, "warm");
        tested.expm1(x, warm, 0, N);
        assertArrayEquals(expectedM1, warm, 0f, "warm expm1");
        plain.exp(x, warm, 0, N);
        assertArrayEquals(expected, warm, 0f, "warm plain");
    }

    /** With input, and without (the input all zero; the vector kernel does not read it, the plain one does). */
    @ParameterizedTest(name = "read input: {0}")
    @ValueSource(booleans = {true, false})
    void membraneWithTwoFusedExponentials(boolean readInput) {
        LifCoefficients c = new LifCoefficients(0.005f, -60f, 1f, -50f, -60f, 50);
        compare((k, s) -> {
            var conductance = new org.vecsnn.core.simd.FusedExponential(s.g, 0.02f, -80f, -1f, null);
            var current = new org.vecsnn.core.simd.FusedExponential(s.g2, 0.01f, 0.7f, 0f, null);
            if (!readInput) {
                java.util.Arrays.fill(s.input, 0f);
            }
            s.spikeCount = LifLoops.of(k).lifTwoExponentials(s.v, s.low, s.input, readInput, s.refractory, 0, N,
                    N - 3, c, s.spikes, 0, conductance, current);
        });
        // a synapse with a ring is refused: the kernel would leave its arrivals unread
        State s = new State(1);
        var ring = new org.vecsnn.core.delay.DelayRing(3, N);
        for (Kernels k : new Kernels[] {new PlainKernels(), KernelProvider.get()}) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> LifLoops.of(k).lifTwoExponentials(s.v, s.low, s.input, readInput, s.refractory, 0, N, N,
                            c, s.spikes, 0, new org.vecsnn.core.simd.FusedExponential(s.g, 0.02f, -80f, -1f, null),
                            new org.vecsnn.core.simd.FusedExponential(s.g2, 0.01f, 0.7f, 0f, ring)));
        }
    }

    /**
     * One synapse with a ring: the weights waiting in its slot of the next step join g after the decay (with input
     * and without, as above).
     */
    @ParameterizedTest(name = "read input: {0}")
    @ValueSource(booleans = {true, false})
    void membraneWithOneFusedExponential(boolean readInput) {
        LifCoefficients c = new LifCoefficients(0.005f, -60f, 1f, -50f, -60f, 50);
        compare((k, s) -> withRing(s, ring -> {
            if (!readInput) {
                java.util.Arrays.fill(s.input, 0f);
            }
            s.spikeCount = LifLoops.of(k).lifOneExponential(STEP, s.v, s.low, s.input, readInput, s.refractory, 0, N,
                    N - 3, c, s.spikes, 0, new org.vecsnn.core.simd.FusedExponential(s.g, 0.01f, 0.7f, 0f, ring));
        }));
        // by hand: g' = g − g·d (one rounding), plus the weight waiting in slot (STEP + 1) mod 3, which is cleared
        State before = new State(1);
        State after = new State(1);
        withRing(after, ring -> LifLoops.of(KernelProvider.get()).lifOneExponential(STEP, after.v, after.low,
                after.input, true, after.refractory, 0, N, N - 3, c, after.spikes, 0,
                new org.vecsnn.core.simd.FusedExponential(after.g, 0.01f, 0.7f, 0f, ring)));
        int slot = (int) ((STEP + 1) % 3) * N;
        for (int i = 0; i < N; i++) {
            assertEquals(Math.fma(before.g[i], -0.01f, before.g[i]) + before.ring[slot + i], after.g[i], 0f, "g");
            assertEquals(0f, after.ring[slot + i], "cleared");
        }
    }

    /** The step the fused kernels run: its next step's slot is the middle one of the state's three. */
    private static final long STEP = 3000;

    /** Runs {@code call} with a ring of three slots that holds the state's {@code ring}, then copies it back. */
    private static void withRing(State s, java.util.function.Consumer<org.vecsnn.core.delay.DelayRing> call) {
        var ring = new org.vecsnn.core.delay.DelayRing(3, N);
        System.arraycopy(s.ring, 0, ring.data(), 0, s.ring.length);
        call.accept(ring);
        System.arraycopy(ring.data(), 0, s.ring, 0, s.ring.length);
    }

    @Test
    void firstNonFiniteFindsTheFirstNanOrInfinity() {
        Kernels plain = new PlainKernels();
        Kernels tested = KernelProvider.get();
        for (int at : new int[] {0, 5, 16, 17, N - 1}) {
            for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                State s = new State(at);
                s.v[at] = bad;
                if (at + 3 < N) {
                    s.v[at + 3] = Float.NaN;
                }
                assertEquals(at, plain.firstNonFinite(s.v, 0, N));
                assertEquals(at, tested.firstNonFinite(s.v, 0, N));
                assertEquals(-1, tested.firstNonFinite(s.v, 0, at));
            }
        }
        assertEquals(-1, tested.firstNonFinite(new State(1).v, 0, N));
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
