package org.vecsnn.models.plasticity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.Projection;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.ExponentialReceptor;

/**
 * Song, Miller &amp; Abbott (2000) as in Brian2's {@code examples/synapses/STDP.py}: 1000 Poisson inputs at 15 Hz
 * onto one LIF neuron (τ 10 ms, E_L −74, V_th −54, V_reset −60 mV) through conductance synapses (τ 5 ms, E 0 mV)
 * with additive all-to-all STDP, A₋/A₊ = 1.05, weights starting uniform in [0, g_max]: competition drives the
 * weights apart, toward the bounds. After 300 s the two outer tenths of [0, g_max] are the fullest and the middle
 * four hold under half of their uniform share. Qualitative: Brian2 was not run beside it.
 */
class SongMillerAbbottTest {
    private static final double G_MAX = 0.01;

    @Test
    void competitionSplitsTheWeightsIntoTwoGroupsAtTheBounds() {
        Network net = new Network(0.1, KernelProvider.get()).seed(2000);
        PoissonSource input = net.add(new PoissonSource("input", 1000, 15, 1));
        NeuronPopulation neuron = net.addNeurons("neuron", 1, new Lif(-74, -60, -54, 10, 1, 0, Integrator.EULER));
        neuron.set("V", i -> -74);
        ExponentialReceptor ge = new ExponentialReceptor(neuron, "ge", 5, SynapticOutput.conductance(0));
        Projection synapses = net.connect(input, ge).connector(Connectors.allToAll(true))
                .weights(rng -> rng.nextDouble() * G_MAX).plasticity(PairStdp.songMillerAbbott(G_MAX)).build();
        SpikeMonitor out = net.addMonitor(new SpikeMonitor(neuron));
        net.runSteps(3_000_000, ProgressListener.SILENT);
        int[] histogram = new int[10];
        for (float w : synapses.csr().weights()) {
            histogram[Math.min((int) (w / G_MAX * 10), 9)]++;
        }
        String report = "w/g_max in tenths: " + java.util.Arrays.toString(histogram) + ", output "
                + out.count() / 300.0 + " Hz";
        System.out.println("Song et al. 2000: " + report);
        int middle = histogram[3] + histogram[4] + histogram[5] + histogram[6];
        int[] sorted = histogram.clone();
        java.util.Arrays.sort(sorted);
        assertTrue(Math.min(histogram[0], histogram[9]) == sorted[8] && middle < 200, report);
    }
}
