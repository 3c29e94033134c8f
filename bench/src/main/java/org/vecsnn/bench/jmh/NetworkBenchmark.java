package org.vecsnn.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.BenchmarkNetworks;

/**
 * Whole benchmark networks, one step in the steady state (after 2000 steps). Wall seconds per biological second =
 * µs per step × 10⁴ / 10⁶ = score / 100; synaptic events per second = synapses × rate / that. {@code -p threads=2}
 * steps on two threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx8g"})
public class NetworkBenchmark {
    @Param({"coba", "cuba", "cobahh"})
    String network;

    @Param({"4000", "40000", "400000"})
    int n;

    @Param({"1"})
    int threads;

    private Network net;

    @Setup
    public void build() {
        net = BenchmarkNetworks.byName(network, n, 0.1, 1, KernelProvider.get()).network().threads(threads);
        for (int s = 0; s < 2000; s++) {
            net.step();
        }
    }

    /** One {@code step()} call: on several threads, each call is a job of its own (wake-up and final barrier). */
    @Benchmark
    public void step() {
        net.step();
    }

    /** Per step of a run of 100 ({@code runSteps}, as the main job runs): the threads stay on the job. */
    @Benchmark
    @OperationsPerInvocation(100)
    public void run() {
        net.runSteps(100, ProgressListener.SILENT);
    }
}
