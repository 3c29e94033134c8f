package org.vecsnn.core;

/**
 * The simulation clock's grid: step {@code n} covers {@code [n·dt, (n+1)·dt)} and is labelled {@code t = n·dt}.
 * Durations, delays and refractory periods are whole numbers of steps; a value that is not (to within one part in
 * 10⁶ of a step) is refused rather than rounded, so no float rounding can shift an event by one step.
 */
public final class TimeGrid {
    private static final double TOLERANCE = 1e-6;
    /** The step sizes allowed (ms): step labels n·dt stay exact enough, and rates per step stay representable. */
    public static final double MIN_DT = 1e-6;
    public static final double MAX_DT = 1e3;

    private final double dt;

    public TimeGrid(double dt) {
        if (!(dt >= MIN_DT && dt <= MAX_DT)) {
            throw Check.fail("dt (ms)", dt, "in [" + MIN_DT + ", " + MAX_DT + "] ms");
        }
        this.dt = dt;
    }

    public double dt() {
        return dt;
    }

    /** The label of step {@code n} in ms. */
    public double time(long step) {
        return step * dt;
    }

    /**
     * Converts a time span in ms to a whole number of steps.
     *
     * @throws IllegalArgumentException if {@code ms} is not finite, is below {@code minSteps·dt}, or is not a whole
     *     number of steps
     */
    public long steps(String name, double ms, long minSteps) {
        Check.finite(name + " (ms)", ms);
        double exact = ms / dt;
        long steps = Math.round(exact);
        if (Math.abs(exact - steps) > TOLERANCE * Math.max(1.0, Math.abs(exact))) {
            throw new IllegalArgumentException(name + " = " + ms + " ms: must be a whole number of steps of dt = "
                    + dt + " ms (it is " + exact + " steps)");
        }
        if (steps < minSteps) {
            throw new IllegalArgumentException(name + " = " + ms + " ms: must be at least " + minSteps
                    + " step(s) of dt = " + dt + " ms");
        }
        return steps;
    }

    /** As {@link #steps(String, double, long)}, for values that must fit an int. */
    public int intSteps(String name, double ms, int minSteps) {
        long steps = steps(name, ms, minSteps);
        if (steps > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " = " + ms + " ms: at most " + Integer.MAX_VALUE + " steps");
        }
        return (int) steps;
    }
}
