package org.vecsnn.sonata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecsnn.core.Network;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.monitor.SpikeStream;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.VoltageJump;
import org.vecsnn.models.neuron.Izhikevich;
import org.vecsnn.networks.BenchmarkNetworks;
import org.vecsnn.networks.EiNetwork;

/**
 * A SONATA run recorded by {@link SpikeStream}s ({@link SonataSimulation.Recording#STREAM}) reports the spikes a
 * {@link SpikeMonitor} of its own records in the same run, and h5py reads the report with the spec's layout.
 */
class SpikeStreamReportTest {
    @TempDir
    Path dir;

    /** COBA 1000 and 40 Izhikevich neurons it drives: two neuron populations in one report. */
    private Path written() throws IOException {
        EiNetwork coba = BenchmarkNetworks.coba(1000, 0.1, 5, KernelProvider.get());
        Network net = coba.network();
        NeuronPopulation izh = net.addNeurons("izh", 40, new Izhikevich(0.02, 0.2, -65, 8, 30, 0, -70,
                Integrator.EULER));
        new VoltageJump(izh, "ex", false);
        new VoltageJump(izh, "in", false);
        net.connect(coba.neurons(), izh.synapticInputs().get(0)).connector(Connectors.fixedProbability(0.02, true))
                .weight(1.5).delaySteps(2).build();
        net.addCurrent(TimedCurrent.constant(izh.all(), 3));
        SonataWriter.write(net, dir);
        return SonataWriter.writeSimulation(net, dir, 400);
    }

    @Test
    void theStreamedReportHoldsTheSpikesOfAnIndependentMonitorInTheSpecsLayout() throws Exception {
        SonataSimulation simulation = SonataSimulation.load(written(), KernelProvider.get());
        Network net = simulation.network();
        List<SpikeMonitor> monitors = net.populations().stream().map(p -> net.addMonitor(new SpikeMonitor(p)))
                .toList();
        long spikes = simulation.run(SonataSimulation.Recording.STREAM);

        assertEquals(monitors.stream().mapToLong(SpikeMonitor::count).sum(), spikes);
        try (var left = Files.list(simulation.report().getParent())) {
            assertEquals(List.of(simulation.report()), left.toList(), "the streams' files are removed");
        }
        JsonNode report = new ObjectMapper().readTree(H5py.run("spike_report.py", simulation.report().toString()));
        assertEquals(List.of("coba", "izh"), report.properties().stream().map(Map.Entry::getKey).toList());
        for (SpikeMonitor m : monitors) {
            String name = m.population().name();
            assertTrue(m.count() > 20 * m.population().size() / 10, name + " fired " + m.count() + " spikes");
            JsonNode g = report.get(name);
            assertEquals("by_time", g.get("sorting").asText());
            assertEquals("ms", g.get("units").asText());
            assertEquals("float64", g.get("timestamps_dtype").asText());
            assertEquals("int64", g.get("node_ids_dtype").asText());
            double[] times = new double[g.get("timestamps").size()];
            int[] ids = new int[times.length];
            for (int s = 0; s < times.length; s++) {
                times[s] = g.get("timestamps").get(s).doubleValue();
                ids[s] = g.get("node_ids").get(s).intValue();
            }
            assertArrayEquals(m.times(), times, name);
            assertArrayEquals(m.units(), ids, name);
        }
    }

    @Test
    void aStreamThatHoldsFewerSpikesThanItCountedIsRefused() throws IOException {
        EiNetwork coba = BenchmarkNetworks.coba(400, 0.1, 5, KernelProvider.get());
        Path file = dir.resolve("coba.csv");
        SpikeStream stream = coba.network().addMonitor(new SpikeStream(coba.neurons(), file));
        coba.network().run(100); // not closed: its spikes are still in its buffer
        IOException e = assertThrows(IOException.class, () -> SpikeReport.writeStreams(dir.resolve("spikes.h5"),
                List.of(stream), coba.network().grid()));
        assertTrue(e.getMessage().startsWith(file + ": holds 0 spikes, the spike stream of 'coba' counted "
                + stream.count()), e.getMessage());
        assertFalse(stream.count() == 0);
        stream.close();
    }
}
