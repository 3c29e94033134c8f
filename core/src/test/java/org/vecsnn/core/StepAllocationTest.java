package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.BenchmarkNetworks;
import org.vecsnn.networks.EiNetwork;

/** Once warm, {@link Network#step()} allocates nothing: the embedding API's promise. */
class StepAllocationTest {
    @Test
    void stepAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        EiNetwork net = BenchmarkNetworks.coba(4000, 0.1, 1, KernelProvider.get());
        Network network = net.network();
        // warm: the finite check runs every 100 steps, so it needs many steps before the JIT compiles it
        for (int n = 0; n < 100_000; n++) {
            network.step();
        }
        long thread = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int n = 0; n < 10_000; n++) {
            network.step();
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // 10,000 steps: even 1 byte per step would show; a little slack for the measuring call itself
        assertTrue(allocated < 1024, allocated + " bytes allocated in 10,000 steps");
    }

    /** The same on two threads, counting what the caller and the worker allocate, step by step and in runs. */
    @Test
    void threadedSteppingAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Network network = BenchmarkNetworks.coba(4000, 0.1, 1, KernelProvider.get()).network().threads(2);
        ProgressListener quiet = (done, total, seconds) -> { };
        for (int n = 0; n < 50; n++) {
            network.runSteps(1000, quiet);
            for (int k = 0; k < 1000; k++) {
                network.step();
            }
        }
        Thread worker = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("vecsnn-step-1")).findFirst().orElseThrow();
        long[] ids = {Thread.currentThread().threadId(), worker.threadId()};
        long before = threads.getThreadAllocatedBytes(ids[0]) + threads.getThreadAllocatedBytes(ids[1]);
        network.runSteps(10_000, quiet);
        for (int k = 0; k < 10_000; k++) {
            network.step();
        }
        long allocated = threads.getThreadAllocatedBytes(ids[0]) + threads.getThreadAllocatedBytes(ids[1]) - before;
        network.close();
        assertTrue(allocated < 2048, allocated + " bytes allocated in 20,000 steps on two threads");
    }
}
