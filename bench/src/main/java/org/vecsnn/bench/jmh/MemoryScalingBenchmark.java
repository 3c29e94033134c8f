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

/**
 * The machine's own ceiling for thread scaling, without the simulator: each thread streams over a float array of
 * its own ({@code x = 0.999·x + 0.001}, read and written, as a membrane pass does). Run with {@code -t 1} and
 * {@code -t 2}; the ratio of the total throughputs is the best speed-up a step whose threads touch that much state
 * each can expect here (COBA 40,000 on two threads: about 640 KB per thread).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class MemoryScalingBenchmark {
    /** Floats per thread: 160 KB, 640 KB (COBA 40k's share per thread on two), 8 MB. */
    @Param({"40000", "160000", "2000000"})
    int floats;

    private float[] x;

    @Setup
    public void allocate() {
        x = new float[floats];
    }

    @Benchmark
    public float pass() {
        float[] a = x;
        for (int i = 0; i < a.length; i++) {
            a[i] = a[i] * 0.999f + 0.001f;
        }
        return a[7];
    }
}
