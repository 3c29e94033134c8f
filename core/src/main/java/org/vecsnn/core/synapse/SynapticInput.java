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
public abstract sealed class SynapticInput permits ExponentialReceptor, VoltageJump {
    private final String name;
    protected final NeuronPopulation target;
    private int maxDelaySteps = 1;
    protected DelayRing arrivals;

    protected SynapticInput(NeuronPopulation target, String name) {
        if (target == null) {
            throw new IllegalArgumentException("target population = null: must be a neuron population");
        }
        this.target = target;
        this.name = name;
        target.addSynapticInput(this);
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

    /** Engine hook: a projection whose delays reach {@code steps} feeds this input. */
    public final void requireDelay(int steps) {
        maxDelaySteps = Math.max(maxDelaySteps, steps);
    }

    /** Engine hook: allocate the ring and compute the dt-dependent constants. */
    public final void prepare(TimeGrid grid) {
        arrivals = new DelayRing(maxDelaySteps, target.paddedSize());
        prepareDynamics(grid);
    }

    protected abstract void prepareDynamics(TimeGrid grid);

    /** Engine hook: take this step's arrivals and act on the target, before its membrane update. */
    public abstract void apply(long step, Kernels kernels);

    /** The per-neuron state of this input (for monitors), or null if it keeps none. */
    public abstract float[] state();
}
