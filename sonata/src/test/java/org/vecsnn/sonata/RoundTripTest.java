package org.vecsnn.sonata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecsnn.core.Network;
import org.vecsnn.core.Projection;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.networks.BenchmarkNetworks;
import org.vecsnn.core.networks.Microcircuit;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;

/** A network written as SONATA and read back is the same network: the same CSR, parameters, V and spikes. */
class RoundTripTest {
    @TempDir
    Path dir;

    @Test
    void coba4000ReadsBackIdenticalAndFiresTheSameSpikes() throws IOException {
        Network original = BenchmarkNetworks.coba(4000, 0.1, 7, KernelProvider.get()).network();
        roundTrip(original, 300);
    }

    @Test
    void microcircuitAtScaleOneTenthReadsBackIdenticalAndFiresTheSameSpikes() throws IOException {
        Network original = Microcircuit.build(0.1, 0.1, 3, KernelProvider.get(), Microcircuit.Drive.DC).network();
        roundTrip(original, 200);
    }

    private void roundTrip(Network original, double ms) throws IOException {
        Path circuit = SonataWriter.write(original, dir);
        System.gc(); // the core's heap check before each projection counts the writer's garbage as in use
        Network copy = new Network(original.dt(), original.kernels());
        SonataCircuit.read(circuit, copy, SonataCircuit.SILENT);
        assertEquals(original.populations().size(), copy.populations().size());
        for (int i = 0; i < original.populations().size(); i++) {
            NeuronPopulation a = (NeuronPopulation) original.populations().get(i);
            NeuronPopulation b = (NeuronPopulation) copy.populations().get(i);
            assertEquals(a.name(), b.name());
            assertEquals(a.model(), b.model());
            assertEquals(a.description(), b.description());
            assertArrayEquals(a.v(), b.v());
        }
        List<Projection> pa = original.projections();
        List<Projection> pb = copy.projections();
        assertEquals(pa.size(), pb.size());
        for (int i = 0; i < pa.size(); i++) {
            Projection a = pa.get(i);
            Projection b = pb.get(i);
            assertEquals(a.name(), b.name());
            assertEquals(a.source().population().name(), b.source().population().name());
            assertEquals(a.source().from(), b.source().from(), a.name());
            assertEquals(a.source().to(), b.source().to(), a.name());
            assertEquals(a.target().name(), b.target().name());
            assertEquals(a.targetFrom(), b.targetFrom());
            assertEquals(a.weight(), b.weight());
            assertEquals(a.delaySteps(), b.delaySteps());
            assertArrayEquals(a.csr().rowStart(), b.csr().rowStart(), a.name());
            assertArrayEquals(a.csr().targets(), b.csr().targets(), a.name());
            assertArrayEquals(a.csr().weights(), b.csr().weights(), a.name());
            assertArrayEquals(a.csr().delays(), b.csr().delays(), a.name());
        }
        assertEquals(original.currents().stream().map(c -> c.description()).toList(),
                copy.currents().stream().map(c -> c.description()).toList());
        List<SpikeMonitor> ma = original.populations().stream().map(p -> original.addMonitor(new SpikeMonitor(p))).toList();
        List<SpikeMonitor> mb = copy.populations().stream().map(p -> copy.addMonitor(new SpikeMonitor(p))).toList();
        original.run(ms);
        copy.run(ms);
        int spikes = 0;
        for (int i = 0; i < ma.size(); i++) {
            assertArrayEquals(ma.get(i).steps(), mb.get(i).steps());
            assertArrayEquals(ma.get(i).units(), mb.get(i).units());
            spikes += ma.get(i).count();
        }
        assertTrue(spikes > 1000, "the network fired only " + spikes + " spikes: the comparison would be idle");
    }
}
