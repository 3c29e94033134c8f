package org.vecsnn.core.synapse;

import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.delay.DelayRing;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;

/**
 * Where projections deliver spikes on a neuron population: a synaptic state kept per postsynaptic neuron (a
 * receptor) or the membrane itself (voltage jumps). Arrivals wait in a {@link DelayRing} until their step; several
 * projections may feed one input, and their effects add up (the models here are linear in their arrivals).
 */
public abstract sealed class SynapticInput implements org.vecsnn.core.Checkpointed permits ExponentialReceptor, DualExponentialReceptor, KineticReceptor, VoltageJump {
    private final String name;
    protected final NeuronPopulation target;
    private int maxDelaySteps = 1;
    protected DelayRing arrivals;

    /**
     * @param arraysPerNeuron the float arrays of one entry per target neuron the synapse keeps (g, h), refused
     *     with its one-step arrival ring before anything is allocated if the heap left cannot hold them
     */
    protected SynapticInput(NeuronPopulation target, String name, int arraysPerNeuron) {
        if (target == null) {
            throw new IllegalArgumentException("target population = null: must be a neuron population");
        }
        org.vecsnn.core.Check.fitsHeap("synapse '" + name + "' on population '" + target.name() + "'",
                target.paddedSize(), 4 * (arraysPerNeuron + 1), false);
        this.target = target;
        this.name = name;
        target.addSynapticInput(this);
    }

    /**
     * Checks an output for a synapse on {@code target}: not null, and current-based if the population is
     * integrated EXACT and {@code exactCapable} (only the exponential synapse has an exact current).
     */
    static void requireOutput(NeuronPopulation target, String name, SynapticOutput output, boolean exactCapable) {
        if (output == null) {
            throw new IllegalArgumentException("output of synapse '" + name
                    + "' = null: must be SynapticOutput.current(), conductance(E) or mgBlock()");
        }
        if (target != null && target.model().method() == org.vecsnn.core.neuron.Integrator.EXACT
                && !(exactCapable && output instanceof SynapticOutput.Current)) {
            throw new IllegalArgumentException("synapse '" + name + "' on population '" + target.name()
                    + "' integrated EXACT: must be a current-based exponential synapse (EXACT integrates only those"
                    + " exactly; use EXPONENTIAL_EULER or EULER for other synapses and outputs)");
        }
    }

    public final String name() {
        return name;
    }

    public final NeuronPopulation target() {
        return target;
    }

    /** The arrival ring; null until the network has prepared its first step. */
    public final DelayRing arrivals() {
        return arrivals;
    }

    /**
     * Engine hook: a projection whose delays reach {@code steps} feeds this input. Refuses, changing nothing, a
     * delay whose arrival ring could not be allocated.
     */
    public final void requireDelay(int steps) {
        int depth = Math.max(maxDelaySteps, steps);
        if (usesArrivalRing()) {
            org.vecsnn.core.Check.fitsHeap("delay ring of synapse '" + name + "' on population '" + target.name()
                    + "' (" + depth + " steps × " + target.paddedSize() + " neurons)",
                    (long) depth * target.paddedSize(), 4, true);
        }
        maxDelaySteps = depth;
    }

    /** The floats of the arrival ring {@link #prepare} allocates (0 for inputs without one). */
    public final long ringEntries() {
        return usesArrivalRing() ? (long) maxDelaySteps * target.paddedSize() : 0;
    }

    /** The model and its parameters, in words (for checkpoint fingerprints). */
    public abstract String description();

    /** Engine hook: allocate the ring and compute the dt-dependent constants. */
    public final void prepare(TimeGrid grid) {
        if (usesArrivalRing()) {
            arrivals = new DelayRing(maxDelaySteps, target.paddedSize());
        }
        prepareDynamics(grid);
    }

    /** Whether projections deliver into a {@link DelayRing} of summed weights (all but kinetic synapses). */
    protected boolean usesArrivalRing() {
        return true;
    }

    protected abstract void prepareDynamics(TimeGrid grid);

    /** Saves the pending arrivals and the per-neuron state; subclasses with more state add it after. */
    @Override
    public void save(java.io.DataOutputStream out) throws java.io.IOException {
        if (arrivals != null) {
            org.vecsnn.core.Checkpointed.writeFloats(out, arrivals.data());
        }
        for (org.vecsnn.core.StateArray a : stateArrays()) {
            org.vecsnn.core.Checkpointed.writeFloats(out, a.values());
        }
    }

    @Override
    public Runnable load(java.io.DataInputStream in) throws java.io.IOException {
        java.util.List<Runnable> actions = new java.util.ArrayList<>();
        String where = " of synapse '" + name + "' on population '" + target.name() + "'";
        if (arrivals != null) {
            float[] staged = org.vecsnn.core.Checkpointed.readFloats(in, arrivals.data().length, "arrivals" + where);
            actions.add(org.vecsnn.core.Checkpointed.install(staged, arrivals.data()));
        }
        for (org.vecsnn.core.StateArray a : stateArrays()) {
            float[] staged = org.vecsnn.core.Checkpointed.readFloats(in, a.values().length, a.variable() + where);
            actions.add(org.vecsnn.core.Checkpointed.install(staged, a.values()));
        }
        return org.vecsnn.core.Checkpointed.all(actions);
    }

    /**
     * Engine hook: take this step's arrivals for neurons {@code [from, to)} of the target and act on them, before
     * their membrane update. Ranges of one step are disjoint and may run on different threads.
     */
    public abstract void apply(long step, Kernels kernels, int from, int to);

    /**
     * Whether {@link #apply} may run on a part of the target (false where state is kept per presynaptic unit or per
     * synapse: the kinetic models).
     */
    public boolean appliesByRange() {
        return true;
    }

    /**
     * Where a weight due in this input's next update may be added directly (one entry per target neuron): during a
     * step's delivery, one due in the following step; from an input applied at a step's start, one due in that
     * step. Null if every weight waits in the ring slot of its step.
     */
    public float[] dueAtNextStep() {
        return null;
    }

    /** The per-neuron state of this input (for monitors), or null if it keeps none. */
    public abstract float[] state();

    /** The state variables to watch for non-finite values. */
    public java.util.List<org.vecsnn.core.StateArray> stateArrays() {
        return state() == null ? java.util.List.of()
                : java.util.List.of(new org.vecsnn.core.StateArray("population '" + target.name() + "'",
                        "synapse '" + name + "' state", "neuron", state(), target.size()));
    }
}
