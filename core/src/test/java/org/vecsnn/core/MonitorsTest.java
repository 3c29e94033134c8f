package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.monitor.RateMonitor;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.models.neuron.Lif;

class MonitorsTest {
    @Test
    void spikesRatesAndStatesAreRecordedAndWritten(@TempDir Path dir) throws IOException {
        Network net = new Network(0.1, KernelProvider.get());
        SpikeTimesSource src = net.add(new SpikeTimesSource("src", 4, new int[] {1, 3, 1, 0},
                new double[] {0.0, 0.3, 0.3, 1.2}));
        SpikeMonitor spikes = net.addMonitor(new SpikeMonitor(src));
        RateMonitor rate = net.addMonitor(new RateMonitor(src.range(1, 4), 0.5));
        // a neuron relaxing from V = 10 toward 0 with τ = 1 ms, exactly: V(t) = 10·e^(−t)
        NeuronPopulation p = net.addNeurons("p", 2, new Lif(0, -5, 20, 1, 1, 0, Integrator.EXPONENTIAL_EULER));
        p.set("V", i -> 10);
        StateMonitor v = net.addMonitor(new StateMonitor(p, "V", new int[] {1}, 0.2));
        net.run(1.5, ProgressListener.SILENT);

        assertArrayEquals(new long[] {0, 3, 3, 12}, spikes.steps());
        assertArrayEquals(new int[] {1, 1, 3, 0}, spikes.units());
        assertArrayEquals(new double[] {0, 0.3, 0.3, 1.2}, spikes.times(), 1e-12);
        assertEquals(2, spikes.count(1, 2));
        // bins of 5 steps over units 1..3: 3 spikes in [0, 0.5), none after (unit 0 is outside the range)
        assertArrayEquals(new double[] {0, 0.5, 1.0}, rate.times(), 1e-12);
        assertArrayEquals(new double[] {3 / 3.0 / 0.5e-3, 0, 0}, rate.ratesHz(), 1e-9);
        // samples at the start of steps 0, 2, 4, … : t = 0, 0.2, …, 1.4
        assertEquals(8, v.sampleCount());
        float[] trace = v.trace(0);
        double[] t = v.times();
        for (int k = 0; k < trace.length; k++) {
            assertEquals(10 * Math.exp(-t[k]), trace[k], 1e-5, "V at t = " + t[k]);
        }

        spikes.writeCsv(dir.resolve("spikes.csv"));
        assertEquals(List.of("t_ms,neuron", "0,1", "0.30000000000000004,1", "0.30000000000000004,3",
                "1.2000000000000002,0"),
                Files.readAllLines(dir.resolve("spikes.csv")));
        rate.writeCsv(dir.resolve("rate.csv"));
        assertEquals("0,2000", Files.readAllLines(dir.resolve("rate.csv")).get(1)); // whole numbers as in every column
        v.writeCsv(dir.resolve("v.csv"));
        List<String> lines = Files.readAllLines(dir.resolve("v.csv"));
        assertEquals("t_ms,V_1", lines.get(0));
        assertEquals("0,10.0", lines.get(1));
        assertEquals(9, lines.size());
    }

    @Test
    void aBoundedStateMonitorKeepsTheLatestSamples() {
        Network net = new Network(0.1, KernelProvider.get());
        NeuronPopulation p = net.addNeurons("p", 1, new Lif(0, -5, 20, 1, 1, 0, Integrator.EXPONENTIAL_EULER));
        p.set("V", i -> 10);
        StateMonitor all = net.addMonitor(new StateMonitor(p, "V", new int[] {0}, 0.1));
        StateMonitor last = net.addMonitor(new StateMonitor(p, "V", new int[] {0}, 0.1).keepLast(7));
        net.run(2.5, ProgressListener.SILENT);
        assertEquals(25, all.sampleCount());
        assertEquals(7, last.sampleCount());
        assertArrayEquals(java.util.Arrays.copyOfRange(all.times(), 18, 25), last.times(), 1e-12);
        assertArrayEquals(java.util.Arrays.copyOfRange(all.trace(0), 18, 25), last.trace(0), 0f);
        assertEquals(1.8, last.times()[0], 1e-9);
    }
}
