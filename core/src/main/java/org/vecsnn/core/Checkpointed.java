package org.vecsnn.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** A part of a network whose state goes into a checkpoint (see {@link Checkpoint}). */
public interface Checkpointed {
    void save(DataOutputStream out) throws IOException;

    /**
     * Reads this part's state and checks it, changing nothing; returns the action that installs it, run only once
     * every part of the checkpoint has been read.
     */
    Runnable load(DataInputStream in) throws IOException;

    /** Reads an array length and checks it against the network's. */
    private static int readLength(DataInputStream in, int expectedLength, String what) throws IOException {
        int n = in.readInt();
        if (n != expectedLength) {
            throw new IOException(what + ": " + n + " values in the checkpoint, " + expectedLength + " in the network");
        }
        return n;
    }

    static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    /** Reads floats and refuses a non-finite one: a network's state and what monitors record of it are finite. */
    static float[] readFloats(DataInputStream in, int expectedLength, String what) throws IOException {
        int n = readLength(in, expectedLength, what);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readFloat();
            if (!Float.isFinite(values[i])) {
                throw new IOException(what + ": value " + i + " = " + values[i] + ": state must be finite");
            }
        }
        return values;
    }

    static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    static int[] readInts(DataInputStream in, int expectedLength, String what) throws IOException {
        int n = readLength(in, expectedLength, what);
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    static void writeLongs(DataOutputStream out, long[] values) throws IOException {
        out.writeInt(values.length);
        for (long v : values) {
            out.writeLong(v);
        }
    }

    static long[] readLongs(DataInputStream in, int expectedLength, String what) throws IOException {
        int n = readLength(in, expectedLength, what);
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readLong();
        }
        return values;
    }

    /** Copies staged values into the live array. */
    static Runnable install(float[] staged, float[] live) {
        return () -> System.arraycopy(staged, 0, live, 0, staged.length);
    }

    static Runnable install(int[] staged, int[] live) {
        return () -> System.arraycopy(staged, 0, live, 0, staged.length);
    }

    static Runnable install(long[] staged, long[] live) {
        return () -> System.arraycopy(staged, 0, live, 0, staged.length);
    }

    static Runnable all(java.util.List<Runnable> actions) {
        return () -> actions.forEach(Runnable::run);
    }
}
