package org.vecsnn.networks;

import java.util.List;
import org.vecsnn.core.Network;
import org.vecsnn.core.Range;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.PoissonDrive;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.ExponentialReceptor;
import org.vecsnn.equations.KineticEquations;
import org.vecsnn.models.synapse.KineticModel;
import org.vecsnn.models.synapse.KineticReceptor;

/**
 * The working-memory network of Brunel &amp; Wang (2001) as Brian2's {@code examples/frompapers/Brunel_Wang_2001.py}
 * (N = 1000): 800 pyramidal cells (C 0.5 nF, g_L 25 nS, t_ref 2 ms) in a non-selective group of 400 and five
 * selective groups of 80, and 200 interneurons (C 0.2 nF, g_L 20 nS, t_ref 1 ms); E_L −70, V_th −50, V_reset −55 mV,
 * Euler, V from −70 mV. Receptors on both: external AMPA (τ 2 ms, 2.08 / 1.62 nS per spike, 800 Poisson inputs at
 * 3 Hz), recurrent AMPA (τ 2 ms, 0.104 / 0.081 nS), NMDA ({@link KineticModel.Nmda}: τ_decay 100, τ_rise 2 ms,
 * a = 0.5 /ms, Mg block with [Mg²⁺] = 1 mM; 0.327 / 0.258 nS) and GABA_A (τ 10 ms, E −70 mV; 1.25 / 0.973 nS),
 * on E / on I. E → E and I → I connect every pair but a neuron to itself, E → I and I → E every pair, delay one
 * step. E → E weights scale by w₊ = 2.1 within a selective group, w₋ = 1 − f·(w₊ − 1)/(1 − f) = 0.8778 onto a
 * selective group from outside it, 1 onto the non-selective group (f = 0.1). Stimuli: 80 Poisson inputs at 25 Hz onto
 * selective group 1 from 1000 to 1050 ms and onto group 2 from 2000 to 2050 ms; 800 at 25 Hz onto every neuron
 * from 3000 to 3050 ms (the reset). Units: ms, mV, nS, pA.
 */
