package org.vecsnn.core;

/**
 * The spikes of one slice exchanged between the processes of a {@link ProcessGroup}, in one all-gather. Each
 * process sends one block: the ints it needs, then for each step of the slice and each population the number of
 * its spikes and their units (relative to the population: the lists hold them so). Blocks have one size on every
 * process; a process whose spikes do not fit says how many ints it needs in its block's first int, and since every
 * process sees every block, all of them grow the blocks alike and gather again (rare: blocks grow to a quarter more
 * than the largest need seen). Every {@value #SHRINK_EVERY} slices they shrink alike to a quarter more than the
 * largest need of those slices, so that a burst does not leave every later all-gather large (with many processes
 * the blocks, not the spikes, would make up most of the bytes).
 */
final class ProcessExchange {
    static final int SHRINK_EVERY = 128;
    private final ProcessGroup group;
    private int block;
    /** The largest need since the blocks last shrank, and the slices since then. */
    private int recentLargest;
    private int sinceShrink;
    private int[] send;
    private int[] receive;

    ProcessExchange(ProcessGroup group, int populations, int slice) {
        this.group = group;
        this.block = 1 + populations * slice + 64;
        this.send = new int[block];
        this.receive = new int[block * group.size()];
    }

    /**
     * Exchanges the steps {@code [slot, slot + length)} of the spike lists: this process's chunks
     * {@code [own, own + threads)} go to every other process, and each other process's spikes land in its chunk
     * (rank q's chunk is q before this process's chunks, q + threads − 1 after them).
     *
     * @param lists per population and list slot, the spike units, each chunk's list starting at its first unit
     * @param ends per population, slot and chunk, where the chunk's list ends
     * @param bounds per population, the chunks' first units
     */
    void exchange(int[][][] lists, int[][][] ends, int[][] bounds, int own, int threads, int slot, int length) {
        int populations = lists.length;
        int need = 1 + populations * length;
        for (int k = 0; k < length; k++) {
            for (int p = 0; p < populations; p++) {
                for (int c = own; c < own + threads; c++) {
                    need += ends[p][slot + k][c] - bounds[p][c];
                }
            }
        }
        if (need > send.length) {
            send = new int[need];
        }
        send[0] = need;
        int at = 1;
        for (int k = 0; k < length; k++) {
            for (int p = 0; p < populations; p++) {
                int counted = at++;
                for (int c = own; c < own + threads; c++) {
                    int n = ends[p][slot + k][c] - bounds[p][c];
                    System.arraycopy(lists[p][slot + k], bounds[p][c], send, at, n);
                    at += n;
                }
                send[counted] = at - counted - 1;
            }
        }
        int ranks = group.size();
        int largest;
        while (true) {
            group.allgather(send, receive, block);
            largest = 0;
            for (int q = 0; q < ranks; q++) {
                largest = Math.max(largest, receive[q * block]);
            }
            if (largest <= block) {
                break;
            }
            // every process saw the same needs: all grow alike and gather again
            block = largest + largest / 4;
            if (send.length < block) {
                send = java.util.Arrays.copyOf(send, block);
            }
            receive = new int[block * ranks];
        }
        int me = group.rank();
        for (int q = 0; q < ranks; q++) {
            if (q == me) {
                continue;
            }
            int chunk = q < me ? q : q + threads - 1;
            int from = q * block + 1;
            for (int k = 0; k < length; k++) {
                for (int p = 0; p < populations; p++) {
                    int n = receive[from++];
                    System.arraycopy(receive, from, lists[p][slot + k], bounds[p][chunk], n);
                    ends[p][slot + k][chunk] = bounds[p][chunk] + n;
                    from += n;
                }
            }
        }
        recentLargest = Math.max(recentLargest, largest);
        if (++sinceShrink == SHRINK_EVERY) {
            // every process saw the same needs: all shrink alike
            block = Math.min(block, recentLargest + recentLargest / 4);
            recentLargest = 0;
            sinceShrink = 0;
        }
    }

    /**
     * Per population: the chunks' first units (and the end) on this process: one chunk per other process (its
     * {@link ProcessGroup#range}) and this process's range split among its {@code threads}.
     */
    static int[] bounds(ProcessGroup group, int paddedSize, int threads) {
        int[] ranks = group.bounds(paddedSize);
        int me = group.rank();
        int[] own = Stepper.chunks(ranks[me + 1] - ranks[me], threads);
        int[] b = new int[group.size() + threads];
        for (int q = 0; q <= me; q++) {
            b[q] = ranks[q];
        }
        for (int t = 1; t <= threads; t++) {
            b[me + t] = ranks[me] + own[t];
        }
        for (int q = me + 2; q <= group.size(); q++) {
            b[q + threads - 1] = ranks[q];
        }
        return b;
    }
}
