package org.vecsnn.core;

import org.vecsnn.core.connect.Csr;

/**
 * The build of a projection shared among the processes of a {@link ProcessGroup}: process q draws rows
 * {@code [rows[q], rows[q + 1])} (an even split, {@link Stepper#split}) and sends each process the synapses onto
 * its neurons, in three all-to-all exchanges (per-row counts, targets, then weights and delays). Each process ends
 * with every row's synapses onto its own columns, rows ascending and each row in its drawn order: the synapses a
 * single process would keep, in the same order, so the network does not depend on the number of processes.
 */
final class SynapseExchange {
    private SynapseExchange() {}

    /**
     * Sends the synapses of this process's rows (those of {@code drawn}, whose other rows are ignored) to the
     * processes owning their targets, and returns the synapses onto this process's columns.
     *
     * @param rows the rows each process draws
     * @param columns process q owns target columns {@code [columns[q], columns[q + 1])}
     */
    static Csr exchange(ProcessGroup group, Csr drawn, int[] rows, int[] columns) {
        int processes = group.size();
        int me = group.rank();
        agreeOnShape(group, drawn);
        int[] owner = new int[drawn.columns()];
        for (int q = 0; q < processes; q++) {
            java.util.Arrays.fill(owner, columns[q], columns[q + 1], q);
        }
        int from = rows[me];
        int mine = rows[me + 1] - from;
        int[] rowStart = drawn.rowStart();
        int[] targets = drawn.targets();
        // per destination: the count of each of this process's rows, then the synapses in row order
        int[] rowCounts = new int[processes * mine];
        int[] sent = new int[processes];
        for (int r = 0; r < mine; r++) {
            for (int e = rowStart[from + r]; e < rowStart[from + r + 1]; e++) {
                int q = owner[targets[e]];
                rowCounts[q * mine + r]++;
                sent[q]++;
            }
        }
        int[] receivedRows = new int[processes];
        for (int q = 0; q < processes; q++) {
            receivedRows[q] = rows[q + 1] - rows[q];
        }
        int[] counts = new int[drawn.rows()];
        int[] sameForAll = new int[processes];
        java.util.Arrays.fill(sameForAll, mine);
        group.alltoallv(rowCounts, sameForAll, counts, receivedRows);
        int[] received = new int[processes];
        int[] start = new int[drawn.rows() + 1];
        for (int q = 0; q < processes; q++) {
            for (int row = rows[q]; row < rows[q + 1]; row++) {
                received[q] += counts[row];
                start[row + 1] = start[row] + counts[row];
            }
        }
        int[] order = sendOrder(drawn, from, mine, owner, sent);
        int total = start[drawn.rows()];
        int[] t = send(group, e -> targets[e], order, sent, received, total);
        float[] w = null;
        if (drawn.weights() != null) {
            float[] weights = drawn.weights();
            int[] bits = send(group, e -> Float.floatToRawIntBits(weights[e]), order, sent, received, total);
            w = new float[total];
            for (int k = 0; k < total; k++) {
                w[k] = Float.intBitsToFloat(bits[k]);
            }
        }
        short[] d = null;
        if (drawn.delays() != null) {
            short[] delays = drawn.delays();
            int[] steps = send(group, e -> delays[e], order, sent, received, total);
            d = new short[total];
            for (int k = 0; k < total; k++) {
                d[k] = (short) steps[k];
            }
        }
        return new Csr(drawn.rows(), drawn.columns(), start, t, w, d);
    }

    /**
     * The shape of the projection (rows, columns, whether it lists weights and delays) all-gathered: processes that
     * disagree would pair wrong blocks, so every one of them stops here, naming the first that differs.
     */
    private static void agreeOnShape(ProcessGroup group, Csr drawn) {
        int[] shape = {drawn.rows(), drawn.columns(), drawn.weights() != null ? 1 : 0, drawn.delays() != null ? 1 : 0};
        int[] all = new int[shape.length * group.size()];
        group.allgather(shape, all, shape.length);
        for (int q = 1; q < group.size(); q++) {
            if (!java.util.Arrays.equals(all, 0, shape.length, all, q * shape.length, (q + 1) * shape.length)) {
                throw new IllegalStateException("process " + q + " builds a projection of shape "
                        + java.util.Arrays.toString(java.util.Arrays.copyOfRange(all, q * shape.length,
                        (q + 1) * shape.length)) + " where process 0 builds " + java.util.Arrays.toString(
                        java.util.Arrays.copyOf(all, shape.length)) + " (rows, columns, weights listed, delays"
                        + " listed): every process must build the same network");
            }
        }
    }

    /** The synapses of this process's rows, grouped by destination (each group in row order). */
    private static int[] sendOrder(Csr drawn, int from, int mine, int[] owner, int[] sent) {
        int[] next = new int[sent.length];
        for (int q = 1; q < sent.length; q++) {
            next[q] = next[q - 1] + sent[q - 1];
        }
        int[] order = new int[next[sent.length - 1] + sent[sent.length - 1]];
        int[] rowStart = drawn.rowStart();
        for (int e = rowStart[from]; e < rowStart[from + mine]; e++) {
            order[next[owner[drawn.targets()[e]]]++] = e;
        }
        return order;
    }

    /** One value per synapse, sent in {@code order}: {@code sent[q]} to process q, {@code received[q]} from it. */
    private static int[] send(ProcessGroup group, java.util.function.IntUnaryOperator value, int[] order, int[] sent,
            int[] received, int total) {
        int[] out = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            out[k] = value.applyAsInt(order[k]);
        }
        int[] in = new int[total];
        group.alltoallv(out, sent, in, received);
        return in;
    }
}
