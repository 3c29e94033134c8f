package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /**
     * Every golden run's network (every neuron model and integrator, every synapse model, the seed's other
     * mechanisms) and a plasticity rule with every callback: once warm, a step allocates nothing.
     *
     * <p>Each network steps in a JVM of its own, as an application runs it, not warmed by the networks before it. A
     * hazard of the incubating Vector API is left (docs/ARCHITECTURE.md, "The JIT and the vector kernels"): with the
     * compiler threads short of CPU, C2 now and then compiles a whole step into one method, runs out of its node
     * budget and leaves the vector operations it inlines late to their Java fallbacks, which allocate.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("networkNames")
    void everyModelStepsWithoutAllocating(String name) throws Exception {
        Process check = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--add-modules=jdk.incubator.vector", "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), StepAllocationTest.class.getName(), name)
                .redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertEquals(0, check.waitFor(), name + ": " + out);
        long allocated = Long.parseLong(out.substring(out.lastIndexOf('\n') + 1));
        assertTrue(allocated < 1024, name + ": " + allocated + " bytes allocated in 5,000 steps");
    }

    /** In a JVM of its own: warms the named network, then prints the bytes its next 5,000 steps allocate. */
    public static void main(String[] args) {
        Network network = networks().get(args[0]).get();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        // warm until the compiled kernels run (vector code allocates until C2 has compiled it), at most 1,000,000 steps
        // (the finite check runs every 100 steps, over a few neurons here: C2 takes it after about 5,000 calls):
        // ten quiet rounds in a row, as a path first taken late (a deoptimisation) runs uncompiled, and allocating,
        // until C2 has compiled it again
        int quiet = 0;
        for (int round = 0; round < 1000 && quiet < 10; round++) {
            long start = threads.getThreadAllocatedBytes(thread);
            for (int n = 0; n < 1000; n++) {
                network.step();
            }
            quiet = round >= 20 && threads.getThreadAllocatedBytes(thread) - start < 64 ? quiet + 1 : 0;
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int n = 0; n < 5_000; n++) {
            network.step();
        }
        System.out.println(threads.getThreadAllocatedBytes(thread) - before);
    }

    static java.util.stream.Stream<String> networkNames() {
        return networks().keySet().stream();
    }

    private static java.util.Map<String, java.util.function.Supplier<Network>> networks() {
        var networks = new java.util.LinkedHashMap<>(GoldenRunsTest.networks());
        networks.put("plasticity with post-spike and per-step callbacks", StepAllocationTest::learning);
        return networks;
    }

    /**
     * A recurrent network whose weights the example rule changes at every post spike and whose traces decay every
     * step.
     */
    private static Network learning() {
        Network net = new Network(0.1, KernelProvider.get()).seed(2);
        var drive = net.add(new org.vecsnn.core.input.PoissonSource("drive", 100, 30, 1));
        var cells = net.addNeurons("cells", 200, org.vecsnn.models.neuron.Lif.defaults());
        var in = new org.vecsnn.models.synapse.ExponentialReceptor(cells, "in", 5,
                org.vecsnn.core.synapse.SynapticOutput.current());
        net.connect(drive, in).connector(org.vecsnn.core.connect.Connectors.fixedProbability(0.2, true)).weight(8)
                .build();
        net.connect(cells, in).connector(org.vecsnn.core.connect.Connectors.fixedProbability(0.05, false))
                .weight(0.5).plasticity(new org.vecsnn.examples.PrePostPotentiation(0.01, 20, 1)).build();
        return net;
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
