package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.connect.Csr;
import org.vecsnn.core.connect.Distribution;
import org.vecsnn.core.connect.SplitMix64;
import org.vecsnn.core.input.PoissonDrive;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.simd.PlainKernels;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.ExponentialReceptor;
import org.vecsnn.networks.Microcircuit;

/** The microcircuit's parts against the published model, and its build's independence of the thread count. */
class MicrocircuitTest {
    /** NEST's example documents 87.8 pA for the 0.15 mV PSP of this neuron; the full model 2.99e8 synapses. */
    @Test
    void publishedConstants() {
        assertEquals(87.81, Microcircuit.pscForPsp(0.15), 0.01);
        assertEquals(2.99e8, Microcircuit.synapses(1), 0.005e8);
        assertEquals(77169, java.util.Arrays.stream(Microcircuit.sizes(1)).sum());
        // L2/3E -> L2/3E: ln(1 - 0.1009)/ln(1 - 1/P) = -ln(1 - 0.1009)·(P - 1/2) to first order, P = 20683²
        double pairs = 20683.0 * 20683.0;
        assertEquals(-Math.log(1 - 0.1009) * (pairs - 0.5), Microcircuit.fullSynapses(0, 0), 10);
    }

    @Test
    void smallCircuitHasThePublishedStructure() {
        Microcircuit.Built m = Microcircuit.build(0.02, 0.1, 7, new PlainKernels(), Microcircuit.Drive.DC);
        Network net = m.network();
        assertEquals(Microcircuit.synapses(0.02), net.synapseCount());
        assertEquals(414, m.populations().get(0).size());
        double psc = 87.81;
        for (Projection p : net.projections()) {
            Csr csr = p.csr();
            float[] w = csr.weights();
            short[] d = csr.delays();
            boolean excitatory = p.name().startsWith("L") && p.name().charAt(p.name().indexOf("->") - 1) == 'E';
            double mean = 0;
            double delayMean = 0;
            for (int j = 0; j < w.length; j++) {
                assertTrue(excitatory ? w[j] >= 0 : w[j] <= 0, p.name() + ": weight sign");
                assertTrue(d[j] >= 2, p.name() + ": delay at least NEST's one step, plus one");
                mean += w[j];
                delayMean += d[j];
            }
            mean /= w.length;
            delayMean /= w.length;
            double expected = (excitatory ? psc : -4 * psc) * (p.name().equals("L4E->L23E") ? 2 : 1);
            double se = Math.abs(expected) * 0.1 / Math.sqrt(w.length);
            assertEquals(expected, mean, 6 * se + 0.01, p.name() + ": mean weight");
            // delays: normal(1.5 or 0.75 ms, sd 50 %) redrawn below dt/2 = 0.05 ms as in NEST's example, so their
            // mean is the truncated normal's, μ + σ·φ(z)/(1 − Φ(z)) at z = (0.05 − μ)/σ: 1.5474 and 0.7770 ms, i.e.
            // 15.47 and 7.77 NEST steps (rounding to whole steps moves them by less than 0.002), one more here
            double delaySe = (excitatory ? 7.5 : 3.75) / Math.sqrt(d.length);
            assertEquals(excitatory ? 16.474 : 8.770, delayMean, 6 * delaySe + 0.05, p.name() + ": mean delay (steps)");
            for (int r = 0; r < csr.rows(); r++) {
                for (int j = csr.rowStart()[r] + 1; j < csr.rowStart()[r + 1]; j++) {
                    assertTrue(csr.targets()[j - 1] <= csr.targets()[j], "targets ascend within a row");
                }
            }
        }
    }

