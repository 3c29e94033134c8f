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
import org.vecsnn.networks.EquationNetworks;

/**
 * Brian2's COBA, CUBA and COBAHH from their model strings (generated kernels, {@code on_pre} synapses) against the
 * built-in networks with the same connectivity, per step of a run of 100 in the steady state (after 2000 steps).
 * Wall seconds per biological second = score / 100.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class EquationNetworkBenchmark {
    @Param({"coba", "cuba", "cobahh"})
    String network;

    @Param({"equations", "built-in"})
    String source;

    @Param({"4000"})
    int n;

    private Network net;

    @Setup
    public void build() {
        net = source.equals("equations") ? EquationNetworks.byName(network, n, 0.1, 1, KernelProvider.get()).network()
                : BenchmarkNetworks.byName(network, n, 0.1, 1, KernelProvider.get()).network();
        net.runSteps(2000, ProgressListener.SILENT);
    }

    @Benchmark
    @OperationsPerInvocation(100)
    public void run100() {
        net.runSteps(100, ProgressListener.SILENT);
    }
}
