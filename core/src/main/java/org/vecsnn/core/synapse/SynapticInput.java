package org.vecsnn.core.synapse;

import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.delay.DelayRing;
import org.vecsnn.core.monitor.Probe;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateStore;

/**
 * Where projections deliver spikes on a neuron population: a synaptic state kept per postsynaptic neuron (a
 * receptor) or the membrane itself (voltage jumps). Arrivals wait in a {@link DelayRing} until their step; several
 * projections may feed one input, and their effects add up. A synapse model extends this class: it declares its
 * per-neuron state in a {@link StateSpec} (allocated, recorded, watched and checkpointed by the engine), computes
 * its constants in {@link #prepareDynamics} and steps in {@link #apply} (see {@code docs/EXTENDING.md}).
 */
public abstract class SynapticInput implements org.vecsnn.core.Checkpointed {
    private final String name;
    private final NeuronPopulation target;
    /** What this synapse sees of its target neurons. */
    protected final TargetMembrane membrane;
    private final StateStore store;
    private int maxDelaySteps = 1;
    protected DelayRing arrivals;

    /**
     * Allocates the declared state, one entry per target neuron; refused with its one-step arrival ring before
     * anything is allocated if the heap left cannot hold them.
     */
    protected SynapticInput(NeuronPopulation target, String name, StateSpec state) {
        if (target == null) {
            throw new IllegalArgumentException("target population = null: must be a neuron population");
        }
        org.vecsnn.core.Check.fitsHeap("synapse '" + name + "' on population '" + target.name() + "'",
                target.paddedSize(), 4 * (state.variables().size() + 1), false);
        this.target = target;
        this.membrane = target.membrane();
        this.name = name;
        target.addSynapticInput(this);
        this.store = new StateStore("synapse '" + name + "' on population '" + target.name() + "'", "neuron",
                target.size(), state);
    }

    /**
     * Checks an output for a synapse on {@code target}: not null, and current-based if the population is
     * integrated EXACT and {@code exactCapable} (only the exponential synapse has an exact current).
     */
    protected static void requireOutput(NeuronPopulation target, String name, SynapticOutput output,
            boolean exactCapable) {
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

    /** The state this synapse declared, one entry per target neuron. */
    public final StateStore store() {
        return store;
    }

    /** How g acts on the membrane, or null for a synapse without an output (voltage jumps). */
    public SynapticOutput output() {
        return null;
    }

    /**
     * This synapse's current into each target neuron as a state monitor reads it at a step's start: its output
     * applied to {@link #state()} and V then, computed in double (the step's own float arithmetic may differ by a
     * rounding). Null for a synapse without output or state.
     */
    public Probe current() {
        float[] g = state();
        SynapticOutput out = output();
        if (g == null || out == null) {
            return null;
        }
        float[] v = membrane.v();
        double scale = currentScale();
        return Probe.computed(target.size(), i -> scale * out.current(g[i], v[i]));
    }

    /** The factor between the output's current and what reaches the input (an exact integral's κ; else 1). */
    protected double currentScale() {
        return 1;
    }

    /** Whether arrivals move V itself and so act before every other synapse of the step (voltage jumps). */
    public boolean movesVoltage() {
        return false;
    }

    /** This synapse as a membrane kernel may step it in its own pass, or null (see {@link FusableSynapse}). */
    public FusableSynapse fusable() {
        return null;
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

    /**
     * Engine hook, when a projection onto this synapse is prepared: the channels that take its spikes as events, or
     * null for a synapse whose projections deliver into its arrival ring.
     */
    public SpikeChannels bindChannels(org.vecsnn.core.connect.Csr csr, int targetFrom, float weight,
                                      int delaySteps) {
        return null;
    }

    /** The bytes {@link #bindChannels} allocates for a projection of {@code csr} with delays up to {@code maxDelay}. */
    public long channelBytes(org.vecsnn.core.connect.Csr csr, int maxDelay) {
        return 0;
    }

    protected abstract void prepareDynamics(TimeGrid grid);

    /** Saves the pending arrivals and the declared state (kinetic synapses add their channels). */
    @Override
    public void save(java.io.DataOutputStream out) throws java.io.IOException {
        if (arrivals != null) {
            org.vecsnn.core.Checkpointed.writeFloats(out, arrivals.data());
        }
        store.save(out);
    }

    @Override
    public Runnable load(java.io.DataInputStream in) throws java.io.IOException {
        java.util.List<Runnable> actions = new java.util.ArrayList<>();
        if (arrivals != null) {
            float[] staged = org.vecsnn.core.Checkpointed.readFloats(in, arrivals.data().length, "arrivals of "
                    + store.owner());
            actions.add(org.vecsnn.core.Checkpointed.install(staged, arrivals.data()));
        }
        actions.add(store.load(in));
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

    /** The per-neuron state the output acts with (g), or null if it keeps none. */
    public abstract float[] state();

    /** The state variables to watch for non-finite values. */
    public java.util.List<org.vecsnn.core.StateArray> stateArrays() {
        return store.watched();
    }
}
