package org.vecsnn.core.state;

import org.vecsnn.core.Check;

/**
 * One declared state variable: one value per unit of its owner (a neuron, a synapse, a presynaptic neuron, a
 * channel), kept in a flat array padded to {@link org.vecsnn.core.simd.Kernels#PAD}. The engine allocates it,
 * answers it by name, records it, watches it for non-finite values and checkpoints it; no model writes its own.
 *
 * @param name the name monitors and {@code state(name)} use
 * @param unit the physical unit, in words ("mV", "nS", "1" for a fraction, "steps")
 * @param type the element type
 * @param initial every unit's value at the start (a model may set a value per unit afterwards)
 * @param watched whether the finite check looks at it (counters and bookkeeping need not be)
 */
public record StateVariable(String name, String unit, Type type, double initial, boolean watched) {
    /** The element type of a variable's array. */
    public enum Type { FLOAT, INT, LONG }

    public StateVariable {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("state variable name = " + name + ": must be a non-blank string");
        }
        if (unit == null) {
            throw new IllegalArgumentException("unit of state variable '" + name + "' = null: must be a string"
                    + " (\"1\" for a dimensionless one)");
        }
        if (type == null) {
            throw new IllegalArgumentException("type of state variable '" + name + "' = null: must be FLOAT, INT or"
                    + " LONG");
        }
        if (type == Type.FLOAT) {
            Check.finiteFloat("initial value of state variable '" + name + "'", initial);
        } else if (initial != Math.rint(initial)) {
            throw Check.fail("initial value of " + type + " state variable '" + name + "'", initial,
                    "a whole number");
        }
    }

    /** A float variable, watched for non-finite values. */
    public static StateVariable real(String name, String unit, double initial) {
        return new StateVariable(name, unit, Type.FLOAT, initial, true);
    }

    /** A float variable the finite check skips (an accumulator that is cleared every step, a rounding error). */
    public static StateVariable unwatched(String name, String unit, double initial) {
        return new StateVariable(name, unit, Type.FLOAT, initial, false);
    }

    /** An int variable (a counter, an index). */
    public static StateVariable integer(String name, String unit, long initial) {
        return new StateVariable(name, unit, Type.INT, initial, false);
    }

    /** A long variable (a step index). */
    public static StateVariable wide(String name, String unit, long initial) {
        return new StateVariable(name, unit, Type.LONG, initial, false);
    }
}
