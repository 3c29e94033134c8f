package org.vecsnn.core;

import java.util.concurrent.locks.LockSupport;
import org.vecsnn.core.input.CurrentInput;
import org.vecsnn.core.monitor.Monitor;
import org.vecsnn.core.simd.Kernels;

/**
 * Steps a network on one thread or several, running the schedule of {@link Phase} for every step. Thread t owns
 * chunk t of every population (a range of whole {@link Kernels#PAD} blocks; on one thread, the whole population) and
 * is the only one to write its state: it applies the currents, synapses and membrane of its chunk, and it delivers
 * every spike into its own targets (each row of a projection is split where the chunks meet). Spikes are exchanged
 * once per slice of steps, as long as the shortest delay allows: a spike of a slice acts in a later slice, so within
 * a slice no thread needs another's spikes (an exponential synapse takes a weight into g in the update before the
 * step it acts in, so its projections shorten the slice by one step). One thread steps one step per slice.
 *
 * <p>A slice: (1) each thread runs the phases before the exchange for each step of the slice, listing its chunks'
 * spikes per step; (2) the exchange, a barrier; (3) each thread runs the phases after it for each step: it delivers
 * every spike into its targets, projection by projection, chunk by chunk in ascending order, so every target
 * receives its arrivals in exactly the order of one thread, and results are identical for any number of threads;
 * thread 0 gathers each step's spikes for the plasticity rules and the monitors. The spike lists alternate between
 * two sets, so the next slice may start while thread 0 gathers. State monitors (they read every neuron at a step's
 * start) make slices one step long and add a barrier before each step.
 *
 * <p>A slice ends where the finite check falls ({@link Network#checkFiniteEvery}): each thread checks its chunks once
 * the slice is delivered (thread 0 after gathering it), and a barrier follows, so a blow-up stops every thread with
 * the state, the monitors and the step index all after the checked step, on any number of threads.
 *
 * <p>Distributed over processes ({@link ProcessGroup}), each process steps its own range of every population: the
 * chunks are then one per other process and this process's range split among its threads, and at the exchange
 * thread 0 all-gathers the slice's spikes ({@link ProcessExchange}) into the other processes' chunks. Every process
 * then delivers every spike in the same order as one thread would, into the synapses onto its own neurons.
 */
final class Stepper {
    /** How long a worker waits for the next job spinning before it parks. */
    private static final long SPIN_BEFORE_PARK_NS = 200_000;
    private final Network network;
    private final int threads;
    /** How long an idle worker spins: not at all when there are more threads than cores to spin on. */
    private final long spinBeforeParkNs;
    private final int slice;
    private final Population[] populations;
    private final Projection[] projections;
    private final Projection[] learning;
    /** The projections with a plasticity rule, with {@link #plasticSource} their source populations' indices. */
    private final Projection[] plastic;
    private final int[] plasticSource;
    private final CurrentInput[] currents;
    private final Monitor[] beforeStep;
    private final Monitor[] afterStep;
    /**
     * Per population: the first unit of each chunk, and the end; thread t owns chunk {@link #own} + t (on one
     * process the chunks are the threads', else see {@link ProcessExchange#bounds}).
     */
    private final int[][] bounds;
    /** The first chunk of this process's threads (its rank; 0 on one process), and the number of chunks. */
    private final int own;
    private final int chunkCount;
    /** The exchange between processes, or null on one process. */
    private final ProcessExchange exchange;
    /** Per population and list slot: the spike indices, each chunk's list starting at its first unit. */
    private final int[][][] lists;
    /** Per population and list slot: where each chunk's list ends. */
    private final int[][][] ends;
    private final int[] populationOfProjectionSource;
    private final int[] populationOfCurrent;
    /** Per population: its state arrays, watched for non-finite values. */
    private final StateArray[][] watched;
    private final java.util.concurrent.atomic.AtomicIntegerArray done;
    private final SpinBarrier barrier;
    private final Thread[] workers;
    private volatile long jobStart;
    private volatile long jobSteps;
    private volatile int jobNumber;
    private volatile Throwable failure;
    /** After a failure: the step after the last one every thread completed, for the network's step index. */
    private long resumeStep;
    private volatile boolean closed;

