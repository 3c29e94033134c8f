package org.vecsnn.networks;

import java.util.ArrayList;
import java.util.List;
import org.vecsnn.core.Check;
import org.vecsnn.core.Network;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.connect.Distribution;
import org.vecsnn.core.connect.SplitMix64;
import org.vecsnn.core.input.PoissonDrive;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.ExponentialReceptor;

/**
 * The cortical microcircuit of Potjans and Diesmann (2014), with the parameters of NEST's PyNEST example
 * ({@code microcircuit/network_params.py}): eight populations (L2/3, L4, L5, L6 × E, I) of current-based LIF
 * neurons (τ_m 10 ms, C 250 pF, τ_syn 0.5 ms, t_ref 2 ms, V_th −50, V_reset = E_L = −65 mV, integrated exactly),
 * connected by fixed total numbers of synapses K = ln(1 − p)/ln(1 − 1/(N_pre·N_post)) from the connection
 * probability table, with normal weights (mean 87.8 pA for a 0.15 mV PSP, standard deviation 10 %, doubled from
 * L4E to L2/3E, g = −4 for inhibitory sources; redrawn to keep their sign) and normal delays (E 1.5 ms, I 0.75 ms,
 * standard deviation 50 %, redrawn below dt/2 as NEST's example does, rounded to whole steps). External input: the
 * DC equivalent of K_ext synapses at 8 Hz ({@code 8 Hz · K_ext · 87.8 pA · 0.5 ms}), or Poisson trains of that rate.
 * Delays and t_ref mean what they mean in NEST ({@link Nest}: here one step longer).
 *
 * <p>{@code scale} multiplies every population size and every synapse count, so in-degrees stay as in the full
 * model (NEST's N_scaling with K_scaling = 1) and so do the rates.
 */
public final class Microcircuit {
    public static final List<String> NAMES = List.of("L23E", "L23I", "L4E", "L4I", "L5E", "L5I", "L6E", "L6I");
    static final int[] FULL_SIZES = {20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948};
    /** Connection probabilities, [target][source]. */
    static final double[][] PROBABILITIES = {
        {0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0},
        {0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0},
        {0.0077, 0.0059, 0.0497, 0.135, 0.0067, 0.0003, 0.0453, 0.0},
        {0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0},
        {0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0},
        {0.0548, 0.0269, 0.0257, 0.0022, 0.06, 0.3158, 0.0086, 0.0},
        {0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252},
        {0.0364, 0.001, 0.0034, 0.0005, 0.0277, 0.008, 0.0658, 0.1443}};
    static final int[] EXTERNAL_INDEGREES = {1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100};
    static final double[] V0_MEAN = {-68.28, -63.16, -63.33, -63.45, -63.11, -61.66, -66.72, -61.43};
    static final double[] V0_SD = {5.36, 4.57, 4.74, 4.94, 4.94, 4.55, 5.46, 4.48};
    /**
     * Published mean rates of the full model (Hz): INM-6/microcircuit-PD14-model, {@code network_params.py}
     * ({@code full_mean_rates}). NEST's older PyNEST example lists 0.943, 3.026, 4.368, 5.882, 7.733, 8.664, 1.096,
     * 7.851 — the spread between two runs of the reference implementation.
     */
    public static final double[] PUBLISHED_RATES_HZ = {0.903, 2.965, 4.414, 5.876, 7.569, 8.633, 1.105, 7.829};
    static final double TAU_M = 10;
    static final double C_M = 250;
    static final double TAU_SYN = 0.5;
    static final double BACKGROUND_HZ = 8;

    /** External drive: its DC equivalent (the default here) or Poisson trains. */
    public enum Drive { DC, POISSON }

    /** A built microcircuit: its network, its eight populations (in {@link #NAMES} order) and their receptors. */
    public record Built(Network network, List<NeuronPopulation> populations, List<ExponentialReceptor> receptors,
                        double scale) {}

    private Microcircuit() {}

    /** The PSC amplitude (pA) that gives a PSP of {@code psp} mV in this neuron (NEST's helper of the example). */
    public static double pscForPsp(double psp) {
        double sub = 1 / (TAU_SYN - TAU_M);
        double pre = TAU_M * TAU_SYN / C_M * sub;
        double frac = StrictMath.pow(TAU_M / TAU_SYN, sub);
        return psp / (pre * (StrictMath.pow(frac, TAU_M) - StrictMath.pow(frac, TAU_SYN)));
    }

