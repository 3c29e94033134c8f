package org.vecsnn.core.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vecsnn.core.Check;
import org.vecsnn.core.Checkpointed;
import org.vecsnn.core.StateArray;
import org.vecsnn.core.simd.Kernels;

/**
 * The arrays of one {@link StateSpec} for {@code units} units of one owner, each padded to {@link Kernels#PAD} and
 * filled with its variable's initial value. Owners hand these arrays to their kernels when the network is prepared;
 * the engine reads them by name (monitors, {@code state(name)}), checks them for non-finite values and writes and
 * reads them in checkpoints, in the spec's order.
 */
public final class StateStore {
    private final String owner;
    private final String unitWord;
    private final int units;
    private final StateSpec spec;
    private final Object[] arrays;

    /**
     * @param owner who holds the state, for messages ("population 'E'", "synapse 'AMPA' on population 'E'")
     * @param unitWord what one entry belongs to ("neuron", "synapse", "presynaptic neuron")
     */
    public StateStore(String owner, String unitWord, int units, StateSpec spec) {
        this.owner = owner;
        this.unitWord = unitWord;
        this.units = Check.nonNegative("units of " + owner, units);
        this.spec = spec;
        int padded = Kernels.padded(Math.max(units, 1));
        Check.fitsHeap("state of " + owner + " (" + spec.variables().size() + " variables × " + padded + " "
                + unitWord + "s)", (long) padded * spec.variables().size(), 8, false);
        this.arrays = new Object[spec.variables().size()];
        for (int k = 0; k < arrays.length; k++) {
            StateVariable v = spec.variables().get(k);
            arrays[k] = switch (v.type()) {
                case FLOAT -> filled(new float[padded], (float) v.initial());
                case INT -> filled(new int[padded], (int) v.initial());
                case LONG -> filled(new long[padded], (long) v.initial());
            };
        }
    }

    private static float[] filled(float[] a, float value) {
        if (value != 0f) {
            Arrays.fill(a, value);
        }
        return a;
    }

    private static int[] filled(int[] a, int value) {
        if (value != 0) {
            Arrays.fill(a, value);
        }
        return a;
    }

    private static long[] filled(long[] a, long value) {
        if (value != 0) {
            Arrays.fill(a, value);
        }
        return a;
    }

    public String owner() {
        return owner;
    }

    public String unitWord() {
        return unitWord;
    }

    /** The units that hold real state (entries at and above it are padding). */
    public int units() {
        return units;
    }

    public StateSpec spec() {
        return spec;
    }

    /** Whether a variable of that name is declared here. */
    public boolean has(String name) {
        return spec.find(name) != null;
    }

    /** The live array of a float variable. */
    public float[] floats(String name) {
        return (float[]) array(name, StateVariable.Type.FLOAT);
    }

    /** The live array of an int variable. */
    public int[] ints(String name) {
        return (int[]) array(name, StateVariable.Type.INT);
    }

    /** The live array of a long variable. */
    public long[] longs(String name) {
        return (long[]) array(name, StateVariable.Type.LONG);
    }

    private Object array(String name, StateVariable.Type type) {
        List<StateVariable> vars = spec.variables();
        for (int k = 0; k < vars.size(); k++) {
            if (vars.get(k).name().equals(name)) {
                if (vars.get(k).type() != type) {
                    throw new IllegalArgumentException("state variable '" + name + "' of " + owner + " is "
                            + vars.get(k).type() + ": asked for as " + type);
                }
                return arrays[k];
            }
        }
        throw new IllegalArgumentException("state variable = " + name + ": must be one of " + spec.names() + " of "
                + owner);
    }

    /** The value of variable {@code name} for unit {@code i}, whatever its type. */
    public double value(String name, int i) {
        StateVariable v = spec.find(name);
        if (v == null) {
            array(name, StateVariable.Type.FLOAT); // throws, listing the names
        }
        return switch (v.type()) {
            case FLOAT -> floats(name)[i];
            case INT -> ints(name)[i];
            case LONG -> longs(name)[i];
        };
    }

    /** The float variables the finite check watches. */
    public List<StateArray> watched() {
        List<StateArray> watched = new ArrayList<>();
        for (int k = 0; k < arrays.length; k++) {
            StateVariable v = spec.variables().get(k);
            if (v.watched() && v.type() == StateVariable.Type.FLOAT) {
                watched.add(new StateArray(owner, v.name(), unitWord, (float[]) arrays[k], units));
            }
        }
        return watched;
    }

    /** Writes every variable, in the spec's order. */
    public void save(DataOutputStream out) throws IOException {
        for (Object a : arrays) {
            switch (a) {
                case float[] f -> Checkpointed.writeFloats(out, f);
                case int[] i -> Checkpointed.writeInts(out, i);
                case long[] l -> Checkpointed.writeLongs(out, l);
                default -> throw new IllegalStateException(a.getClass().toString());
            }
        }
    }

    /**
     * Reads every variable (refusing non-finite floats), changing nothing; the owner may check the staged values
     * further before it returns {@link Staged#install} as its action.
     */
    public Staged load(DataInputStream in) throws IOException {
        Object[] staged = new Object[arrays.length];
        for (int k = 0; k < arrays.length; k++) {
            String what = spec.variables().get(k).name() + " of " + owner;
            staged[k] = switch (arrays[k]) {
                case float[] f -> Checkpointed.readFloats(in, f.length, what);
                case int[] i -> Checkpointed.readInts(in, i.length, what);
                case long[] l -> Checkpointed.readLongs(in, l.length, what);
                default -> throw new IllegalStateException(arrays[k].getClass().toString());
            };
        }
        return new Staged(staged);
    }

    /** Values read from a checkpoint, not yet installed. */
    public final class Staged implements Runnable {
        private final Object[] values;

        private Staged(Object[] values) {
            this.values = values;
        }

        /** The staged values of an int variable. */
        public int[] ints(String name) {
            return (int[]) values[spec.variables().indexOf(spec.find(name))];
        }

        /** Copies the staged values into the live arrays. */
        @Override
        public void run() {
            for (int k = 0; k < values.length; k++) {
                System.arraycopy(values[k], 0, arrays[k], 0, java.lang.reflect.Array.getLength(values[k]));
            }
        }
    }
}