    Stepper(Network network, int threads, int slice, ProcessGroup group, Population[] populations,
            Projection[] projections, Projection[] learning, CurrentInput[] currents, Monitor[] beforeStep,
            Monitor[] afterStep) {
        this.network = network;
        this.threads = threads;
        this.spinBeforeParkNs = threads <= Runtime.getRuntime().availableProcessors() ? SPIN_BEFORE_PARK_NS : 0;
        this.own = group == null ? 0 : group.rank();
        this.chunkCount = group == null ? threads : group.size() + threads - 1;
        this.slice = beforeStep.length > 0 || chunkCount == 1 ? 1 : slice;
        this.exchange = group == null ? null : new ProcessExchange(group, populations.length, this.slice);
        this.populations = populations;
        this.projections = projections;
        this.learning = learning;
        this.plastic = java.util.Arrays.stream(projections).filter(p -> p.plasticity() != null)
                .toArray(Projection[]::new);
        this.currents = currents;
        this.beforeStep = beforeStep;
        this.afterStep = afterStep;
        this.bounds = new int[populations.length][];
        this.lists = new int[populations.length][][];
        this.ends = new int[populations.length][][];
        for (int p = 0; p < populations.length; p++) {
            bounds[p] = group == null ? chunks(populations[p].paddedSize(), threads)
                    : ProcessExchange.bounds(group, populations[p].paddedSize(), threads);
            lists[p] = new int[2 * this.slice][];
            for (int k = 0; k < lists[p].length; k++) {
                // one chunk lists straight into the population's own list: the gathering then copies nothing
                lists[p][k] = chunkCount == 1 ? populations[p].spikes : new int[populations[p].paddedSize()];
            }
            ends[p] = new int[2 * this.slice][chunkCount];
        }
        this.populationOfProjectionSource = new int[projections.length];
        for (int j = 0; j < projections.length; j++) {
            populationOfProjectionSource[j] = indexOf(projections[j].source().population());
            if (threads > 1) {
                int[] b = bounds[indexOf(projections[j].target().target())];
                projections[j].prepareThreads(java.util.Arrays.copyOfRange(b, own, own + threads + 1));
            }
        }
        this.plasticSource = new int[plastic.length];
        for (int j = 0; j < plastic.length; j++) {
            plasticSource[j] = indexOf(plastic[j].source().population());
        }
        this.populationOfCurrent = new int[currents.length];
        for (int c = 0; c < currents.length; c++) {
            populationOfCurrent[c] = indexOf(currents[c].target());
        }
        this.watched = new StateArray[populations.length][];
        for (int p = 0; p < populations.length; p++) {
            watched[p] = populations[p].stateArrays().toArray(new StateArray[0]);
        }
        this.done = new java.util.concurrent.atomic.AtomicIntegerArray(threads);
        this.barrier = new SpinBarrier(threads);
        this.workers = new Thread[threads - 1];
    }

    /** Splits {@code padded} units into {@code threads} ranges of whole PAD blocks, as even as they can be. */
    static int[] chunks(int padded, int threads) {
        int[] b = split(padded / Kernels.PAD, threads);
        for (int t = 0; t <= threads; t++) {
            b[t] *= Kernels.PAD;
        }
        return b;
    }

    /** Splits {@code count} items into {@code parts} contiguous ranges as even as they can be: parts + 1 bounds. */
    static int[] split(int count, int parts) {
        int[] b = new int[parts + 1];
        for (int q = 0; q <= parts; q++) {
            b[q] = (int) ((long) count * q / parts);
        }
        return b;
    }

