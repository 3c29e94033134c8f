package org.vecsnn.core.neuron;

import java.util.List;
import org.vecsnn.core.simd.Lanes;
import org.vecsnn.core.synapse.FusableSynapse;
import org.vecsnn.core.synapse.TargetMembrane;

/**
 * What a neuron model's kernel binds to (see {@link NeuronModel#bind}): a population's arrays as synapses see them
 * and the model's own variables, each padded to {@link org.vecsnn.core.simd.Kernels#PAD}, and the network's lanes.
 * V, the input current I, the synaptic conductance G (models that {@link NeuronModel#integratesConductances()
 * integrate it}) and the refractory counter exist for every model; the model's own variables are those it declared
 * in {@link NeuronModel#state()}.
 */
public interface NeuronState extends TargetMembrane {
    /** The input current of the step: external currents and synaptic outputs, to be cleared by the step. */
    @Override
    float[] input();

    /** Whether anything may have written {@link #input()}; if not it is all zero and a kernel may leave it unread. */
    boolean inputUsed();

    /** A variable the model declared. */
    float[] floats(String variable);

    /**
     * The shared SIMD building blocks (plain or vector, as the network steps) a model's step is composed from; a
     * model with loops of its own runs the twin that matches {@link Lanes#vectorized()}.
     */
    Lanes lanes();

    /**
     * Synapses on this population that offer to be stepped inside the membrane's own pass, in the order they were
     * added; a kernel that {@link #claim claims} one steps it, arrivals included, and the engine no longer does.
     */
    List<FusableSynapse> fusable();

    /** Takes a synapse of {@link #fusable()} into the kernel's pass. */
    void claim(FusableSynapse synapse);
}
