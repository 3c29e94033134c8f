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
import org.vecsnn.core.simd.AffineStep;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.simd.PlainKernels;
import org.vecsnn.models.neuron.LifCoefficients;
import org.vecsnn.models.neuron.LifLoops;

/**
 * The neuron and synapse kernels alone, SIMD against plain, over N neurons: one call each updates every neuron
 * once (divide by N for the time per neuron update). The LIF input is refilled by the constant-current kernel, as
 * in a network step, so that neurons spike and hold.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class KernelBenchmark {
    @Param({"1024", "16384", "131072", "1048576"})
    int n;

    @Param({"vector", "plain"})
    String kernels;

    private Kernels k;
    private float[] v;
    private float[] vLow;
    private float[] input;
    private int[] refractory;
    private int[] spikes;
    private float[] g;
    private float[] h;
    private float[] gLow;
    private float[] ring;
    private int[] pulse;
    private LifCoefficients euler;
    private LifCoefficients exponentialEuler;
    private final AffineStep on = new AffineStep(0.1f, 0f, 0.08f);
    private final AffineStep off = new AffineStep(0.018f, 0f, 0f);

    @Setup
    public void setup() {
        k = kernels.equals("plain") ? new PlainKernels() : KernelProvider.vector();
        v = new float[n];
        vLow = new float[n];
        input = new float[n];
        refractory = new int[n];
        spikes = new int[n];
        g = new float[n];
        h = new float[n];
        gLow = new float[n];
        ring = new float[n];
        pulse = new int[n];
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < n; i++) {
            v[i] = -60 + 10 * random.nextFloat();
            g[i] = random.nextFloat();
            pulse[i] = random.nextInt(20) < 1 ? 5 : 0;
        }
        euler = new LifCoefficients(0.005f, -60f, 1f, -50f, -60f, 50);
        exponentialEuler = new LifCoefficients((float) -Math.expm1(-0.005), -60f, 1f, -50f, -60f, 50);
    }

    @Benchmark
    public int lifEuler() {
        k.add(input, 10.5f, 0, n);
        return LifLoops.of(k).lif(v, vLow, input, refractory, 0, n, n, euler, spikes, 0);
    }

    @Benchmark
    public int lifExponentialEuler() {
        k.add(input, 10.5f, 0, n);
        return LifLoops.of(k).lif(v, vLow, input, refractory, 0, n, n, exponentialEuler, spikes, 0);
    }

    /**
     * Exponential decay per postsynaptic neuron with its conductance output, then the next step's arrivals from a
     * ring (a receptor with delays over one step; with one-step delays only, the second pass is skipped).
     */
    @Benchmark
    public void exponentialSynapse() {
        k.exponentialConductance(g, v, input, 0.02f, 0f, 0, n);
        k.arrive(ring, 0, g, 1f, 0, n);
    }

    @Benchmark
    public void dualExponentialSynapse() {
        k.conductanceOutput(g, v, input, 0f, 0, n);
        k.dualExponential(ring, 0, h, g, gLow, 1.43f, 0.01f, 0.095f, 0.095f, 0, n);
    }

    /** AMPA kinetics per channel: the pulse-switched update and the pulse count-down. */
    @Benchmark
    public void ampaKinetics() {
        k.pulsedAffine(g, g, pulse, on, off, 0, n);
        k.countDown(pulse, 0, n);
    }
}
