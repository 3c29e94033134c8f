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
import org.vecsnn.equations.SynapseModel;
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

    /** Brian2's {@code examples/synapses/STDP.py} rule, its strings as they are, with the example's constants. */
    public static SynapseModel stdpFromBrian2Strings() {
        return stdpFromBrian2Strings("20*ms", "20*ms", 0.01 * G_MAX + "", -0.0105 * G_MAX + "", G_MAX + "");
    }

    /** STDP.py's strings with other constants (quantities, such as {@code "20*ms"}). */
    public static SynapseModel stdpFromBrian2Strings(String taupre, String taupost, String dApre, String dApost,
                                                     String gmax) {
        return SynapseModel.builder("""
                        w : 1
                        dApre/dt = -Apre / taupre : 1 (event-driven)
                        dApost/dt = -Apost / taupost : 1 (event-driven)""")
                .onPre("""
                        ge += w
                        Apre += dApre
                        w = clip(w + Apost, 0, gmax)""")
                .onPost("""
                        Apost += dApost
                        w = clip(w + Apre, 0, gmax)""")
                .constant("taupre", taupre).constant("taupost", taupost).constant("dApre", dApre)
                .constant("dApost", dApost).constant("gmax", gmax).build();
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
