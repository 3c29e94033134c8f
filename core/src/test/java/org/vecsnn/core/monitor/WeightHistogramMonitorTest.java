package org.vecsnn.core.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecsnn.core.Checkpoint;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.Projection;
import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.plasticity.PairStdp;
import org.vecsnn.models.synapse.ExponentialReceptor;

/**
 * The weight histogram counts every synapse of a projection in its bin, against counts made by hand; it keeps its
 * recording through a checkpoint; a sample allocates nothing; what it cannot bin is refused by name.
 */
class WeightHistogramMonitorTest {
    private record Plastic(Network net, Projection projection, WeightHistogramMonitor histogram) {}

    /** 3 silent inputs onto 3 neurons, all to all: 9 synapses with weights of their own (0 until set). */
    private static Projection nineSynapses(Network net) {
        PoissonSource input = net.add(new PoissonSource("in", 3, 0, 1));
        NeuronPopulation cells = net.addNeurons("cells", 3, Lif.defaults());
        return net.connect(input, new ExponentialReceptor(cells, "e", 5, SynapticOutput.current()))
                .connector(Connectors.allToAll(true)).weights(rng -> 0).name("p").build();
    }

    @Test
    void binCountsAreTheHandCountedOnesAtEachSample() {
        Network net = new Network(0.1, KernelProvider.get());
        Projection p = nineSynapses(net);
        WeightHistogramMonitor h = net.addMonitor(new WeightHistogramMonitor(p, 1.0, 4, 1.0));
        float[] w = p.csr().weights();
        assertEquals(9, w.length);
        // bins of 0.25 over [0, 1]: 0.25 is the lower edge of bin 1, 1.0 belongs to the last bin, −0.1 and 1.5 to none
        System.arraycopy(new float[] {0f, 0.1f, 0.25f, 0.3f, 0.6f, 0.99f, 1f, -0.1f, 1.5f}, 0, w, 0, 9);
        net.runSteps(10, ProgressListener.SILENT); // a sample at step 0 (t = 0)
        System.arraycopy(new float[] {0.2f, 0.2f, 0.2f, 0.2f, 0.7f, 0.7f, 0.74f, 0.76f, 0.5f}, 0, w, 0, 9);
        net.runSteps(10, ProgressListener.SILENT); // and at step 10 (t = 1 ms)
        assertEquals(2, h.sampleCount());
        assertArrayEquals(new double[] {0, 1}, h.times(), 1e-12);
        assertArrayEquals(new int[] {2, 2, 1, 2}, h.counts(0));
        assertEquals(2, h.outside(0));
        assertArrayEquals(new int[] {4, 0, 4, 1}, h.counts(1));
        assertEquals(0, h.outside(1));
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, h.binEdges(), 0);
    }

    @Test
    void aWeightAtItsFloatBoundIsInTheLastBin() {
        Network net = new Network(0.1, KernelProvider.get());
        Projection p = nineSynapses(net);
        WeightHistogramMonitor h = net.addMonitor(new WeightHistogramMonitor(p, 1.0, 10, 0.1));
        float[] w = p.csr().weights();
        java.util.Arrays.fill(w, 0.1f); // 0.100000001490116…, above 0.1: where a rule with wMax 0.1 clips
        w[0] = Math.nextUp(0.1f);
        w[1] = 0.05f;
        net.runSteps(1, ProgressListener.SILENT);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 0, 0, 0, 7}, h.counts(0));
        assertEquals(1, h.outside(0));
    }

    @Test
    void theCsvHasOneRowPerSampleWithTheCountsAndTheWeightsOutside(@TempDir Path dir) throws IOException {
        Network net = new Network(0.1, KernelProvider.get());
        Projection p = nineSynapses(net);
        WeightHistogramMonitor h = net.addMonitor(new WeightHistogramMonitor(p, 0.5, 2, 2.0));
        float[] w = p.csr().weights();
        System.arraycopy(new float[] {0.5f, 1f, 1.5f, 2f, 2.5f, 0f, 0f, 0f, 0f}, 0, w, 0, 9);
        net.runSteps(6, ProgressListener.SILENT); // samples at steps 0 and 5
        Path csv = dir.resolve("h.csv");
        h.writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("t_ms,bin_0,bin_1,outside # "), lines.get(0));
        assertEquals(List.of("0,5,3,1", "0.5,5,3,1"), lines.subList(1, 3));
    }

    /** Poisson inputs at 15 Hz onto 4 LIF through additive STDP: weights move every few steps. */
    private static Plastic plastic() {
        Network net = new Network(0.1, KernelProvider.get()).seed(17);
        PoissonSource input = net.add(new PoissonSource("in", 200, 15, 3));
        NeuronPopulation cells = net.addNeurons("cells", 4, new Lif(-74, -60, -54, 10, 1, 0,
                org.vecsnn.core.neuron.Integrator.EULER));
        Projection p = net.connect(input, new ExponentialReceptor(cells, "ge", 5, SynapticOutput.conductance(0)))
                .connector(Connectors.allToAll(true)).weights(rng -> rng.nextDouble() * 0.05)
                .plasticity(PairStdp.songMillerAbbott(0.05)).name("stdp").build();
        return new Plastic(net, p, net.addMonitor(new WeightHistogramMonitor(p, 1, 20, 0.05)));
    }

    @Test
    void aCheckpointKeepsTheRecordingAndTheResumedRunRecordsAsTheUninterruptedOne(@TempDir Path dir)
            throws IOException {
        Plastic whole = plastic();
        whole.net().runSteps(4000, ProgressListener.SILENT);
        int[] byHand = new int[20]; // the weights at 400 ms, counted here
        for (float w : whole.projection().csr().weights()) {
            byHand[Math.min((int) (w / 0.05 * 20), 19)]++;
        }
        whole.net().runSteps(1, ProgressListener.SILENT); // samples at 0, 1, …, 400 ms
        Plastic first = plastic();
        first.net().runSteps(2000, ProgressListener.SILENT);
        Path file = dir.resolve("cp.bin");
        Checkpoint.save(first.net(), file);
        Plastic resumed = plastic();
        Checkpoint.load(resumed.net(), file);
        assertEquals(200, resumed.histogram().sampleCount(), "the samples before the checkpoint are back");
        resumed.net().runSteps(2001, ProgressListener.SILENT);
        WeightHistogramMonitor a = whole.histogram();
        WeightHistogramMonitor b = resumed.histogram();
        assertEquals(401, a.sampleCount());
        assertEquals(a.sampleCount(), b.sampleCount());
        assertArrayEquals(a.times(), b.times());
        boolean changed = false;
        for (int s = 0; s < a.sampleCount(); s++) {
            assertArrayEquals(a.counts(s), b.counts(s), "sample " + s);
            assertEquals(800, java.util.Arrays.stream(a.counts(s)).sum() + a.outside(s), "every synapse counted");
            changed |= !java.util.Arrays.equals(a.counts(s), a.counts(0));
        }
        assertTrue(changed, "the weights moved, so the samples differ");
        assertArrayEquals(byHand, a.counts(400), "the last sample holds the weights at its start");
    }

    @Test
    void aSampleAllocatesNothing() {
        Network net = new Network(0.1, KernelProvider.get());
        Projection p = nineSynapses(net);
        WeightHistogramMonitor h = new WeightHistogramMonitor(p, 1.0, 4, 1.0);
        h.prepare(new TimeGrid(0.1));
        for (long step = 0; step < 100; step++) { // 10 samples, within the 16 preallocated
            h.record(step);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (long step = 100; step < 160; step++) { // 6 more samples
            h.record(step);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertEquals(16, h.sampleCount());
        assertTrue(allocated < 256, allocated + " bytes allocated in 60 steps");
    }

    @Test
    void refusalsNameTheParameterAndWhatIsAllowed() {
        Network net = new Network(0.1, KernelProvider.get());
        Projection p = nineSynapses(net);
        String bins = assertThrows(IllegalArgumentException.class, () -> new WeightHistogramMonitor(p, 1, 0, 1))
                .getMessage();
        assertEquals("histogram bins = 0: must be an integer > 0", bins);
        for (double wMax : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            String m = assertThrows(IllegalArgumentException.class, () -> new WeightHistogramMonitor(p, 1, 4, wMax))
                    .getMessage();
            assertTrue(m.startsWith("histogram wMax = " + wMax + ": must be a finite number > 0"), m);
        }
        String interval = assertThrows(IllegalArgumentException.class, () -> new WeightHistogramMonitor(p, 0, 4, 1))
                .getMessage();
        assertTrue(interval.startsWith("recording interval (ms) = 0.0"), interval);
        NeuronPopulation more = net.addNeurons("more", 2, Lif.defaults());
        Projection homogeneous = net.connect(more, new ExponentialReceptor(more, "e", 5, SynapticOutput.current()))
                .connector(Connectors.allToAll(true)).weight(0.3).name("one weight").build();
        String one = assertThrows(IllegalArgumentException.class,
                () -> new WeightHistogramMonitor(homogeneous, 1, 4, 1)).getMessage();
        assertTrue(one.startsWith("projection = projection 'one weight' (one weight 0.3 for all its synapses): must be"
                + " a projection with one weight per synapse"), one);
        assertTrue(one.contains("weights(…)") && one.contains("STDP"), one);
        String none = assertThrows(IllegalArgumentException.class, () -> new WeightHistogramMonitor(null, 1, 4, 1))
                .getMessage();
        assertTrue(none.startsWith("projection = null"), none);
    }
}