    @Test
    void buildingIsTheSameOnOneCoreAsOnAll() throws Exception {
        Microcircuit.Built all = Microcircuit.build(0.02, 0.1, 3, new PlainKernels(), Microcircuit.Drive.DC);
        Microcircuit.Built one;
        try (ForkJoinPool single = new ForkJoinPool(1)) {
            one = single.submit(() -> Microcircuit.build(0.02, 0.1, 3, new PlainKernels(),
                    Microcircuit.Drive.DC)).get();
        }
        for (int k = 0; k < all.network().projections().size(); k++) {
            Csr a = all.network().projections().get(k).csr();
            Csr b = one.network().projections().get(k).csr();
            assertArrayEquals(a.rowStart(), b.rowStart());
            assertArrayEquals(a.targets(), b.targets());
            assertArrayEquals(a.weights(), b.weights());
            assertArrayEquals(a.delays(), b.delays());
        }
    }

    @Test
    void smallCircuitFiresInEveryPopulationAndIsTheSameOnOneAndTwoThreads() {
        long[][] counts = new long[2][];
        for (int k = 0; k < 2; k++) {
            Microcircuit.Built m = Microcircuit.build(0.03, 0.1, 5, KernelProvider.get(), Microcircuit.Drive.POISSON);
            m.network().threads(k + 1);
            SpikeMonitor[] spikes = m.populations().stream().map(p -> m.network().addMonitor(new SpikeMonitor(p)))
                    .toArray(SpikeMonitor[]::new);
            m.network().run(200, ProgressListener.SILENT);
            counts[k] = java.util.Arrays.stream(spikes).mapToLong(SpikeMonitor::count).toArray();
            m.network().close();
        }
        for (long c : counts[0]) {
            assertTrue(c > 0, "every population fires: " + java.util.Arrays.toString(counts[0]));
        }
        assertArrayEquals(counts[0], counts[1]);
    }

    @Test
    void fixedTotalNumberGivesExactlyThatManyUniformSynapses() {
        Network net = new Network(0.1, new PlainKernels());
        NeuronPopulation a = net.addNeurons("a", 200, Lif.defaults());
        NeuronPopulation b = net.addNeurons("b", 50, Lif.defaults());
        Projection p = net.connect(a, new ExponentialReceptor(b, "g", 5, SynapticOutput.current()))
                .connector(Connectors.fixedTotalNumber(100_000, true)).build();
        Csr csr = p.csr();
        assertEquals(100_000, csr.synapseCount());
        // row counts: multinomial, mean 500 and variance 500·(1 − 1/200) per row
        double mean = 500;
        double var = 0;
        for (int r = 0; r < 200; r++) {
            var += Math.pow(csr.rowLength(r) - mean, 2);
        }
        var /= 200;
        assertEquals(500 * (1 - 1 / 200.0), var, 0.25 * 500);
        int[] in = csr.inDegrees();
        for (int degree : in) {
            assertEquals(2000, degree, 6 * Math.sqrt(2000));
        }
        Projection noSelf = net.connect(b, new ExponentialReceptor(b, "h", 5, SynapticOutput.current()))
                .connector(Connectors.fixedTotalNumber(10_000, false)).build();
        for (int r = 0; r < 50; r++) {
            for (int j = noSelf.csr().rowStart()[r]; j < noSelf.csr().rowStart()[r + 1]; j++) {
                assertTrue(noSelf.csr().targets()[j] != r, "no synapse of a neuron onto itself");
            }
        }
        String m = assertThrows(IllegalArgumentException.class,
                () -> Connectors.fixedTotalNumber(3_000_000_000L, true)).getMessage();
        assertEquals("fixed total number of synapses = 3000000000: must be an integer in [0, 2^31 - 9]", m);
    }

    @Test
    void normalRedrawStaysInItsBoundsAndRefusesAnEmptyInterval() {
        Distribution d = Distribution.normal(1.5, 0.75, 0.1, Double.POSITIVE_INFINITY);
        SplitMix64 rng = new SplitMix64(1);
        double sum = 0;
        for (int k = 0; k < 100_000; k++) {
            double x = d.sample(rng);
            assertTrue(x >= 0.1);
            sum += x;
        }
        // mean of N(1.5, 0.75) truncated below at 0.1 (z = -1.867): 1.5 + 0.75·φ(z)/(1 − Φ(z)) = 1.5527
        assertEquals(1.5527, sum / 100_000, 0.01);
        String m = assertThrows(IllegalArgumentException.class,
                () -> Distribution.normal(0, 1, 10, 11)).getMessage();
        assertTrue(m.startsWith("normal(0.0, 1.0) within [10.0, 11.0]: holds"), m);
    }