    private int indexOf(Population p) {
        for (int i = 0; i < populations.length; i++) {
            if (populations[i] == p) {
                return i;
            }
        }
        throw new IllegalStateException("population '" + p.name() + "' is not in the network");
    }

    int threads() {
        return threads;
    }

    int slice() {
        return slice;
    }

    /**
     * Runs {@code steps} steps from step {@code start} on all threads; the caller is thread 0. On a failure sets the
     * network's step index to the step after the last slice complete on every thread (after the checked step for a
     * {@link NonFiniteStateException}) and rethrows it.
     */
    void run(long start, long steps) {
        if (steps == 0) {
            return;
        }
        startWorkers();
        failure = null;
        barrier.reset();
        jobStart = start;
        jobSteps = steps;
        jobNumber++;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        work(0, start, steps);
        if (failure != null) {
            waitForWorkers();
            network.restoreStep(resumeStep);
            Throwable f = failure;
            if (f instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) f;
        }
    }

    private void fail(Throwable e, long resume) {
        synchronized (this) {
            if (failure == null) {
                failure = e;
                resumeStep = resume;
            }
        }
        barrier.abort();
    }

    /** After a failure: waits until every worker has left the job, so the next run starts clean. */
    private void waitForWorkers() {
        for (int t = 1; t < threads; t++) {
            while (done.get(t) != jobNumber) {
                Thread.onSpinWait();
            }
        }
    }

    /** Starts missing workers; called before the next job is posted, so each waits for a job after the current. */
    private void startWorkers() {
        int current = jobNumber;
        for (int t = 1; t < threads; t++) {
            if (workers[t - 1] == null) {
                int id = t;
                Thread w = new Thread(() -> workerLoop(id, current), "vecsnn-step-" + t);
                w.setDaemon(true);
                workers[t - 1] = w;
                w.start();
            }
        }
    }

    private void workerLoop(int t, int seen) {
        long idleSince = System.nanoTime();
        while (!closed) {
            int job = jobNumber;
            if (job == seen) {
                // a caller stepping one step at a time starts a job every few microseconds: waking a parked
                // thread costs about as much, so spin a while before parking
                if (System.nanoTime() - idleSince < spinBeforeParkNs) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
                continue;
            }
            seen = job;
            work(t, jobStart, jobSteps);
            done.set(t, job);
            idleSince = System.nanoTime();
        }
    }

