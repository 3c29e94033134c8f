package org.vecsnn.examples;

import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.simd.Lanes;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateVariable;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.core.synapse.SynapticOutput;

/**
 * A synapse model the catalogue lacks, written against the public API only: arriving weights feed a drive x per
 * postsynaptic neuron that decays with {@code tauDrive}, and the open fraction s saturates under it:
 * <pre>
 *   dx/dt = −x/τ_x (x += w per arrival),     ds/dt = α·x·(1 − s) − β·s,     g = g_max·s
 * </pre>
 * s is stepped by exponential Euler with x held over the step (exact for the held drive); g acts through any
 * {@link SynapticOutput}. Unlike the catalogue's NMDA (one state per presynaptic neuron), the saturation here is per
 * postsynaptic neuron, so it steps by range on any number of threads. Step n: the arrivals of step n join x, the
 * output acts with g at the step's start, then s and x advance.
 */
public final class SaturatingSynapse extends SynapticInput {
    private final double tauDrive;
    private final double alpha;
    private final double beta;
    private final double gMax;
    private final SynapticOutput output;
    private final float[] x;
    private final float[] s;
    private final float[] g;
    private float decrement;
    private float dt;

    public SaturatingSynapse(NeuronPopulation target, String name, double tauDrive, double alpha, double beta,
                             double gMax, SynapticOutput output) {
        super(checked(target, name, output), name, StateSpec.of(StateVariable.real("x", "weight", 0),
                StateVariable.real("s", "1", 0), StateVariable.real("g", "as g_max", 0)));
        if (!(tauDrive > 0 && alpha > 0 && beta > 0 && gMax > 0)) {
            throw new IllegalArgumentException("saturating synapse '" + name + "': tauDrive = " + tauDrive
                    + " ms, alpha = " + alpha + ", beta = " + beta + ", gMax = " + gMax + ": each must be > 0");
        }
        this.tauDrive = tauDrive;
        this.alpha = alpha;
        this.beta = beta;
        this.gMax = gMax;
        this.output = output;
        this.x = store().floats("x");
        this.s = store().floats("s");
        this.g = store().floats("g");
    }

    private static NeuronPopulation checked(NeuronPopulation target, String name, SynapticOutput output) {
        requireOutput(target, name, output, false);
        return target;
    }

    @Override
    public String description() {
        return "saturating tauDrive=" + tauDrive + " alpha=" + alpha + " beta=" + beta + " gMax=" + gMax + " "
                + output;
    }

    @Override
    public SynapticOutput output() {
        return output;
    }

    @Override
    public float[] state() {
        return g;
    }

    @Override
    protected void prepareDynamics(TimeGrid grid) {
        dt = (float) grid.dt();
        decrement = (float) -StrictMath.expm1(-grid.dt() / tauDrive);
    }

    @Override
    public void apply(long step, Kernels kernels, int from, int to) {
        kernels.arrive(arrivals().data(), arrivals().slot(step), x, 1f, from, to);
        output.apply(kernels, g, membrane, from, to);
        advance(kernels, x, s, g, (float) alpha, (float) beta, dt, decrement, (float) gMax, from, to);
    }

    /** s under the held drive, then x's decay, then g = g_max·s: the synapse's step after its output. */
    static void advance(Lanes lanes, float[] x, float[] s, float[] g, float alpha, float beta, float dt,
                        float decrement, float gMax, int from, int to) {
        lanes.saturate(s, x, alpha, beta, dt, from, to);
        lanes.decay(x, decrement, from, to);
        lanes.affine(g, s, 1f, gMax, from, to);
    }
}
