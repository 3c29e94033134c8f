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
 * @param reason why the bound is what it is
 * @param simulation runs the case at a step size with given kernels
 */
public record ValidationCase(String name, String method, int order, double[] steps, DoubleUnaryOperator bound,
                             boolean relative, String unit, String reason, Simulation simulation) {
    @FunctionalInterface
    public interface Simulation {
        Comparison run(double dt, Kernels kernels);
    }

    /** The error measure of a comparison: its max abs error, relative to the peak where the case says so. */
    public double error(Comparison c) {
        return relative ? c.maxAbsError() / c.peak() : c.maxAbsError();
    }
}
