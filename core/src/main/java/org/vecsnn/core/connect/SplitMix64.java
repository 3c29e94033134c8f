package org.vecsnn.core.connect;

/**
 * A small, fully specified random generator (Steele, Lea and Flood's SplitMix64), so that a seed gives the same
 * network on every JDK. Independent streams come from {@link #stream(long, long)}: connectors draw each row (or
 * column) from its own stream, so the result does not depend on the order, or the thread, that builds it.
 */
public final class SplitMix64 {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** Stream {@code id} of the generator family {@code seed}. */
    public static SplitMix64 stream(long seed, long id) {
        return new SplitMix64(streamState(seed, id));
    }

    /** The state stream {@code id} of family {@code seed} starts from (for generators kept as a long array). */
    public static long streamState(long seed, long id) {
        return mix(seed ^ mix(id * GOLDEN + 0x632BE59BD9B4E019L));
    }

    /** {@link #nextDouble()} of the generator whose state is {@code states[i]}, advancing it. */
    public static double nextDouble(long[] states, int i) {
        long s = states[i] + GOLDEN;
        states[i] = s;
        return (mix(s) >>> 11) * 0x1.0p-53;
    }

    /** The SplitMix64 finaliser: a bijective mix of 64 bits (also a counter-based hash). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The generator's whole state, for checkpoints. */
    public long state() {
        return state;
    }

    public void setState(long value) {
        state = value;
    }

    public long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in [0, 1), 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), unbiased (Lemire's method). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound = " + bound + ": must be > 0");
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Standard normal (Box–Muller, one value per call so the stream position is simple to reason about). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }
}
