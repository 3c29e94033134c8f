package org.vecsnn.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vecsnn.core.Network;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.simd.PlainKernels;
import org.vecsnn.networks.BenchmarkNetworks;

/**
 * One step of the COBA benchmark network in its steady state (about 20 Hz): membrane, synapses and spike
 * propagation. Multiply the time per step by 10,000 for wall seconds per biological second at dt = 0.1 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class CobaStepBenchmark {
    @Param({"4000"})
    int n;

    /** {@code vector} (this JVM's width) or {@code plain}. */
    @Param({"vector", "plain"})
    String kernels;

    private Network network;

    @Setup
    public void build() {
        network = BenchmarkNetworks.coba(n, 0.1, 1,
                kernels.equals("plain") ? new PlainKernels() : KernelProvider.vector()).network();
        for (int s = 0; s < 2000; s++) { // past the initial transient
            network.step();
        }
    }

    @Benchmark
    public void step() {
        network.step();
    }
}
