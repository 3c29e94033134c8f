package org.vecsnn.core.monitor;

import java.util.function.IntToDoubleFunction;

/** What a {@link StateMonitor} reads of one variable: one value per unit, stored or computed. */
public interface Probe {
    /** The units that can be read, {@code [0, units())}. */
    int units();

    float value(int unit);

    /** A float array's first {@code units} entries, read live. */
    static Probe of(float[] values, int units) {
        return computed(units, i -> values[i]);
    }

    /** An int array's first {@code units} entries (a counter), read live. */
    static Probe of(int[] values, int units) {
        return computed(units, i -> values[i]);
    }

    /** A value computed from other state when it is read (a synapse's current). */
    static Probe computed(int units, IntToDoubleFunction valueOfUnit) {
        return new Probe() {
            @Override
            public int units() {
                return units;
            }

            @Override
            public float value(int unit) {
                return (float) valueOfUnit.applyAsDouble(unit);
            }
        };
    }
}
