package org.vecsnn.sonata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.BenchmarkNetworks;
import org.vecsnn.networks.EiNetwork;

/** A run described by simulation_config.json gives the spikes of the network it was written from, as a report. */
class SimulationConfigTest {
    @TempDir
    Path dir;

    @Test
    void aWrittenCobaRunFromItsConfigReportsTheOriginalsSpikesSortedByTime() throws IOException {
        EiNetwork coba = BenchmarkNetworks.coba(4000, 0.1, 11, KernelProvider.get());
        SonataWriter.write(coba.network(), dir);
        Path config = dir.resolve("simulation_config.json");
        Files.writeString(config, """
                {"manifest": {"$OUT": "results"},
                 "run": {"tstop": 250, "dt": 0.1},
                 "network": "circuit_config.json",
                 "output": {"output_dir": "${OUT}/spikes", "spikes_file": "report.h5"}}
                """);
        SpikeMonitor expected = coba.network().addMonitor(new SpikeMonitor(coba.neurons()));
        coba.network().run(250);

        SonataSimulation simulation = SonataSimulation.load(config, KernelProvider.get());
        simulation.run();
        assertEquals(dir.resolve("results/spikes/report.h5"), simulation.report());
        SpikeReport.Spikes read = SpikeReport.read(simulation.report(), "coba", 4000);
        assertTrue(expected.count() > 10_000, "spikes: " + expected.count());
        assertArrayEquals(expected.units(), read.nodeIds());
        assertArrayEquals(expected.times(), read.timesMs());
        for (int s = 1; s < read.timesMs().length; s++) {
            assertTrue(read.timesMs()[s - 1] <= read.timesMs()[s], "by_time at spike " + s);
        }
        try (HdfFile h = new HdfFile(simulation.report())) {
            assertEquals("by_time", h.getByPath("/spikes/coba").getAttribute("sorting").getData());
            assertEquals("ms", h.getByPath("/spikes/coba/timestamps").getAttribute("units").getData());
            assertEquals(long.class, h.getDatasetByPath("/spikes/coba/node_ids").getJavaType());
        }
        assertEquals(Arrays.stream(expected.times()).max().orElseThrow(), read.timesMs()[read.timesMs().length - 1]);
    }
}
