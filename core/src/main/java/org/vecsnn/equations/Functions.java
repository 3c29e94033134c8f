package org.vecsnn.equations;

import java.util.Map;
import org.vecsnn.core.simd.Exp;

/**
 * The functions of the model language and the scalar code both generated twins call for the ones the Vector API
 * cannot compute bit for bit as the plain loop does (log, sin, cos, tanh, pow, rounding, random numbers): the vector
 * twin applies these lane by lane, so plain and vector kernels agree bit for bit.
 */
public final class Functions {
    private Functions() {}

    /** Function name → number of arguments. */
    private static final Map<String, Integer> ARITY = Map.ofEntries(Map.entry("exp", 1), Map.entry("log", 1),
            Map.entry("sqrt", 1), Map.entry("abs", 1), Map.entry("sin", 1), Map.entry("cos", 1),
            Map.entry("tanh", 1), Map.entry("exprel", 1), Map.entry("clip", 3), Map.entry("int", 1),
            Map.entry("floor", 1), Map.entry("ceil", 1), Map.entry("sign", 1), Map.entry("rand", 0),
            Map.entry("randn", 0));

    static boolean known(String name) {
        return ARITY.containsKey(name);
    }

    static int arity(String name) {
        return ARITY.get(name);
    }

    static String list() {
        return String.join(", ", new java.util.TreeSet<>(ARITY.keySet()));
    }

    public static float log(float x) {
        return (float) StrictMath.log(x);
    }

    public static float sin(float x) {
        return (float) StrictMath.sin(x);
    }

    public static float cos(float x) {
        return (float) StrictMath.cos(x);
    }

    public static float tanh(float x) {
        return (float) StrictMath.tanh(x);
    }

    public static float pow(float x, float y) {
        return (float) StrictMath.pow(x, y);
    }

    public static float floor(float x) {
        return (float) StrictMath.floor(x);
    }

    public static float ceil(float x) {
        return (float) StrictMath.ceil(x);
    }

    /** Python's %: the remainder with the sign of y. */
    public static float mod(float x, float y) {
        return (float) (x - y * StrictMath.floor((double) x / y));
    }

    /** Brian2's int(): truncation toward zero. */
    public static float trunc(float x) {
        return x < 0 ? (float) StrictMath.ceil(x) : (float) StrictMath.floor(x);
    }

    /** Brian2's exprel: (e^x − 1)/x, 1 at 0. */
    public static float exprel(float x) {
        return x == 0f ? 1f : Exp.expm1(x) / x;
    }

    /**
     * A uniform number in [0, 1) for draw {@code stream} of unit {@code index} in step {@code step}: a hash of the
     * four (SplitMix64's finalizer), so every neuron's numbers are the same on any number of threads and in both
     * twins.
     */
    public static float uniform(long seed, long step, int index, int stream) {
        return (bits(seed, step, index, stream) >>> 40) * 0x1.0p-24f;
    }

    /** A standard normal number (Box–Muller in double from two hashed uniforms), as {@link #uniform}. */
    public static float normal(long seed, long step, int index, int stream) {
        long bits = bits(seed, step, index, stream);
        double u1 = ((bits >>> 11) + 1) * 0x1.0p-53; // (0, 1]
        double u2 = (mix(bits) >>> 11) * 0x1.0p-53;
        return (float) (StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2));
    }

    private static long bits(long seed, long step, int index, int stream) {
        return mix(mix(mix(seed ^ 0x9E3779B97F4A7C15L * (stream + 1)) + step) + index);
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
