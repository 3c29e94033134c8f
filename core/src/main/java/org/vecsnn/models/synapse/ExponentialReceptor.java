package org.vecsnn.models.synapse;

import org.vecsnn.core.synapse.FusableSynapse;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.core.synapse.SynapticOutput;

import org.vecsnn.core.Check;
import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.simd.Lanes;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateVariable;

/**
 * Single-exponential synapse, one state g per postsynaptic neuron: {@code dg/dt = −g/τ}, {@code g += w} when a
 * spike arrives. At the start of step n, g already holds every weight due in step n; the output acts with that g,
 * then g decays exactly by {@code e^(−dt/τ)} (the "add, use, decay" order of Brian2 and BrainPy ≤ 2.3: an arriving
 * weight acts undecayed). The decay is {@code g −= g·(1 − e^(−dt/τ))} in one fused multiply-add (see
 * {@link org.vecsnn.core.simd.Lanes#decay}), accurate at any dt. Weights due in the next step are added to g as they
 * are delivered; those with longer delays wait in the ring and join g at the end of the step before theirs (with the
 * decay). So g as read between steps (a state monitor, a checkpoint) is the value the next step acts with, as in
 * Brian2; a receptor fed only through one-step delays never touches its ring.
 *
 * <p>On a population integrated {@link Integrator#EXACT}, a current-based output passes the exact integral of the
 * current decaying within the step: {@code I += κ·g} with
 * {@code κ = τ_s/(τ_s − τ_m)·(e^(−dt/τ_s) − e^(−dt/τ_m)) / (1 − e^(−dt/τ_m))}.
 */
public final class ExponentialReceptor extends SynapticInput implements FusableSynapse {
    private final double tau;
    private final SynapticOutput output;
    private final float[] g;
    private float decrement;
    private float scale;
    /** The synapse as a membrane kernel steps it, and where its own pass finds the arrivals; set by prepare. */
    private org.vecsnn.core.simd.FusedExponential fused;

    public ExponentialReceptor(NeuronPopulation target, String name, double tauMs, SynapticOutput output) {
        super(checked(target, name, tauMs, output), name, StateSpec.of(StateVariable.real("g", "as the weight", 0)));
        this.tau = tauMs;
        this.output = output;
        this.g = store().floats("g");
    }

    private static NeuronPopulation checked(NeuronPopulation target, String name, double tauMs,
                                            SynapticOutput output) {
        Check.positive("tau of exponential synapse '" + name + "' (ms)", tauMs);
        requireOutput(target, name, output, true);
        return target;
    }

    @Override
    public String description() {
        return "exponential tau=" + tau + " " + output;
    }

    public double tau() {
        return tau;
    }

    @Override
    public SynapticOutput output() {
        return output;
    }

    /** The live conductance / current state, one entry per postsynaptic neuron (padded). */
    public float[] g() {
        return g;
    }

    /**
     * This synapse if a membrane kernel can step it in its own pass: current- or conductance-based output (the Mg
     * block needs exp and keeps its own pass).
     */
    @Override
    public FusableSynapse fusable() {
        return output instanceof SynapticOutput.Current || output instanceof SynapticOutput.Conductance ? this : null;
    }

    /** This synapse as the membrane kernel steps it, {@code I += g·(a + b·V)}, then the decay. */
    @Override
    public org.vecsnn.core.simd.FusedExponential fused() {
        return fused;
    }

    @Override
    protected double currentScale() {
        return scale;
    }

    @Override
    public float[] state() {
        return g;
    }

    /** Weights due in this synapse's next step go straight into g. */
    @Override
    public float[] dueAtNextStep() {
        return g;
    }

    @Override
    protected void prepareDynamics(TimeGrid grid) {
        double dt = grid.dt();
        decrement = Lanes.decrement(dt, tau);
        scale = membrane.model() instanceof org.vecsnn.models.neuron.Lif lif && lif.method() == Integrator.EXACT
                ? (float) exactCurrentScale(tau, lif.tau(), dt) : 1f;
        fused = output instanceof SynapticOutput.Conductance c
                ? new org.vecsnn.core.simd.FusedExponential(g, decrement, (float) c.reversal(), -1f, arrivals)
                : new org.vecsnn.core.simd.FusedExponential(g, decrement, scale, 0f, arrivals);
    }

    /** κ: the factor that makes exponential Euler integrate a current decaying with τ_s exactly. */
    static double exactCurrentScale(double tauS, double tauM, double dt) {
        double em = StrictMath.exp(-dt / tauM);
        if (Math.abs(tauS - tauM) <= 1e-9 * tauM) {
            return dt / tauM * em / -StrictMath.expm1(-dt / tauM);
        }
        return tauS / (tauS - tauM) * (StrictMath.exp(-dt / tauS) - em) / -StrictMath.expm1(-dt / tauM);
    }

    @Override
    public void apply(long step, Kernels kernels, int from, int to) {
        if (output instanceof SynapticOutput.Conductance c && membrane.conductance() == null) {
            kernels.exponentialConductance(g, membrane.v(), membrane.input(), decrement, (float) c.reversal(), from,
                    to);
        } else if (output instanceof SynapticOutput.Current) {
            kernels.exponentialCurrent(g, membrane.input(), decrement, scale, from, to);
        } else {
            output.apply(kernels, g, membrane, from, to);
            kernels.decay(g, decrement, from, to);
        }
        if (fused.due() != null) { // the weights of the next step that waited for longer delays
            kernels.arrive(fused.due(), fused.dueSlot(step), g, 1f, from, to);
        }
    }
}
