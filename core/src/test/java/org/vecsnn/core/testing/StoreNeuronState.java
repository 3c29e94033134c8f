package org.vecsnn.core.testing;

import java.util.List;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronState;
import org.vecsnn.core.simd.Lanes;
import org.vecsnn.core.state.StateStore;
import org.vecsnn.core.synapse.FusableSynapse;

/**
 * A neuron state over a conformance store (variables V, input, refractory and the model's own), with the lanes under
 * test: how a {@link TwinConformance} subclass binds a neuron model's kernel.
 */
public record StoreNeuronState(NeuronModel model, Lanes lanes, StateStore store, int size) implements NeuronState {
    @Override
    public float[] v() {
        return store.floats("V");
    }

    @Override
    public float[] input() {
        return store.floats("input");
    }

    @Override
    public boolean inputUsed() {
        return true;
    }

    @Override
    public float[] conductance() {
        return null;
    }

    @Override
    public int[] refractory() {
        return store.ints("refractory");
    }

    @Override
    public float[] floats(String variable) {
        return store.floats(variable);
    }

    @Override
    public int paddedSize() {
        return store.floats("V").length;
    }

    @Override
    public List<FusableSynapse> fusable() {
        return List.of();
    }

    @Override
    public void claim(FusableSynapse synapse) {
        throw new UnsupportedOperationException();
    }
}
