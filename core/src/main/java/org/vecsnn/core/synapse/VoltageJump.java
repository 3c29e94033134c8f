package org.vecsnn.core.synapse;

import org.vecsnn.core.synapse.SynapticInput;

import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;

/**
 * Voltage-jump (delta) synapse: an arriving spike adds its weight w to the postsynaptic V at the start of its
 * arrival step, before the membrane update. With {@code gated}, jumps that arrive while the neuron is refractory
 * (it holds V this step) are dropped; without, they move the held V.
 */
public final class VoltageJump extends SynapticInput {
    private final boolean gated;

    public VoltageJump(NeuronPopulation target, String name, boolean gatedByRefractoriness) {
        super(target, name, org.vecsnn.core.state.StateSpec.of());
        this.gated = gatedByRefractoriness;
    }

    @Override
    public String description() {
        return "voltage jump gated=" + gated;
    }

    public boolean gated() {
        return gated;
    }

    @Override
    public boolean movesVoltage() {
        return true;
    }

    @Override
    public float[] state() {
        return null;
    }

    @Override
    protected void prepareDynamics(TimeGrid grid) {}

    @Override
    public void apply(long step, Kernels kernels, int from, int to) {
        kernels.voltageJump(arrivals.data(), arrivals.slot(step), membrane.v(), membrane.refractory(), gated, from, to);
    }
}
