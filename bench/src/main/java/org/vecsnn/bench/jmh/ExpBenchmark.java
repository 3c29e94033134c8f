package org.vecsnn.bench.jmh;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.simd.PlainKernels;

/**
 * e^x over 4096 floats in [−20, 5] (the range of the models' exponents): the kernels' own exp ({@code Exp}, vector
 * and plain), against the Vector API's lanewise {@code EXP} (an intrinsic once C2 compiles it, whose results then
 * differ from its interpreted fallback) and {@code (float) Math.exp} per element. Time per array.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ExpBenchmark {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final int N = 4096;
    private final float[] x = new float[N];
    private final float[] y = new float[N];
    private Kernels vector;
    private Kernels plain;

    @Setup
    public void fill() {
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < N; i++) {
            x[i] = -20 + 25 * random.nextFloat();
        }
        vector = KernelProvider.vector();
        plain = new PlainKernels();
    }

    @Benchmark
    public float[] kernelsExpVector() {
        vector.exp(x, y, 0, N);
        return y;
    }

    @Benchmark
    public float[] kernelsExpPlain() {
        plain.exp(x, y, 0, N);
        return y;
    }

    @Benchmark
    public float[] vectorApiExp() {
        for (int i = 0; i < N; i += FLOATS.length()) {
            FloatVector.fromArray(FLOATS, x, i).lanewise(VectorOperators.EXP).intoArray(y, i);
        }
        return y;
    }

    @Benchmark
    public float[] mathExp() {
        for (int i = 0; i < N; i++) {
            y[i] = (float) Math.exp(x[i]);
        }
        return y;
    }
}
