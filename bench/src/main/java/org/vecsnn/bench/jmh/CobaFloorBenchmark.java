package org.vecsnn.bench.jmh;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
import org.vecsnn.core.Projection;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.ExponentialReceptor;
import org.vecsnn.networks.BenchmarkNetworks;
import org.vecsnn.networks.EiNetwork;

/**
 * How fast a COBA step could be at best on this machine: the two things every step must do, each as a bare loop
 * with none of the engine around it (compare with {@link CobaStepBenchmark#step}).
 * <ul>
 *   <li>{@link #membraneArithmetic}: V, g_e and g_i of every neuron advanced by one Euler step, in 6 vector
 *       operations per lane group, with no threshold, reset or refractory period (so less than a correct step);</li>
 *   <li>{@link #delivery}: the weight of every synapse of the step's spikes added to its target's g, a scalar loop
 *       over the network's own rows, replaying spikes recorded from the running network.</li>
 * </ul>
 * {@link #bareStep} does both: a floor under any step that keeps float state per neuron and adds per synapse.
 * {@link #correctStep} adds what a correct step needs besides: the threshold, the reset, the refractory period (the
 * step at which each neuron is free again, one int per neuron) and the list of the step's spikes, in the same lanes.
 * {@link #engineMembrane} is the engine's own fused membrane kernel (LIF with both conductances, as the engine runs
 * it), alone: what the engine's arithmetic costs without its schedule and delivery.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class CobaFloorBenchmark {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    /** Steps of spikes recorded and replayed. */
    private static final int RECORDED = 4096;

    @Param({"4000"})
    int n;

    private float[] v;
    private float[] ge;
    private float[] gi;
    private int excitatory;
    private int[] rowStartE;
    private int[] targetsE;
    private int[] rowStartI;
    private int[] targetsI;
    private float weightE;
    private float weightI;
    private float[] ge0;
    private float[] gi0;
    /** The Euler step's constants, from the network: a = dt/τ, R, V_rest, E_i, the decays. */
    private float a;
    private float r;
    private float vRest;
    private float eI;
    private float decayE;
    private float decayI;
    private int[][] spikesOfStep;
    /** The step at which each neuron may integrate again, and the step's spikes, for {@link #correctStep}. */
    private int[] freeAt;
    private int[] spikes;
    private int step;
    private float vTh;
    private float vReset;
    private int refractorySteps;
    private int replayed;
    private int updated;
    /** The network's neurons and their float state, and the state after the transient, restored periodically. */
    private NeuronPopulation neurons;
    private org.vecsnn.core.simd.Kernels kernels;
    private float[][] state;
    private float[][] stateAfterTransient;

    @Setup
    public void build() {
        EiNetwork coba = BenchmarkNetworks.coba(n, 0.1, 1, KernelProvider.vector());
        Network network = coba.network();
        Lif lif = (Lif) coba.neurons().model();
        if (reversal(coba.excitatoryReceptor()) != 0) {
            throw new IllegalStateException("membraneArithmetic drops the g_e·E_e term: COBA's E_e must be 0 mV");
        }
        a = (float) (network.dt() / lif.tau());
        r = (float) lif.r();
        vRest = (float) lif.vRest();
        eI = (float) reversal(coba.inhibitoryReceptor());
        decayE = (float) Math.exp(-network.dt() / coba.excitatoryReceptor().tau());
        decayI = (float) Math.exp(-network.dt() / coba.inhibitoryReceptor().tau());
        for (int s = 0; s < 2000; s++) { // past the initial transient
            network.step();
        }
        neurons = coba.neurons();
        kernels = network.kernels();
        java.util.List<float[]> arrays = new java.util.ArrayList<>();
        neurons.stateArrays().forEach(a -> arrays.add(a.values()));
        arrays.add(coba.excitatoryReceptor().g());
        arrays.add(coba.inhibitoryReceptor().g());
        state = arrays.toArray(float[][]::new);
        stateAfterTransient = java.util.Arrays.stream(state).map(float[]::clone).toArray(float[][]::new);
        int padded = coba.neurons().paddedSize();
        v = java.util.Arrays.copyOf(coba.neurons().v(), padded);
        ge0 = coba.excitatoryReceptor().g().clone();
        gi0 = coba.inhibitoryReceptor().g().clone();
        ge = ge0.clone();
        gi = gi0.clone();
        spikesOfStep = new int[RECORDED][];
        for (int s = 0; s < RECORDED; s++) {
            network.step();
            spikesOfStep[s] = java.util.Arrays.copyOf(coba.neurons().spikes(), coba.neurons().spikeCount());
        }
        Projection e = network.projections().get(0);
        Projection i = network.projections().get(1);
        excitatory = coba.excitatory();
        freeAt = new int[padded];
        spikes = new int[padded];
        vTh = (float) lif.vTh();
        vReset = (float) lif.vReset();
        refractorySteps = (int) Math.round(lif.tRef() / network.dt());
        rowStartE = e.csr().rowStart();
        targetsE = e.csr().targets();
        weightE = e.weight();
        rowStartI = i.csr().rowStart();
        targetsI = i.csr().targets();
        weightI = i.weight();
    }

    private static double reversal(ExponentialReceptor receptor) {
        return ((SynapticOutput.Conductance) receptor.output()).reversal();
    }

    /**
     * V += dt/τ·(V_rest − V + R·g_e·(E_e − V) + R·g_i·(E_i − V)); g *= e^(−dt/τ_g). Alone, g would decay into
     * subnormal floats (slow on x86), so it restarts from the network's g every {@value #RECORDED} calls.
     */
    @Benchmark
    public float[] membraneArithmetic() {
        if ((++updated & (RECORDED - 1)) == 0) {
            System.arraycopy(ge0, 0, ge, 0, ge.length);
            System.arraycopy(gi0, 0, gi, 0, gi.length);
        }
        final FloatVector c0 = FloatVector.broadcast(FLOATS, a * vRest);
        final FloatVector c1 = FloatVector.broadcast(FLOATS, 1f - a);
        final FloatVector minusAR = FloatVector.broadcast(FLOATS, -a * r);
        final FloatVector aREi = FloatVector.broadcast(FLOATS, a * r * eI);
        for (int k = 0; k < v.length; k += FLOATS.length()) {
            FloatVector vk = FloatVector.fromArray(FLOATS, v, k);
            FloatVector x = FloatVector.fromArray(FLOATS, ge, k);
            FloatVector y = FloatVector.fromArray(FLOATS, gi, k);
            // (1 − a − a·R·(g_e + g_i))·V + a·V_rest + a·R·E_i·g_i   (E_e = 0)
            x.add(y).fma(minusAR, c1).fma(vk, y.fma(aREi, c0)).intoArray(v, k);
            x.mul(decayE).intoArray(ge, k);
            y.mul(decayI).intoArray(gi, k);
        }
        return v;
    }

    /** One recorded step's spikes, each adding its weight to the g of its row's targets. */
    @Benchmark
    public int delivery() {
        int[] spikes = spikesOfStep[replayed++ & (RECORDED - 1)];
        int events = 0;
        for (int unit : spikes) {
            boolean fromE = unit < excitatory;
            int[] rowStart = fromE ? rowStartE : rowStartI;
            int[] targets = fromE ? targetsE : targetsI;
            float[] g = fromE ? ge : gi;
            float w = fromE ? weightE : weightI;
            int row = fromE ? unit : unit - excitatory;
            for (int j = rowStart[row]; j < rowStart[row + 1]; j++) {
                g[targets[j]] += w;
            }
            events += rowStart[row + 1] - rowStart[row];
        }
        return events;
    }

    /**
     * The membrane step with what correctness adds: neurons still refractory keep V; a V at or above threshold is
     * reset, its neuron listed and held for t_ref. Returns the number of spikes.
     */
    @Benchmark
    public int correctMembrane() {
        if ((++updated & (RECORDED - 1)) == 0) {
            System.arraycopy(ge0, 0, ge, 0, ge.length);
            System.arraycopy(gi0, 0, gi, 0, gi.length);
        }
        step++;
        final FloatVector c0 = FloatVector.broadcast(FLOATS, a * vRest);
        final FloatVector c1 = FloatVector.broadcast(FLOATS, 1f - a);
        final FloatVector minusAR = FloatVector.broadcast(FLOATS, -a * r);
        final FloatVector aREi = FloatVector.broadcast(FLOATS, a * r * eI);
        int count = 0;
        for (int k = 0; k < v.length; k += FLOATS.length()) {
            FloatVector vk = FloatVector.fromArray(FLOATS, v, k);
            FloatVector x = FloatVector.fromArray(FLOATS, ge, k);
            FloatVector y = FloatVector.fromArray(FLOATS, gi, k);
            IntVector free = IntVector.fromArray(INTS, freeAt, k);
            FloatVector next = x.add(y).fma(minusAR, c1).fma(vk, y.fma(aREi, c0));
            next = vk.blend(next, free.compare(VectorOperators.LE, step).cast(FLOATS));
            VectorMask<Float> fired = next.compare(VectorOperators.GE, vTh);
            next.blend(vReset, fired).intoArray(v, k);
            free.blend(step + refractorySteps, fired.cast(INTS)).intoArray(freeAt, k);
            x.mul(decayE).intoArray(ge, k);
            y.mul(decayI).intoArray(gi, k);
            for (long bits = fired.toLong(); bits != 0; bits &= bits - 1) {
                int neuron = k + Long.numberOfTrailingZeros(bits);
                if (neuron < n) { // padding lanes are never spikes
                    spikes[count++] = neuron;
                }
            }
        }
        return count;
    }

    /**
     * The engine's membrane kernel on the network's own state (V, V_low, refractoriness, g_e and g_i fused, general
     * reversal potentials), without delivery; the float state restarts from the network's every
     * {@value #RECORDED} calls, as in {@link #membraneArithmetic}. Returns the number of spikes.
     */
    @Benchmark
    public int engineMembrane() {
        if ((++updated & (RECORDED - 1)) == 0) {
            for (int k = 0; k < state.length; k++) {
                System.arraycopy(stateAfterTransient[k], 0, state[k], 0, state[k].length);
            }
        }
        return neurons.update(step++, kernels, 0, neurons.paddedSize(), spikes, 0);
    }

    /** The correct membrane step and delivery: the floor of a step that gives the right spikes. */
    @Benchmark
    public int correctStep() {
        delivery();
        return correctMembrane();
    }

    /** Both: the floor of a whole step. */
    @Benchmark
    public float[] bareStep() {
        delivery();
        return membraneArithmetic();
    }
}
