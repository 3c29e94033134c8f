package org.vecsnn.validation;

import java.util.function.DoubleUnaryOperator;
import org.vecsnn.core.simd.Kernels;

/**
 * One check of the simulator against a reference.
 *
 * @param name what is simulated
 * @param method the integration method under test
 * @param order the method's order of convergence for this case, or 0 for a method that is exact here (its error
 *     is float rounding at every step size)
 * @param steps the step sizes (ms) the case runs at; the first is the one in the summary table
 * @param bound the largest error allowed at a step size, in the case's error measure
 * @param relative whether the error measure is relative to the reference's peak (else absolute, in its unit)
 * @param unit the unit of an absolute error
 * @param axes what its figure plots: the quantities and units of the x and y axes
 * @param reason why the bound is what it is
 * @param simulation runs the case at a step size with given kernels
 */
public record ValidationCase(String name, String method, int order, double[] steps, DoubleUnaryOperator bound,
                             boolean relative, String unit, Axes axes, String reason, Simulation simulation) {
    @FunctionalInterface
    public interface Simulation {
        Comparison run(double dt, Kernels kernels);
    }

    /** The titles of a figure's axes, each a quantity with its unit. */
    public record Axes(String x, String y) {
        private static final String TIME = "t (ms)";

        /** A trace over time. */
        public static Axes overTime(String y) {
            return new Axes(TIME, y);
        }

        /** Whether x is time (a trace, drawn as lines), else the points are drawn as markers. */
        public boolean isOverTime() {
            return x.equals(TIME);
        }
    }

    /** The error measure of a comparison: its max abs error, relative to the peak where the case says so. */
    public double error(Comparison c) {
        return relative ? c.maxAbsError() / c.peak() : c.maxAbsError();
    }
}
