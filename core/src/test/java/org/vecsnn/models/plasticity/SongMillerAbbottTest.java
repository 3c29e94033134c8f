package org.vecsnn.models.plasticity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.Projection;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.SongMillerAbbott;

/**
 * Song, Miller &amp; Abbott (2000) as in Brian2's {@code examples/synapses/STDP.py}: 1000 Poisson inputs at 15 Hz
 * onto one LIF neuron (τ 10 ms, E_L −74, V_th −54, V_reset −60 mV) through conductance synapses (τ 5 ms, E 0 mV)
 * with additive all-to-all STDP, A₋/A₊ = 1.05, weights starting uniform in [0, g_max]: competition drives the
 * weights apart, toward the bounds. After 300 s the two outer tenths of [0, g_max] are the fullest and the middle
 * four hold under half of their uniform share. Qualitative here; {@code ./snn compare-stdp} runs it beside Brian2.
 */
class SongMillerAbbottTest {
    private static final double G_MAX = SongMillerAbbott.G_MAX;

    @Test
    void competitionSplitsTheWeightsIntoTwoGroupsAtTheBounds() {
        SongMillerAbbott song = SongMillerAbbott.build(2000, KernelProvider.get());
        Network net = song.network();
        Projection synapses = song.synapses();
        SpikeMonitor out = net.addMonitor(new SpikeMonitor(song.neuron()));
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
