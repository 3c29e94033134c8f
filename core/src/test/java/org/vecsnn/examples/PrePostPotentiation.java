package org.vecsnn.examples;

import org.vecsnn.core.plasticity.PlasticSynapses;
import org.vecsnn.core.plasticity.PlasticityKernel;
import org.vecsnn.core.plasticity.PlasticityRule;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateVariable;

/**
 * A toy plasticity rule, written against the public API only: each presynaptic neuron keeps a trace that jumps by
 * 1 at its spikes and decays with {@code tau}; at a postsynaptic spike every synapse onto that neuron grows by
 * {@code eta} times its presynaptic trace, up to {@code wMax}. A pre spike Δt before a post spike (in whole
 * steps, Δt ≥ 0) adds {@code eta·e^(−Δt/τ)}.
 */
public record PrePostPotentiation(double eta, double tau, double wMax) implements PlasticityRule {
    @Override
    public StateSpec presynapticState() {
        return StateSpec.of(StateVariable.real("trace", "1", 0));
    }

    @Override
    public boolean changesWeights() {
        return true;
    }

    @Override
    public boolean usesPostSpikes() {
        return true;
    }

    @Override
    public boolean usesSteps() {
        return true;
    }

    @Override
    public PlasticityKernel bind(PlasticSynapses synapses, double dt) {
        float[] trace = synapses.presynapticState().floats("trace");
        float[] w = synapses.weights();
        int[] columnStart = synapses.columnStart();
        int[] columnSynapses = synapses.columnSynapses();
        int[] columnRows = synapses.columnRows();
        float decay = (float) StrictMath.exp(-dt / tau);
        float gain = (float) eta;
        float max = (float) wMax;
        int rows = synapses.rows();
        return new PlasticityKernel() {
            @Override
            public float preSpike(long step, int row) {
                trace[row] += 1f;
                return 1f;
            }

            @Override
            public void postSpike(long step, int column) {
                for (int k = columnStart[column]; k < columnStart[column + 1]; k++) {
                    int e = columnSynapses[k];
                    w[e] = Math.min(w[e] + gain * trace[columnRows[k]], max);
                }
            }

            @Override
            public void afterStep(long step) {
                for (int i = 0; i < rows; i++) {
                    trace[i] *= decay;
                }
            }
        };
    }
}
