package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.monitor.SpikeStream;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.BenchmarkNetworks;
import org.vecsnn.networks.EiNetwork;

class SpikeStreamTest {
    @Test
    void streamsTheSameSpikesAsTheInMemoryMonitorWithoutAllocating(@TempDir Path dir) throws IOException {
        EiNetwork coba = BenchmarkNetworks.coba(1000, 0.1, 2, KernelProvider.get());
        SpikeMonitor memory = coba.network().addMonitor(new SpikeMonitor(coba.neurons()));
        Path file = dir.resolve("spikes.csv");
        try (SpikeStream stream = coba.network().addMonitor(new SpikeStream(coba.neurons(), file))) {
            coba.network().run(300, ProgressListener.SILENT);
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
            for (int k = 0; k < 2000; k++) {
                stream.record(k); // formatting and buffering allocate nothing
            }
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().threadId()) - before;
            assertEquals(0, allocated, 256, "bytes allocated by 2000 records");
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals("step,neuron # t = step * 0.1 ms", lines.get(0));
        long[] steps = memory.steps();
        int[] units = memory.units();
        for (int k = 0; k < steps.length; k++) {
            assertEquals(steps[k] + "," + units[k], lines.get(k + 1));
        }
        assertEquals(steps.length + 1 + 2000L * coba.neurons().spikeCount(), lines.size(), 0);
    }
}
