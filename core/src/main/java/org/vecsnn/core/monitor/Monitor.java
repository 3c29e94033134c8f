package org.vecsnn.core.monitor;

import org.vecsnn.core.Population;
import org.vecsnn.core.TimeGrid;

/** Records something of a population while the network runs. */
public interface Monitor extends org.vecsnn.core.Checkpointed {
    Population population();

    /**
     * Whether {@link #record} runs at the start of the step, before any update (state at {@code t = n·dt}), or at
     * its end, after spikes are known (spikes of step n). On several threads a monitor that records at the end runs
     * while other threads may already step on, so it must read only the population's spike list.
     */
    default boolean recordsBeforeStep() {
        return false;
    }

    /** What this monitor records (kind, population, variables), compared when a checkpoint is loaded. */
    default String description() {
        return getClass().getSimpleName() + " of " + population().name();
    }

    /** Engine hook: called once before the first step. */
    default void prepare(TimeGrid grid) {}

    /**
     * Engine hook, before a run of {@code steps} more steps: refuses (changing nothing) a recording whose growth
     * over the run cannot fit the heap (see {@link org.vecsnn.core.Check#fitsHeap}). Monitors whose growth depends
     * on the spikes (spike and rate monitors) check nothing.
     */
    default void checkFits(long steps) {}

    /**
     * Whether this monitor can record a network distributed over processes: by default those that record at the end
     * of the step (they read spike lists, and every process knows every spike); one that reads state must gather
     * what other processes stepped ({@link #gather}). Others are refused there.
     */
    default boolean runsOnProcesses() {
        return !recordsBeforeStep();
    }

    /**
     * Engine hook on a network distributed over {@code group}, after every run and step, on every process (a
     * collective call): afterwards this process holds what every process recorded, as one process would have.
     */
    default void gather(org.vecsnn.core.ProcessGroup group) {}

    /** Engine hook: record step {@code step}. */
    void record(long step);

    /** What has been recorded so far goes into checkpoints, so a resumed run's monitors hold the whole run. */
    @Override
    void save(java.io.DataOutputStream out) throws java.io.IOException;
}
