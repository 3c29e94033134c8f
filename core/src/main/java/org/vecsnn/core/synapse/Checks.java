package org.vecsnn.core.synapse;

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

    /** Relaxation toward {@code target} with factor {@code e} per step: {@code y = y·e + target·(1 − e)}. */
    static AffineStep relax(double e, double target) {
        return new AffineStep((float) e, 0f, (float) (target * (1 - e)));
    }
}
