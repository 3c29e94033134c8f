package org.vecsnn.networks;

import org.vecsnn.core.Network;
import org.vecsnn.core.Projection;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.models.synapse.ExponentialReceptor;

/**
 * A built excitatory–inhibitory benchmark network: one population whose first {@code excitatory} neurons are
 * excitatory and the rest inhibitory, with one exponential receptor and one projection for each kind.
 */
public record EiNetwork(String name, Network network, NeuronPopulation neurons, int excitatory,
                        ExponentialReceptor excitatoryReceptor, ExponentialReceptor inhibitoryReceptor,
                        Projection fromExcitatory, Projection fromInhibitory) {
    public int size() {
        return neurons.size();
    }

    public int inhibitory() {
        return neurons.size() - excitatory;
    }
}
