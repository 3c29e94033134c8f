package org.vecsnn.models.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.Vogels2011;

/**
 * The Vogels et al. network as built: without inhibition onto E (weights 10⁻¹⁰ nS until the rule's onset at 1 s) an E
 * cell fires at least as fast as alone under its 200 pA, whose free rate is 1/(t_ref + τ·ln((V∞ − V_reset)/(V∞ − θ)))
 * with V∞ = E_L + R·I = −40 mV: 1/(5 + 20·ln 2) ms = 53.1 Hz (excitation only adds); no weight moves before the
 * onset, and inhibitory weights grow after it (the excitatory rate is far above ρ₀).
 */
class Vogels2011Test {
    @Test
    void eFiresFreelyUntilTheOnsetThenInhibitoryWeightsGrow() {
        Vogels2011 v = Vogels2011.build(1, KernelProvider.get());
        SpikeMonitor spikes = v.network().addMonitor(new SpikeMonitor(v.neurons()));
        v.network().run(1000, ProgressListener.SILENT);
        double freeRate = 1000 / (5 + 20 * Math.log(2));
        double eRate = spikes.count(0, Vogels2011.EXCITATORY) / (double) Vogels2011.EXCITATORY;
        assertTrue(eRate >= freeRate, "E rate " + eRate + " Hz, alone " + freeRate + " Hz");
        for (float w : v.plastic().csr().weights()) {
            assertEquals(1e-10f, w, "no weight changes before the onset");
        }
        v.network().run(100, ProgressListener.SILENT);
        double mean = 0;
        for (float w : v.plastic().csr().weights()) {
            mean += w;
        }
        mean /= v.plastic().csr().synapseCount();
        assertTrue(mean > 0.01, "mean I -> E weight 100 ms after the onset: " + mean + " nS");
    }
}
