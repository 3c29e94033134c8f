package org.vecsnn.networks;

import org.vecsnn.core.Network;
import org.vecsnn.core.Projection;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.plasticity.PlasticityRule;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.plasticity.PairStdp;
import org.vecsnn.models.synapse.ExponentialReceptor;

/**
 * Song, Miller &amp; Abbott (2000) as Brian2's {@code examples/synapses/STDP.py}: 1000 Poisson inputs at 15 Hz onto
 * one LIF neuron (τ 10 ms, E_L −74, V_th −54, V_reset −60 mV, V from −74 mV, Euler) through conductance synapses
 * (τ 5 ms, E 0 mV) with additive all-to-all STDP ({@link PairStdp#songMillerAbbott}: A₋/A₊ = 1.05, τ 20 ms), weights
 * starting uniform in [0, g_max], dt = 0.1 ms. Competition drives the weights apart, toward the bounds.
 */
public record SongMillerAbbott(Network network, PoissonSource inputs, NeuronPopulation neuron, Projection synapses) {
    /** g_max, the upper bound of every weight (in units of the leak conductance). */
    public static final double G_MAX = 0.01;

    public static SongMillerAbbott build(long seed, Kernels kernels) {
        return build(seed, kernels, PairStdp.songMillerAbbott(G_MAX));
    }

    /** The network with another rule on its synapses (such as the example's Brian2 strings, a SynapseModel). */
    public static SongMillerAbbott build(long seed, Kernels kernels, PlasticityRule rule) {
        Network net = new Network(0.1, kernels).seed(seed);
        PoissonSource inputs = net.add(new PoissonSource("input", 1000, 15, seed));
        NeuronPopulation neuron = net.addNeurons("neuron", 1, new Lif(-74, -60, -54, 10, 1, 0, Integrator.EULER));
        neuron.set("V", i -> -74);
        ExponentialReceptor ge = new ExponentialReceptor(neuron, "ge", 5, SynapticOutput.conductance(0));
        Projection synapses = net.connect(inputs, ge).connector(Connectors.allToAll(true))
                .weights(rng -> rng.nextDouble() * G_MAX).plasticity(rule).build();
        return new SongMillerAbbott(net, inputs, neuron, synapses);
    }
}
