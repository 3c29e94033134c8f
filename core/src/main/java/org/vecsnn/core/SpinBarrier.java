package org.vecsnn.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reusable barrier for the step threads: the last to arrive releases the others. Waiting spins briefly (a step
 * phase takes microseconds, and parking costs more than that) and then yields, so that more threads than cores
 * still make progress. {@link #abort} releases everyone with {@link Aborted}.
 */
final class SpinBarrier {
    /** Thrown to a waiting thread when another thread failed. */
    static final class Aborted extends RuntimeException {
        Aborted() {
            super("another step thread failed", null, false, false);
        }
    }

    private static final int SPINS = 2_000;
    private final int parties;
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile int generation;
    private volatile boolean aborted;

    SpinBarrier(int parties) {
        this.parties = parties;
    }

    void await() {
        if (parties == 1) {
            return;
        }
        int gen = generation;
        if (arrived.incrementAndGet() == parties) {
            arrived.set(0);
            generation = gen + 1;
            return;
        }
        int spins = 0;
        while (generation == gen) {
            if (aborted) {
                throw new Aborted();
            }
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        // released before the abort was seen: go on to the next barrier, so that the phase every thread entered
        // completes on every thread (a failure found by the finite check after a slice leaves the slice whole)
    }

    void abort() {
        aborted = true;
    }

    /** Makes the barrier usable again after an abort, once every party has left it. */
    void reset() {
        arrived.set(0);
        aborted = false;
    }
}
