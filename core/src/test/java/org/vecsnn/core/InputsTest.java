package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.models.neuron.Lif;

class InputsTest {
    private static SpikeMonitor poisson(int units, double rateHz, long seed, double durationMs) {
        Network net = new Network(0.1, KernelProvider.get());
        PoissonSource source = net.add(new PoissonSource("poisson", units, rateHz, seed));
        SpikeMonitor spikes = net.addMonitor(new SpikeMonitor(source));
        net.run(durationMs, ProgressListener.SILENT);
        return spikes;
    }

    @Test
    void poissonCountsAndIntervalsMatchTheRate() {
        SpikeMonitor spikes = poisson(1000, 20, 11, 1000);
        // 10^4 Bernoulli(0.002) steps × 1000 units: mean 20,000, sd ≈ 141
        assertEquals(20_000, spikes.count(), 6 * Math.sqrt(20_000 * (1 - 0.002)));
    }

    @Test
    void poissonIntervalsAreGeometricWithTheRatesMean() {
        SpikeMonitor spikes = poisson(100, 20, 12, 20_000);
        // geometric in steps with mean 1/p = 500 steps = 50 ms; a 20 s window (400 intervals per unit) shortens
        // the observed mean by about 1/400, well inside the bound
        double sum = 0;
        int intervals = 0;
        for (int unit = 0; unit < 100; unit++) {
            double[] t = spikes.timesOf(unit);
            for (int k = 1; k < t.length; k++) {
                sum += t[k] - t[k - 1];
                intervals++;
            }
        }
        assertEquals(50, sum / intervals, 6 * 50 / Math.sqrt(intervals));
    }

    @Test
    void poissonIsReproducibleFromItsSeed() {
        long[][] steps = new long[3][];
        long[] seeds = {5, 5, 6};
        for (int r = 0; r < 3; r++) {
            steps[r] = poisson(50, 30, seeds[r], 200).steps();
        }
        assertArrayEquals(steps[0], steps[1]);
        assertEquals(false, java.util.Arrays.equals(steps[0], steps[2]));
    }

    @Test
    void givenSpikeTimesAreEmittedInTheNearestStep() {
        Network net = new Network(0.1, KernelProvider.get());
        SpikeTimesSource source = net.add(new SpikeTimesSource("given", 3, new int[] {2, 0, 1, 0},
                new double[] {0.26, 1.0, 0.0, 0.04}));
        SpikeMonitor spikes = net.addMonitor(new SpikeMonitor(source));
        net.run(2, ProgressListener.SILENT);
        assertArrayEquals(new long[] {0, 0, 3, 10}, spikes.steps());
        assertArrayEquals(new int[] {0, 1, 2, 0}, spikes.units());
        Network twice = new Network(0.1, KernelProvider.get());
        twice.add(new SpikeTimesSource("twice", 1, new int[] {0, 0}, new double[] {0.5, 0.52}));
        assertThrows(IllegalArgumentException.class, twice::step);
    }

    /** Euler with dt = τ makes V_{n+1} = V_rest + R·I_n, so V after each step shows that step's input. */
    private static NeuronPopulation echo(Network net, int size) {
        return net.addNeurons("echo", size, new Lif(0, -5, 1e6, 0.1, 1, 0, Integrator.EULER));
    }

    @Test
    void timedCurrentsFollowTheirSamplesAndFunctions() {
        Network net = new Network(0.1, KernelProvider.get());
        NeuronPopulation p = echo(net, 4);
        net.addCurrent(TimedCurrent.samples(p.range(0, 2), new double[] {1, 2, 3}, 0.2));
        net.addCurrent(TimedCurrent.of(p.range(2, 3), t -> 10 * t));
        float[][] expected = {{1, 1, 0, 0}, {1, 1, 1, 0}, {2, 2, 2, 0}, {2, 2, 3, 0}, {3, 3, 4, 0}, {3, 3, 5, 0},
                {0, 0, 6, 0}};
        for (float[] row : expected) {
            net.step();
            assertArrayEquals(row, java.util.Arrays.copyOf(p.v(), 4), 1e-5f, "step " + (net.stepIndex() - 1));
        }
    }

    @Test
    void externalInputWrittenBeforeAStepActsInThatStepOnly() {
        Network net = new Network(0.1, KernelProvider.get());
        NeuronPopulation p = echo(net, 2);
        net.addCurrent(TimedCurrent.constant(p.all(), 1.5));
        p.input()[1] = 4;
        net.step();
        assertArrayEquals(new float[] {1.5f, 5.5f}, java.util.Arrays.copyOf(p.v(), 2));
        net.step();
        assertArrayEquals(new float[] {1.5f, 1.5f}, java.util.Arrays.copyOf(p.v(), 2));
    }

    /**
     * A constant current into a whole LIF population is taken into the membrane step as a shift of V_rest (no pass
     * over the input): it gives the same spikes as the same current applied step by step, and V to float rounding.
     */
    @Test
    void aConstantCurrentTakenAsBiasActsLikeTheSameCurrentAppliedEachStep() {
        float[][] v = new float[2][];
        long[][] steps = new long[2][];
        for (int k = 0; k < 2; k++) {
            Network net = new Network(0.1, KernelProvider.get());
            NeuronPopulation p = net.addNeurons("p", 50, new Lif(-60, -60, -50, 20, 1, 5, Integrator.EULER));
            p.set("V", i -> -60 + i * 0.2);
            net.addCurrent(k == 0 ? TimedCurrent.constant(p.all(), 12.5) : TimedCurrent.of(p.all(), t -> 12.5));
            SpikeMonitor spikes = net.addMonitor(new SpikeMonitor(p));
            net.run(200, ProgressListener.SILENT);
            v[k] = p.v().clone();
            steps[k] = spikes.steps();
        }
        assertTrue(steps[0].length > 20);
        assertArrayEquals(steps[1], steps[0]);
        for (int i = 0; i < 50; i++) {
            assertEquals(v[1][i], v[0][i], 1e-4, "V of neuron " + i);
        }
    }
}