    /** Stops the worker threads (they are daemons and also stop with the JVM); a later run starts new ones. */
    void close() {
        closed = true;
        boolean interrupted = false;
        for (int k = 0; k < workers.length; k++) {
            Thread w = workers[k];
            if (w != null) {
                LockSupport.unpark(w);
                // waits even when interrupted (the worker leaves within microseconds): returning early would leave
                // the flag set, and every later worker would stop at once and the next run wait for it forever
                while (w.isAlive()) {
                    try {
                        w.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                workers[k] = null;
            }
        }
        closed = false;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Thread t's part of a job; a failure is recorded (see {@link #fail}) and ends it on every thread. */
    private void work(int t, long start, long steps) {
        long end = start + steps;
        int interval = network.finiteCheckEvery();
        int parity = 0;
        long s0 = start;
        try {
            while (s0 < end) {
                int length = (int) Math.min(slice, end - s0);
                if (interval > 0) {
                    length = (int) Math.min(length, interval - s0 % interval);
                }
                int base = parity * slice;
                for (int k = 0; k < length; k++) {
                    for (Phase phase : Phase.LOCAL) {
                        run(phase, t, s0 + k, base + k);
                    }
                }
                exchange(t, base, length);
                for (int k = 0; k < length; k++) {
                    for (Phase phase : Phase.AFTER_EXCHANGE) {
                        run(phase, t, s0 + k, base + k);
                    }
                }
                s0 += length;
                if (interval > 0 && s0 % interval == 0) {
                    checkFinite(t, s0 - 1);
                    barrier.await(); // no thread steps on before every chunk is checked
                }
                parity ^= 1;
            }
            barrier.await();
        } catch (SpinBarrier.Aborted ignored) {
            // another thread failed
        } catch (RuntimeException | Error e) {
            fail(e, s0); // s0: the start of the slice unfinished, or after the checked step
        }
    }

    /**
     * {@link Phase#EXCHANGE} for the slice of {@code length} steps in list slots from {@code slot}: every chunk's
     * spike lists become visible to every thread (a barrier); distributed, thread 0 then gathers the other
     * processes' spikes, and a second barrier publishes them.
     */
    private void exchange(int t, int slot, int length) {
        barrier.await();
        if (exchange != null) {
            if (t == 0) {
                exchange.exchange(lists, ends, bounds, own, threads, slot, length);
            }
            barrier.await();
        }
    }

    /** Checks thread t's chunks for non-finite state after step {@code last}. */
    private void checkFinite(int t, long last) {
        for (int p = 0; p < populations.length; p++) {
            for (StateArray a : watched[p]) {
                network.checkFinite(a, bounds[p][own + t], Math.min(bounds[p][own + t + 1], a.length()), last);
            }
        }
    }

    /**
     * Runs one phase of step {@code s} on thread t, with the spike lists of {@code slot} ({@link Phase#EXCHANGE}
     * spans the slice: {@link #exchange}).
     */
    private void run(Phase phase, int t, long s, int slot) {
        switch (phase) {
            case RECORD_STATE -> {
                if (beforeStep.length > 0) {
                    if (t == 0) {
                        for (Monitor m : beforeStep) {
                            m.record(s);
                        }
                    }
                    barrier.await();
                }
            }
            case INPUTS -> {
                Kernels kernels = network.kernels();
                TimeGrid grid = network.grid();
                for (int c = 0; c < currents.length; c++) {
                    int[] b = bounds[populationOfCurrent[c]];
                    currents[c].apply(s, grid, kernels, b[own + t], b[own + t + 1]);
                }
            }
            case NEURONS -> {
                Kernels kernels = network.kernels();
                for (int p = 0; p < populations.length; p++) {
                    int from = bounds[p][own + t];
                    ends[p][slot][own + t] = populations[p].update(s, kernels, from, bounds[p][own + t + 1],
                            lists[p][slot], from);
                }
            }
            case PRESYNAPTIC -> {
                if (plastic.length > 0) {
                    if (t == 0) {
                        for (int j = 0; j < plastic.length; j++) {
                            int src = plasticSource[j];
                            for (int c = 0; c < chunkCount; c++) {
                                plastic[j].presynaptic(s, lists[src][slot], bounds[src][c], ends[src][slot][c]);
                            }
                        }
                    }
                    barrier.await();
                }
            }
            case DELIVERY -> {
                for (int j = 0; j < projections.length; j++) {
                    int src = populationOfProjectionSource[j];
                    int[] list = lists[src][slot];
                    for (int c = 0; c < chunkCount; c++) {
                        projections[j].deliver(s, t, list, bounds[src][c], ends[src][slot][c]);
                    }
                }
                if (plastic.length > 0) {
                    barrier.await(); // rules change weights next: every thread has delivered with the old ones
                }
            }
            case GATHER -> {
                if (t == 0) {
                    for (int p = 0; p < populations.length; p++) {
                        populations[p].setSpikes(lists[p][slot], bounds[p], ends[p][slot]);
                    }
                }
            }
            case PLASTICITY -> {
                if (t == 0) {
                    for (Projection p : learning) {
                        p.learn(s);
                    }
                }
                if (plastic.length > 0) {
                    barrier.await();
                }
            }
            case RECORD_SPIKES -> {
                if (t == 0) {
                    for (Monitor m : afterStep) {
                        m.record(s);
                    }
                }
            }
        }
    }
}