    /** Synapses of the full model from population {@code source} to {@code target}. */
    public static long fullSynapses(int target, int source) {
        double p = PROBABILITIES[target][source];
        if (p == 0) {
            return 0;
        }
        double pairs = (double) FULL_SIZES[target] * FULL_SIZES[source];
        return Math.round(StrictMath.log(1 - p) / StrictMath.log((pairs - 1) / pairs));
    }

    /** Population sizes at {@code scale}. */
    public static int[] sizes(double scale) {
        int[] n = new int[FULL_SIZES.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = (int) Math.round(FULL_SIZES[i] * scale);
        }
        return n;
    }

    /** Synapses in the model at {@code scale}. */
    public static long synapses(double scale) {
        long total = 0;
        for (int t = 0; t < FULL_SIZES.length; t++) {
            for (int s = 0; s < FULL_SIZES.length; s++) {
                total += Math.round(fullSynapses(t, s) * scale);
            }
        }
        return total;
    }

    public static Built build(double scale, double dt, long seed, Kernels kernels, Drive drive) {
        if (!(scale >= 0.01 && scale <= 1)) {
            throw Check.fail("microcircuit scale", scale, "a number in [0.01, 1]");
        }
        if (drive == null) {
            throw Check.fail("microcircuit drive", null, "DC or POISSON");
        }
        Network network = new Network(dt, kernels).seed(seed);
        Lif lif = new Lif(-65, -65, -50, TAU_M, TAU_M / C_M, Nest.refractory(2, dt), Integrator.EXACT);
        int[] n = sizes(scale);
        List<NeuronPopulation> populations = new ArrayList<>();
        List<ExponentialReceptor> receptors = new ArrayList<>();
        for (int i = 0; i < n.length; i++) {
            NeuronPopulation p = network.addNeurons(NAMES.get(i), n[i], lif);
            SplitMix64 init = SplitMix64.stream(seed, -100 - i);
            double mean = V0_MEAN[i];
            double sd = V0_SD[i];
            p.set("V", k -> mean + sd * init.nextGaussian());
            populations.add(p);
            receptors.add(new ExponentialReceptor(p, "I_syn", TAU_SYN, SynapticOutput.current()));
        }
        double psc = pscForPsp(0.15);
        for (int t = 0; t < n.length; t++) {
            for (int s = 0; s < n.length; s++) {
                long count = Math.round(fullSynapses(t, s) * scale);
                if (count == 0) {
                    continue;
                }
                boolean excitatory = s % 2 == 0;
                double w = (excitatory ? psc : -4 * psc) * (t == 0 && s == 2 ? 2 : 1);
                Distribution weights = excitatory ? Distribution.normal(w, 0.1 * w, 0, Double.POSITIVE_INFINITY)
                        : Distribution.normal(w, -0.1 * w, Double.NEGATIVE_INFINITY, 0);
                double delay = excitatory ? 1.5 : 0.75;
                // NEST's PD14 example redraws delays below half a step: [0.5, 1.5) steps round to its shortest, 1
                Distribution nestDelays = Distribution.normal(delay, 0.5 * delay, 0.5 * dt, Double.POSITIVE_INFINITY);
                network.connect(populations.get(s), receptors.get(t)).name(NAMES.get(s) + "->" + NAMES.get(t))
                        .connector(Connectors.fixedTotalNumber(count, true)).weights(weights)
                        .delays(Nest.delays(nestDelays, dt)).build();
            }
        }
        for (int i = 0; i < n.length; i++) {
            double rate = BACKGROUND_HZ * EXTERNAL_INDEGREES[i];
            if (drive == Drive.DC) {
                network.addCurrent(TimedCurrent.constant(populations.get(i).all(), rate * psc * TAU_SYN * 1e-3));
            } else {
                network.addCurrent(new PoissonDrive(receptors.get(i), rate, psc, seed * 31 + i));
            }
        }
        return new Built(network, List.copyOf(populations), List.copyOf(receptors), scale);
    }
}
