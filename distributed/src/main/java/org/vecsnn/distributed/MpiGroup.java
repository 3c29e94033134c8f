package org.vecsnn.distributed;

import org.vecsnn.core.ProcessGroup;
import org.vecsnn.distributed.mpi.Mpi;

/**
 * The ranks of {@code MPI_COMM_WORLD} as the engine's {@link ProcessGroup}, timing the all-gathers (the time a
 * rank spends in them is its communication, including its wait for the slowest rank to arrive) and the all-to-alls
 * that move synapses while the network is built.
 */
final class MpiGroup implements ProcessGroup {
    private final Mpi mpi;
    private long gathers;
    private long gatherNanos;
    private long gatheredInts;
    private long alltoallNanos;
    private long alltoallInts;

    MpiGroup(Mpi mpi) {
        this.mpi = mpi;
    }

    @Override
    public int rank() {
        return mpi.rank();
    }

    @Override
    public int size() {
        return mpi.size();
    }

    @Override
    public void allgather(int[] send, int[] receive, int perProcess) {
        long start = System.nanoTime();
        mpi.allgather(send, receive, perProcess);
        gatherNanos += System.nanoTime() - start;
        gathers++;
        gatheredInts += (long) perProcess * mpi.size();
    }

    @Override
    public void alltoallv(int[] send, int[] sendCounts, int[] receive, int[] receiveCounts) {
        long start = System.nanoTime();
        mpi.alltoallv(send, sendCounts, receive, receiveCounts);
        alltoallNanos += System.nanoTime() - start;
        alltoallInts += receive.length;
    }

    /** Seconds spent in all-to-alls so far (moving synapses while the network is built). */
    double alltoallSeconds() {
        return alltoallNanos * 1e-9;
    }

    /** Bytes this rank received in all-to-alls so far (its own synapses included). */
    long alltoallBytes() {
        return 4 * alltoallInts;
    }

    /** All-gathers so far. */
    long gathers() {
        return gathers;
    }

    /** Seconds spent in all-gathers so far. */
    double gatherSeconds() {
        return gatherNanos * 1e-9;
    }

    /** Bytes every rank received in all-gathers so far (its own block included). */
    long gatheredBytes() {
        return 4 * gatheredInts;
    }
}
