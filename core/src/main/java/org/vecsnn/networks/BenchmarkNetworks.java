package org.vecsnn.networks;

import java.util.function.IntToDoubleFunction;
import org.vecsnn.core.Check;
import org.vecsnn.core.Network;
import org.vecsnn.core.Projection;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.connect.SplitMix64;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.HodgkinHuxley;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.ExponentialReceptor;

/**
 * The standard networks of Brette et al. (2007), as the field benchmarks them. N_E = 0.8·N, N_I = 0.2·N; every
 * pair is connected independently with p = 80/N (0.02 at N = 4000: about 80 inputs per neuron, self-connections
 * allowed as in Brian2); weights do not scale with N; dt = 0.1 ms; a spike acts in the next step (delay one step,
 * Brian2's "no delay").
 */
public final class BenchmarkNetworks {
    /** Inputs per neuron, on average. */
    public static final double IN_DEGREE = 80;

    private BenchmarkNetworks() {}

    /**
     * COBA as BrainPy's and ANNarchy's benchmarks run it ("COBA + I"): LIF τ = 20 ms, V_rest = −60, V_th = −50,
     * V_reset = −60 mV, t_ref = 5 ms, forward Euler; a constant input of 20 mV; V0 ~ Normal(−55, 5) mV;
     * conductance synapses τ_e = 5 / τ_i = 10 ms, E_e = 0 / E_i = −80 mV, weights 0.6 / 6.7 (units of g_L).
     */
    public static EiNetwork coba(int n, double dt, long seed, Kernels kernels) {
        Lif lif = new Lif(-60, -60, -50, 20, 1, 5, Integrator.EULER);
        SplitMix64 init = SplitMix64.stream(seed, -1);
        EiNetwork net = build("coba", n, dt, seed, kernels, lif, SynapticOutput.conductance(0),
                SynapticOutput.conductance(-80), 0.6, 6.7, i -> -55 + 5 * init.nextGaussian());
        net.network().addCurrent(TimedCurrent.constant(net.neurons().all(), 20));
        return net;
    }

    /**
     * CUBA as Brian2's example: LIF τ = 20 ms, V_rest = −49, V_th = −50, V_reset = −60 mV, t_ref = 5 ms, integrated
     * exactly; no external input; V0 ~ Uniform(−60, −50) mV; current synapses τ_e = 5 / τ_i = 10 ms, weights
     * +1.62 / −9 mV.
     */
    public static EiNetwork cuba(int n, double dt, long seed, Kernels kernels) {
        Lif lif = new Lif(-49, -60, -50, 20, 1, 5, Integrator.EXACT);
        SplitMix64 init = SplitMix64.stream(seed, -1);
        return build("cuba", n, dt, seed, kernels, lif, SynapticOutput.current(), SynapticOutput.current(), 1.62,
                -9, i -> -60 + 10 * init.nextDouble());
    }

    /**
     * COBAHH (Brian2's {@code COBAHH.py}): {@link HodgkinHuxley#traubMiles() Traub–Miles} neurons (spike at −20 mV,
     * refractory 3 ms, exponential Euler) with conductance synapses τ_e = 5 / τ_i = 10 ms, E_e = 0 / E_i = −80 mV,
     * weights 6 / 67 nS; no external input; V0 = E_L + (5·randn − 5) mV, g_e = (1.5·randn + 4)·10 nS,
     * g_i = (12·randn + 20)·10 nS, gates m = h = n = 0 (Brian2's default, as the script sets none).
     */
    public static EiNetwork cobahh(int n, double dt, long seed, Kernels kernels) {
        HodgkinHuxley hh = HodgkinHuxley.traubMiles();
        SplitMix64 init = SplitMix64.stream(seed, -1);
        EiNetwork net = build("cobahh", n, dt, seed, kernels, hh, SynapticOutput.conductance(0),
                SynapticOutput.conductance(-80), 6, 67, i -> hh.eL() + 5 * init.nextGaussian() - 5);
        NeuronPopulation neurons = net.neurons();
        for (String gate : hh.variables()) {
            neurons.set(gate, i -> 0);
        }
        neurons.set("ge", i -> (1.5 * init.nextGaussian() + 4) * 10);
        neurons.set("gi", i -> (12 * init.nextGaussian() + 20) * 10);
        return net;
    }

    /** The names {@link #byName} knows. */
    public static final java.util.List<String> NAMES = java.util.List.of("coba", "cuba", "cobahh");

    /** {@code coba}, {@code cuba} or {@code cobahh}. */
    public static EiNetwork byName(String name, int n, double dt, long seed, Kernels kernels) {
        return switch (name) {
            case "coba" -> coba(n, dt, seed, kernels);
            case "cuba" -> cuba(n, dt, seed, kernels);
            case "cobahh" -> cobahh(n, dt, seed, kernels);
            default -> throw Check.fail("network", name, "one of " + NAMES);
        };
    }

    private static EiNetwork build(String name, int n, double dt, long seed, Kernels kernels, NeuronModel model,
                                   SynapticOutput excitatoryOut, SynapticOutput inhibitoryOut, double we, double wi,
                                   IntToDoubleFunction v0) {
        Check.positive("N", n);
        if (n < 5) {
            throw Check.fail("N", n, "at least 5 (0.8·N excitatory and 0.2·N inhibitory neurons)");
        }
        int excitatory = (int) Math.round(0.8 * n);
        double p = Math.min(1.0, IN_DEGREE / n);
        Network network = new Network(dt, kernels).seed(seed);
        NeuronPopulation neurons = network.addNeurons(name, n, model);
        neurons.set("V", v0);
        ExponentialReceptor ge = new ExponentialReceptor(neurons, "ge", 5, excitatoryOut);
        ExponentialReceptor gi = new ExponentialReceptor(neurons, "gi", 10, inhibitoryOut);
        Projection fromE = network.connect(neurons.range(0, excitatory), ge)
                .name("E").connector(Connectors.fixedProbability(p, true)).weight(we).build();
        Projection fromI = network.connect(neurons.range(excitatory, n), gi)
                .name("I").connector(Connectors.fixedProbability(p, true)).weight(wi).build();
        return new EiNetwork(name, network, neurons, excitatory, ge, gi, fromE, fromI);
    }
}
