package org.vecsnn.core;

/**
 * Argument checks shared by every builder. Each failure names the parameter, the value given and what is allowed,
 * and is thrown before the caller changes any state.
 */
public final class Check {
    private Check() {}

    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw fail(name, value, "a finite number");
        }
        return value;
    }

    public static double positive(String name, double value) {
        if (!(Double.isFinite(value) && value > 0)) {
            throw fail(name, value, "a finite number > 0");
        }
        return value;
    }

    /**
     * Checks a value that is stored as a float: finite, and within float range, so that rounding it to float
     * neither makes it infinite nor changes it silently beyond float precision.
     */
    public static double finiteFloat(String name, double value) {
        if (!(Double.isFinite(value) && Math.abs(value) <= Float.MAX_VALUE)) {
            throw fail(name, value, "a finite number within float range (magnitude at most " + Float.MAX_VALUE + ")");
        }
        return value;
    }

    /**
     * As {@link #finiteFloat}, and {@code > 0} after rounding to float, for values that scale, divide or are
     * divided by (a time constant of 1e-300 ms is 0 as a float).
     */
    public static double positiveFloat(String name, double value) {
        if (!(Double.isFinite(value) && (float) value > 0 && value <= Float.MAX_VALUE)) {
            throw fail(name, value, "a finite number > 0 within float range (" + Float.MIN_VALUE + " to "
                    + Float.MAX_VALUE + ")");
        }
        return value;
    }

    public static double nonNegative(String name, double value) {
        if (!(Double.isFinite(value) && value >= 0)) {
            throw fail(name, value, "a finite number >= 0");
        }
        return value;
    }

    public static double probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw fail(name, value, "a probability in [0, 1]");
        }
        return value;
    }

    public static int positive(String name, int value) {
        if (value <= 0) {
            throw fail(name, value, "an integer > 0");
        }
        return value;
    }

    public static int nonNegative(String name, int value) {
        if (value < 0) {
            throw fail(name, value, "an integer >= 0");
        }
        return value;
    }

    /** Checks {@code 0 <= index < size}. */
    public static int index(String name, int index, int size) {
        if (index < 0 || index >= size) {
            throw fail(name, index, "an index in [0, " + size + ")");
        }
        return index;
    }

    /** Checks that {@code [from, to)} is a non-empty range inside {@code [0, size)}. */
    public static void range(String name, int from, int to, int size) {
        if (from < 0 || to > size || from >= to) {
            throw new IllegalArgumentException(
                    name + " = [" + from + ", " + to + "): must be a non-empty range inside [0, " + size + ")");
        }
    }

    /** The most entries a Java array holds (a little below 2^31; the JVM reserves a few for its header). */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * The one estimate every allocation of a network goes through, before anything is built: {@code entries} array
     * entries of {@code bytesEach} bytes (several arrays of one length each count their entries) must fit one Java
     * array if {@code oneArray}, and the bytes must fit the heap left (max heap minus what is in use).
     *
     * @param what what would be built, for the message
     * @throws IllegalArgumentException naming what, the size asked for and the heap left
     */
    public static void fitsHeap(String what, long entries, int bytesEach, boolean oneArray) {
        if (entries < 0 || oneArray && entries > MAX_ARRAY) {
            throw new IllegalArgumentException(what + " needs " + (entries < 0 ? "more than 2^63" : entries)
                    + " entries in one array: must be fewer than 2^31 (" + MAX_ARRAY + ")");
        }
        long bytes = entries > Long.MAX_VALUE / bytesEach ? Long.MAX_VALUE : entries * bytesEach;
        long free = heapLeft();
        if (bytes > free && bytes <= Runtime.getRuntime().maxMemory()) {
            System.gc(); // garbage not yet collected counts as used: measure again before refusing
            free = heapLeft();
        }
        if (bytes > free) {
            throw new IllegalArgumentException(what + " needs about " + bytes / (1 << 20) + " MiB: must fit the "
                    + free / (1 << 20) + " MiB of heap left (raise -Xmx or make the network smaller)");
        }
    }

    private static long heapLeft() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    /** As {@link #fitsHeap(String, long, int, boolean)} for {@code bytes} bytes in any number of arrays. */
    public static void fitsHeap(String what, long bytes) {
        fitsHeap(what, bytes, 1, false);
    }

    public static IllegalArgumentException fail(String name, Object value, String allowed) {
        return new IllegalArgumentException(name + " = " + value + ": must be " + allowed);
    }
}
