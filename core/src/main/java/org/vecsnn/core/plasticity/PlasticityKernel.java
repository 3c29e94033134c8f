package org.vecsnn.core.plasticity;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** A {@link PlasticityRule} bound to one projection. Every callback runs on one thread. */
public interface PlasticityKernel {
    /**
     * A spike of presynaptic row {@code row} (relative to the source range) in step {@code step}, before it is
     * delivered: the rule may update that row's synapses and returns the efficacy that scales every weight the
     * spike delivers (1 for a rule that only learns).
     */
    default float preSpike(long step, int row) {
        return 1f;
    }

    /**
     * A spike of postsynaptic column {@code column} (relative to the target range) in step {@code step}, after
     * the step's spikes were delivered. Called only if the rule {@link PlasticityRule#usesPostSpikes uses them}.
     */
    default void postSpike(long step, int column) {}

    /**
     * The end of step {@code step}, after its post-spikes. Called only if the rule {@link PlasticityRule#usesSteps uses
     * it}.
     */
    default void afterStep(long step) {}

    /**
     * Saves what the kernel keeps besides the rule's declared state (spikes in flight to the synapses, say), after
     * that state, in a checkpoint. Nothing by default.
     */
    default void save(DataOutputStream out) throws IOException {}

    /** Reads what {@link #save} wrote and checks it, changing nothing; the action returned installs it. */
    default Runnable load(DataInputStream in) throws IOException {
        return () -> { };
    }
}
