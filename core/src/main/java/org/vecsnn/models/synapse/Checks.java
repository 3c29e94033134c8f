package org.vecsnn.models.synapse;

import org.vecsnn.core.Check;
import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.simd.AffineStep;

/** Shared parameter checks and coefficients of the kinetic models. */
final class Checks {
    private Checks() {}

    static void rate(String model, String parameter, double value) {
        Check.positive(model + " " + parameter, value);
    }

    static void reversal(String model, double value) {
        Check.finite(model + " reversal potential E (mV)", value);
    }

    /** The pulse length in whole steps (at least one). */
    static int pulse(TimeGrid grid, String name, double tDur) {
        return grid.intSteps("T_duration of synapse '" + name + "'", tDur, 1);
    }

    /** Relaxation toward {@code target} at rate k: {@code y = y − y·d + target·d}, {@code d = 1 − e^(−k·dt)}. */
    static AffineStep relax(double k, double dt, double target) {
        double d = -StrictMath.expm1(-k * dt);
        return new AffineStep((float) d, 0f, (float) (target * d));
    }

    /** {@code 1 − e^(−k·dt)}, accurate for small k·dt. */
    static double decrement(double k, double dt) {
        return -StrictMath.expm1(-k * dt);
    }
}
