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

    /**
     * Checks that {@code bytes} more fit the heap left (max heap minus what is in use), before they are allocated.
     *
     * @param what what would be built, for the message
     */
    public static void fitsHeap(String what, long bytes) {
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (bytes > free) {
            throw new IllegalArgumentException(what + " needs about " + bytes / (1 << 20) + " MiB: must fit the "
                    + free / (1 << 20) + " MiB of heap left (raise -Xmx or make the network smaller)");
        }
    }

    public static IllegalArgumentException fail(String name, Object value, String allowed) {
        return new IllegalArgumentException(name + " = " + value + ": must be " + allowed);
    }
}
