package org.vecsnn.sonata;

import java.util.Arrays;
import org.vecsnn.core.connect.Csr;

/** Puts each CSR row's targets in ascending order, as the core expects; equal targets keep the file's order. */
final class Rows {
    private Rows() {}

    static Csr sorted(Csr csr) {
        int[] start = csr.rowStart();
        int[] t = csr.targets();
        for (int row = 0; row < csr.rows(); row++) {
            for (int j = start[row] + 1; j < start[row + 1]; j++) {
                if (t[j] < t[j - 1]) {
                    sortRow(csr, start[row], start[row + 1]);
                    break;
                }
            }
        }
        return csr;
    }

    /** Sorts by (target, position): a key of the target above the entry's index keeps the sort stable. */
    private static void sortRow(Csr csr, int from, int to) {
        long[] keys = new long[to - from];
        for (int j = from; j < to; j++) {
            keys[j - from] = (long) csr.targets()[j] << 32 | (j - from);
        }
        Arrays.sort(keys);
        int[] targets = Arrays.copyOfRange(csr.targets(), from, to);
        float[] weights = csr.weights() == null ? null : Arrays.copyOfRange(csr.weights(), from, to);
        short[] delays = csr.delays() == null ? null : Arrays.copyOfRange(csr.delays(), from, to);
        for (int k = 0; k < keys.length; k++) {
            int old = (int) keys[k];
            csr.targets()[from + k] = targets[old];
            if (weights != null) {
                csr.weights()[from + k] = weights[old];
            }
            if (delays != null) {
                csr.delays()[from + k] = delays[old];
            }
        }
    }
}
