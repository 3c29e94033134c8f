package org.vecsnn.core;

/**
 * The phases of one step n, in the order every driver runs them (the single- and multi-threaded {@link Stepper},
 * and any driver to come): this list is the step's schedule, written once. A phase runs either on every thread for
 * its own chunk of each population ({@link #onChunks}) or on thread 0 alone. Thread chunks never share a cache
 * line, so no phase locks.
 */
enum Phase {
    /** State monitors record the state at {@code t = n·dt} (thread 0; the other threads wait for it). */
    RECORD_STATE(false),
    /** External currents are added to each population's input. */
    INPUTS(true),
    /**
     * For each population: arrivals due in step n are taken (voltage jumps move V; synapses add them to g),
     * synapses add their output current using V at {@code n·dt} and decay; the membrane integrates, holds refractory
     * neurons, spikes, resets and clears its input. Each chunk lists its spikes.
     */
    NEURONS(true),
    /** Every chunk's spike list is published to every thread (a barrier; a process exchange when distributed). */
    EXCHANGE(false),
    /**
     * Plasticity rules see each presynaptic spike of step n before it is delivered and give its efficacy (thread 0;
     * with plasticity, barriers around the phases where rules run keep every thread's delivery on the same weights).
     */
    PRESYNAPTIC(false),
    /** Each projection walks the rows of step n's spikes into the arrival slot {@code n + k} of delay k ≥ 1. */
    DELIVERY(true),
    /** The chunks' spike lists become each population's spike list of step n (thread 0). */
    GATHER(false),
    /** Plasticity rules see the step's postsynaptic spikes and end the step (thread 0). */
    PLASTICITY(false),
    /** Spike and rate monitors record the spikes of step n, labelled {@code t = n·dt} (thread 0). */
    RECORD_SPIKES(false);

    /** The schedule before the exchange: run for each step of a slice, each thread on its chunks. */
    static final Phase[] LOCAL = {RECORD_STATE, INPUTS, NEURONS};
    /** The schedule after the exchange: run for each step of the slice once every chunk's spikes are known. */
    static final Phase[] AFTER_EXCHANGE = {PRESYNAPTIC, DELIVERY, GATHER, PLASTICITY, RECORD_SPIKES};

    /** Whether every thread runs this phase on its own chunks (else thread 0 runs it alone). */
    final boolean onChunks;

    Phase(boolean onChunks) {
        this.onChunks = onChunks;
    }
}
