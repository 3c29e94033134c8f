package org.vecsnn.core;

import java.util.function.Supplier;

/**
 * The processes a network is distributed over (an MPI communicator, for example), as the engine needs them: this
 * process's rank, their number, and one collective. Each process steps a contiguous range of whole blocks of every
 * population ({@link #range}), holds only the synapses onto those neurons, and after each slice of steps
 * exchanges its spikes with every other process through {@link #allgather}; every process then knows every spike,
 * and the run is identical, spike for spike, on any number of processes and threads.
 *
 * <p>A network is built for a group inside {@link #build}: each process draws a share of every projection's rows
 * (whole rows, each from its own stream) and sends their synapses to the processes that own the targets
 * ({@link #alltoallv}), so the build is shared and each process ends with the synapses onto its own neurons, the
 * same whatever the number of processes. Every process must build the same network and run the same steps, since
 * each projection and each slice calls collectives.
 */
public interface ProcessGroup {
    /** This process's rank, in {@code [0, size())}. */
    int rank();

    /** The number of processes. */
    int size();

    /**
     * Gathers {@code perProcess} ints from every process: {@code send[0, perProcess)} of process r lands in
     * {@code receive[r·perProcess, (r + 1)·perProcess)} on every process. A collective call: every process calls it
     * with the same {@code perProcess}, from the thread that runs the network.
     */
    void allgather(int[] send, int[] receive, int perProcess);

    /**
     * Sends {@code sendCounts[q]} ints to each process q (the blocks lie in {@code send} in rank order) and receives
     * {@code receiveCounts[q]} ints from each (into {@code receive} in rank order); {@code receiveCounts[q]} must
     * equal process q's {@code sendCounts} for this process. A collective call, as {@link #allgather}; used while a
     * network is built.
     */
    void alltoallv(int[] send, int[] sendCounts, int[] receive, int[] receiveCounts);

    /**
     * Every process's units of a population of {@code paddedSize} units (whole blocks of
     * {@link org.vecsnn.core.simd.Kernels#PAD}): blocks split into {@code size()} contiguous ranges as even as they
     * can be, in rank order; process q steps units {@code [b[q], b[q + 1])} of the {@code size() + 1} bounds b.
     */
    default int[] bounds(int paddedSize) {
        return Stepper.chunks(paddedSize, size());
    }

    /** This process's units of a population of {@code paddedSize} units ({@link #bounds}): {@code {from, to}}. */
    default int[] range(int paddedSize) {
        int[] b = bounds(paddedSize);
        return new int[] {b[rank()], b[rank() + 1]};
    }

    /** The smallest of every process's {@code value} (a collective call, see {@link #allgather}). */
    default int min(int value) {
        int[] all = new int[size()];
        allgather(new int[] {value}, all, 1);
        int min = value;
        for (int v : all) {
            min = Math.min(min, v);
        }
        return min;
    }

    /**
     * Builds with {@code build}; every {@link Network} constructed inside it (on this thread) is this process's share
     * of a network distributed over {@code group}.
     */
    static <T> T build(ProcessGroup group, Supplier<T> build) {
        if (group == null) {
            throw new IllegalArgumentException("group = null: must be a ProcessGroup");
        }
        return ScopedValue.where(Network.GROUP, group).call(build::get);
    }
}
