package org.vecsnn.networks;

import org.vecsnn.core.Network;
import org.vecsnn.core.Projection;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.plasticity.InhibitoryStdp;
import org.vecsnn.models.synapse.ExponentialReceptor;

/**
 * The recurrent network of Vogels, Sprekeler, Zenke, Clopath &amp; Gerstner (2011) as Brian2's
 * {@code examples/frompapers/Vogels_et_al_2011.py}: 8000 excitatory and 2000 inhibitory LIF neurons (C 200 pF, g_L
 * 10 nS, E_L −60, V_th −50, V_reset −60 mV, t_ref 5 ms, a constant 200 pA, Euler, V from 0 mV as Brian2's default),
 * conductances τ 5 ms (E 0 mV) and 10 ms (E −80 mV); every pair connected with p = 0.02 (self-connections
 * allowed), delay one step: E → all 0.3 nS, I → I 3 nS, and I → E plastic ({@link InhibitoryStdp}: τ 20 ms,
 * ρ₀ = 3 Hz, η = 0.01, w_max 100 nS, from 10⁻¹⁰ nS; weights change from 1 s on). Inhibitory plasticity brings the
 * excitatory rate down to ρ₀. Units: ms, mV, nS, pA (R = 1/g_L = 0.1 mV/pA).
 */
public record Vogels2011(Network network, NeuronPopulation neurons, Projection plastic) {
    public static final int EXCITATORY = 8000;
    public static final int NEURONS = 10_000;
    /** ρ₀ (Hz), the rate inhibitory plasticity drives the excitatory neurons to. */
    public static final double TARGET_RATE = 3;
    /** When weights start to change (ms): Brian2's example runs its first second with η = 0. */
    public static final double ONSET = 1000;

    /** The rule on I → E: τ 20 ms, ρ₀ 3 Hz, η 0.01, w_max 100 nS, from 1 s on. */
    public static InhibitoryStdp rule() {
        return new InhibitoryStdp(0.01, 20, TARGET_RATE, 100).withOnset(ONSET);
    }

    public static Vogels2011 build(long seed, Kernels kernels) {
        Network net = new Network(0.1, kernels).seed(seed);
        NeuronPopulation neurons = net.addNeurons("vogels", NEURONS, new Lif(-60, -60, -50, 20, 0.1, 5,
                Integrator.EULER));
        neurons.set("V", i -> 0);
        net.addCurrent(TimedCurrent.constant(neurons.all(), 200));
        ExponentialReceptor ampa = new ExponentialReceptor(neurons, "g_ampa", 5, SynapticOutput.conductance(0));
        ExponentialReceptor gaba = new ExponentialReceptor(neurons, "g_gaba", 10, SynapticOutput.conductance(-80));
        double p = 0.02;
        net.connect(neurons.range(0, EXCITATORY), ampa).name("E").connector(Connectors.fixedProbability(p, true))
                .weight(0.3).build();
        net.connect(neurons.range(EXCITATORY, NEURONS), gaba).name("II").toRange(EXCITATORY, NEURONS)
                .connector(Connectors.fixedProbability(p, true)).weight(3).build();
        Projection plastic = net.connect(neurons.range(EXCITATORY, NEURONS), gaba).name("IE").toRange(0, EXCITATORY)
                .connector(Connectors.fixedProbability(p, true)).weight(1e-10)
                .plasticity(rule()).build();
        return new Vogels2011(net, neurons, plastic);
    }
}
