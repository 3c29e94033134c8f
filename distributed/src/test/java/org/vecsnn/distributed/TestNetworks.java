package org.vecsnn.distributed;

import java.util.ArrayList;
import java.util.List;
import org.vecsnn.core.Network;
import org.vecsnn.core.Population;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.connect.Distribution;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.plasticity.PairStdp;
import org.vecsnn.models.synapse.ExponentialReceptor;
import org.vecsnn.networks.BenchmarkNetworks;
import org.vecsnn.networks.Microcircuit;

/**
 * The networks whose spikes must not depend on the number of processes and threads: COBA 4000, the microcircuit at
 * scale 0.1 (Poisson drive, per-synapse delays), a network with per-synapse delays of 1 to 4 ms into two
 * populations, and one with pair STDP on its input. Each comes with a spike monitor on every population; COBA also
 * with V of five neurons spread over the processes (its shortest delay is one step, so the monitor, which makes
 * the processes exchange every step, does not change its slices).
 */
final class TestNetworks {
    static final List<String> NAMES = List.of("coba", "microcircuit", "delays", "plastic");

    record Built(Network network, List<SpikeMonitor> monitors, List<StateMonitor> traces) {}

    private TestNetworks() {}

    static Built build(String name) {
        Network network = switch (name) {
            case "coba" -> BenchmarkNetworks.coba(4000, 0.1, 5, KernelProvider.get()).network();
            case "microcircuit" -> Microcircuit.build(0.1, 0.1, 5, KernelProvider.get(), Microcircuit.Drive.POISSON)
                    .network();
            case "delays" -> delays();
            case "plastic" -> plastic();
            default -> throw new IllegalArgumentException("test network = " + name + ": must be one of " + NAMES);
        };
        List<SpikeMonitor> monitors = new ArrayList<>();
        for (Population p : network.populations()) {
            monitors.add(network.addMonitor(new SpikeMonitor(p)));
        }
        List<StateMonitor> traces = name.equals("coba") ? List.of(network.addMonitor(new StateMonitor(
                (NeuronPopulation) network.populations().getFirst(), "V", new int[] {0, 999, 1000, 2000, 3999}, 0.5)))
                : List.of();
        return new Built(network, monitors, traces);
    }

    /** Poisson input into an E and an I population, recurrent, every synapse with its own delay (1–4 ms). */
    private static Network delays() {
        Network net = new Network(0.1, KernelProvider.get()).seed(17);
        PoissonSource input = net.add(new PoissonSource("input", 400, 20, 3));
        Lif lif = new Lif(-60, -60, -50, 20, 1, 2, Integrator.EXPONENTIAL_EULER);
        NeuronPopulation e = net.addNeurons("E", 1600, lif);
        NeuronPopulation i = net.addNeurons("I", 400, lif);
        e.set("V", k -> -60 + (k * 7919 % 100) / 10.0);
        i.set("V", k -> -60 + (k * 104729 % 100) / 10.0);
        Distribution delay = Distribution.normal(2.5, 1, 1, 4);
        ExponentialReceptor eE = new ExponentialReceptor(e, "ge", 5, SynapticOutput.conductance(0));
        ExponentialReceptor iE = new ExponentialReceptor(e, "gi", 10, SynapticOutput.conductance(-80));
        ExponentialReceptor eI = new ExponentialReceptor(i, "ge", 5, SynapticOutput.conductance(0));
        net.connect(input, eE).connector(Connectors.fixedProbability(0.05, true)).weight(0.3).delays(delay).build();
        net.connect(input, eI).connector(Connectors.fixedProbability(0.05, true)).weight(0.3).delays(delay).build();
        net.connect(e, eE).connector(Connectors.fixedProbability(0.02, false))
                .weights(Distribution.normal(0.2, 0.05, 0, 1)).delays(delay).build();
        net.connect(e, eI).connector(Connectors.fixedProbability(0.02, true)).weight(0.2).delays(delay).build();
        net.connect(i, iE).connector(Connectors.fixedProbability(0.05, true)).weight(1.5).delays(delay).build();
        return net;
    }

    /** Poisson input onto a LIF population through pair STDP (Song, Miller and Abbott's rule), and recurrent. */
    private static Network plastic() {
        Network net = new Network(0.1, KernelProvider.get()).seed(23);
        PoissonSource input = net.add(new PoissonSource("input", 500, 15, 7));
        NeuronPopulation neurons = net.addNeurons("neurons", 300, new Lif(-74, -60, -54, 10, 1, 0,
                Integrator.EULER));
        neurons.set("V", k -> -74 + (k * 7919 % 100) / 10.0);
        ExponentialReceptor ge = new ExponentialReceptor(neurons, "ge", 5, SynapticOutput.conductance(0));
        double gMax = 0.05;
        net.connect(input, ge).connector(Connectors.fixedProbability(0.3, true))
                .weights(rng -> rng.nextDouble() * gMax).plasticity(PairStdp.songMillerAbbott(gMax)).build();
        net.connect(neurons, ge).connector(Connectors.fixedProbability(0.05, false)).weight(0.01).delay(1.5)
                .build();
        return net;
    }
}