public record BrunelWang2001(Network network, NeuronPopulation excitatory, NeuronPopulation inhibitory,
                             List<Range> groups) {
    public static final int E = 800;
    public static final int I = 200;
    public static final int SELECTIVE = 5;
    public static final int GROUP = 80;
    public static final int NON_SELECTIVE = E - SELECTIVE * GROUP;
    public static final double W_PLUS = 2.1;
    public static final double W_MINUS = 1 - 0.1 * (W_PLUS - 1) / (1 - 0.1);
    /** The group names, in the order of {@link #groups}: the non-selective group, the selective ones, then I. */
    public static final List<String> NAMES = List.of("nonselective", "selective 1", "selective 2", "selective 3",
            "selective 4", "selective 5", "I");

    public static BrunelWang2001 build(long seed, Kernels kernels) {
        return build(seed, kernels, new KineticModel.Nmda(100, 2, 0.5, 1));
    }

    /**
     * NMDA as Brian2's example writes it (its x and s_NMDA per presynaptic neuron, summed onto each target), as a
     * kinetic synapse from strings: the same scheme as the built-in {@link KineticModel.Nmda}.
     */
    public static KineticEquations nmdaFromBrian2Strings() {
        return KineticEquations.builder("""
                        ds_NMDA/dt = -s_NMDA / tau_NMDA_decay + alpha * x * (1 - s_NMDA) : 1 (clock-driven)
                        dx/dt = -x / tau_NMDA_rise : 1 (clock-driven)
                        w : 1
                        s_NMDA_tot_post = w * s_NMDA : 1 (summed)""")
                .onPre("x += 1").constant("tau_NMDA_decay", "100*ms").constant("tau_NMDA_rise", "2*ms")
                .constant("alpha", "0.5/ms").method("exponential_euler").build();
    }

    /** The network with {@code nmdaScheme} as its NMDA scheme (with the example's Mg block). */
    public static BrunelWang2001 build(long seed, Kernels kernels, KineticModel nmdaScheme) {
        Network net = new Network(0.1, kernels).seed(seed);
        NeuronPopulation e = net.addNeurons("E", E, new Lif(-70, -55, -50, 20, 1 / 25.0, 2, Integrator.EULER));
        NeuronPopulation i = net.addNeurons("I", I, new Lif(-70, -55, -50, 10, 1 / 20.0, 1, Integrator.EULER));
        e.set("V", k -> -70);
        i.set("V", k -> -70);
        Receptors onE = new Receptors(e, nmdaScheme);
        Receptors onI = new Receptors(i, nmdaScheme);
        // E → E: every pair but self, weighted by group
        int[] pre = new int[E * (E - 1)];
        int[] post = new int[pre.length];
        float[] ampa = new float[pre.length];
        float[] nmda = new float[pre.length];
        int k = 0;
        for (int a = 0; a < E; a++) {
            for (int b = 0; b < E; b++) {
                if (a != b) {
                    double w = b < NON_SELECTIVE ? 1 : group(a) == group(b) ? W_PLUS : W_MINUS;
                    pre[k] = a;
                    post[k] = b;
                    ampa[k] = (float) (0.104 * w);
                    nmda[k++] = (float) (0.327 * w);
                }
            }
        }
        net.connect(e, onE.ampa).name("E-E AMPA").connector(Connectors.fromList(pre, post, ampa, null)).build();
        net.connect(e, onE.nmda).name("E-E NMDA").connector(Connectors.fromList(pre, post, nmda, null)).build();
        net.connect(e, onI.ampa).name("E-I AMPA").connector(Connectors.allToAll(true)).weight(0.081).build();
        net.connect(e, onI.nmda).name("E-I NMDA").connector(Connectors.allToAll(true)).weight(0.258).build();
        net.connect(i, onI.gaba).name("I-I").connector(Connectors.allToAll(false)).weight(0.973).build();
        net.connect(i, onE.gaba).name("I-E").connector(Connectors.allToAll(true)).weight(1.25).build();
        // background: 800 inputs at 3 Hz each; stimuli: 80 at 25 Hz onto a selective group, 800 at 25 Hz (reset)
        net.addCurrent(new PoissonDrive(onE.external, 2400, 2.08, seed * 7 + 1));
        net.addCurrent(new PoissonDrive(onI.external, 2400, 1.62, seed * 7 + 2));
        for (int g = 0; g < 2; g++) {
            int from = NON_SELECTIVE + g * GROUP;
            net.addCurrent(new PoissonDrive(onE.external, 2000, 2.08, seed * 7 + 3 + g).onNeurons(from, from + GROUP)
                    .during(1000 * (g + 1), 1000 * (g + 1) + 50));
        }
        net.addCurrent(new PoissonDrive(onE.external, 20_000, 2.08, seed * 7 + 5).during(3000, 3050));
        net.addCurrent(new PoissonDrive(onI.external, 20_000, 1.62, seed * 7 + 6).during(3000, 3050));
        List<Range> groups = new java.util.ArrayList<>();
        groups.add(e.range(0, NON_SELECTIVE));
        for (int g = 0; g < SELECTIVE; g++) {
            groups.add(e.range(NON_SELECTIVE + g * GROUP, NON_SELECTIVE + (g + 1) * GROUP));
        }
        groups.add(i.all());
        return new BrunelWang2001(net, e, i, List.copyOf(groups));
    }

    /** The selective group of pyramidal cell {@code n} (0 … 4), or −1 in the non-selective group. */
    private static int group(int n) {
        return n < NON_SELECTIVE ? -1 : (n - NON_SELECTIVE) / GROUP;
    }

    /** The four receptors of one population. */
    private static final class Receptors {
        final SynapticInput external;
        final SynapticInput ampa;
        final SynapticInput nmda;
        final SynapticInput gaba;

        Receptors(NeuronPopulation cells, KineticModel nmdaScheme) {
            external = new ExponentialReceptor(cells, "AMPA_ext", 2, SynapticOutput.conductance(0));
            ampa = new ExponentialReceptor(cells, "AMPA", 2, SynapticOutput.conductance(0));
            nmda = new KineticReceptor(cells, "NMDA", nmdaScheme, new SynapticOutput.MgBlock(0, 1, 0.062, 3.57));
            gaba = new ExponentialReceptor(cells, "GABA", 10, SynapticOutput.conductance(-70));
        }
    }
}