    @Test
    void poissonDriveHasPoissonCountsInBothTwins() {
        for (org.vecsnn.core.simd.Kernels kernels : new org.vecsnn.core.simd.Kernels[] {new PlainKernels(),
                org.vecsnn.core.simd.KernelProvider.get()}) {
            Network net = new Network(0.1, kernels).threads(1);
            NeuronPopulation p = net.addNeurons("p", 1000, new Lif(0, -5, 1e9, 10, 1, 0,
                    org.vecsnn.core.neuron.Integrator.EXACT));
            var syn = new ExponentialReceptor(p, "g", 0.5, SynapticOutput.current());
            net.addCurrent(new PoissonDrive(syn, 12_800, 1, 9));
            net.prepare();
            double sum = 0;
            double sumSq = 0;
            int zeros = 0;
            int samples = 0;
            float[] g = syn.state();
            for (int s = 0; s < 200; s++) {
                float[] before = g.clone();
                net.step();
                for (int i = 0; i < 1000; i++) {
                    // g after the step = (g before + arrivals)·e^(-dt/τ): recover the arrivals
                    double arrivals = g[i] / Math.exp(-0.1 / 0.5) - before[i];
                    sum += arrivals;
                    sumSq += arrivals * arrivals;
                    zeros += Math.abs(arrivals) < 0.5 ? 1 : 0;
                    samples++;
                }
            }
            double mean = sum / samples;
            double variance = sumSq / samples - mean * mean;
            assertEquals(1.28, mean, 0.02, kernels.name() + ": mean count per step: rate·dt");
            assertEquals(1.28, variance, 0.05, kernels.name() + ": variance = mean");
            // P(0) = e^(−1.28) = 0.278; 200,000 draws: standard error 0.001
            assertEquals(Math.exp(-1.28), zeros / (double) samples, 0.005, kernels.name() + ": no spike");
        }
    }

    @Test
    void aPoissonStimulusDrawsTheFullDrivesCountsOnItsNeuronsAndStepsOnly() {
        float[][] g = new float[2][];
        Network[] nets = new Network[2];
        for (int k = 0; k < 2; k++) {
            nets[k] = new Network(0.1, org.vecsnn.core.simd.KernelProvider.get()).threads(1);
            NeuronPopulation p = nets[k].addNeurons("p", 1000, new Lif(0, -5, 1e9, 10, 1, 0,
                    org.vecsnn.core.neuron.Integrator.EXACT));
            var syn = new ExponentialReceptor(p, "g", 0.5, SynapticOutput.current());
            PoissonDrive full = new PoissonDrive(syn, 12_800, 1, 9);
            nets[k].addCurrent(k == 0 ? full : full.onNeurons(100, 301).during(5, 10));
            nets[k].prepare();
            g[k] = syn.state();
        }
        for (int step = 0; step < 150; step++) {
            nets[0].step();
            nets[1].step();
            boolean on = step >= 50 && step < 100;
            for (int i = 0; i < 1000; i++) {
                if (on && i >= 100 && i < 301) {
                    assertEquals(g[0][i], g[1][i], "neuron " + i + ", step " + step);
                } else if (step < 50 || i < 100 || i >= 301) {
                    assertEquals(0f, g[1][i], "neuron " + i + ", step " + step);
                }
            }
            if (step == 49) { // the stimulus starts from nothing, as the full drive's g carries its past
                java.util.Arrays.fill(g[0], 0f);
            }
        }
        String m = assertThrows(IllegalArgumentException.class, () -> new PoissonDrive(new ExponentialReceptor(
                new Network(0.1, new PlainKernels()).addNeurons("q", 10, Lif.defaults()), "g", 5,
                SynapticOutput.current()), 100, 1, 1).onNeurons(5, 11)).getMessage();
        assertEquals("Poisson drive neurons [5, 11): must lie within [0, 10) of population 'q'", m);
    }
}
