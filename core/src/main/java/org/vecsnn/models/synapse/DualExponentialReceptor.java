package org.vecsnn.models.synapse;

import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.core.synapse.SynapticOutput;

import org.vecsnn.core.Check;
import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.simd.Lanes;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateVariable;

/**
 * Dual-exponential and alpha synapses, linear, so one pair of states per postsynaptic neuron:
 * {@code dh/dt = −h/τ_r}, {@code dg/dt = −g/τ_d + h}, and {@code h += a·w} when a spike arrives. The response to
 * one spike of weight w at t = 0 is {@code g(t) = a·w·τ_r·τ_d/(τ_d − τ_r)·(e^(−t/τ_d) − e^(−t/τ_r))} (the seed's
 * difference of exponentials), or {@code a·w·t·e^(−t/τ)} for the alpha synapse (τ_r = τ_d = τ). Each step is
 * integrated exactly, with g compensated ({@code gLow} carries its rounding error: see
 * {@link org.vecsnn.core.simd.Lanes#dualExponential}). The output acts with g at the start of the step; an arrival
 * moves h, so g starts rising in the step after it.
 */
public final class DualExponentialReceptor extends SynapticInput {
    /** What a weight w means. */
    public enum Normalisation {
        /** The default: g peaks at w after one spike (BrainPy ≥ 2.5, NEST's alpha synapses). */
        PEAK,
        /** The seed's ODE form: h jumps by w (a = 1); the peak is w·τ_r·τ_d/(τ_d − τ_r)·(…), or w·τ/e for alpha. */
        JUMP
    }

    private final double tauRise;
    private final double tauDecay;
    private final Normalisation normalisation;
    private final SynapticOutput output;
    private final float[] h;
    private final float[] g;
    private final float[] gLow;
    private float decayDecrement;
    private float riseDecrement;
    private float coupling;
    private float jump;

    private DualExponentialReceptor(NeuronPopulation target, String name, double tauRise, double tauDecay,
                                    Normalisation normalisation, SynapticOutput output) {
        super(checked(target, name, output, normalisation), name, StateSpec.of(
                StateVariable.real("g", "as the weight", 0), StateVariable.real("h", "weight/ms", 0),
                StateVariable.real("g_low", "as the weight", 0)));
        this.tauRise = tauRise;
        this.tauDecay = tauDecay;
        this.normalisation = normalisation;
        this.output = output;
        this.h = store().floats("h");
        this.g = store().floats("g");
        this.gLow = store().floats("g_low");
    }

    /** A dual-exponential synapse; {@code tauRise < tauDecay} (equal time constants are the alpha synapse). */
    public static DualExponentialReceptor dualExponential(NeuronPopulation target, String name, double tauRise,
                                                          double tauDecay, Normalisation normalisation,
                                                          SynapticOutput output) {
        Check.positive("tauRise of synapse '" + name + "' (ms)", tauRise);
        Check.positive("tauDecay of synapse '" + name + "' (ms)", tauDecay);
        if (!(tauRise < tauDecay)) {
            throw new IllegalArgumentException("tauRise of synapse '" + name + "' = " + tauRise
                    + " ms: must be below tauDecay = " + tauDecay + " ms (use an alpha synapse for equal ones)");
        }
        return new DualExponentialReceptor(target, name, tauRise, tauDecay, normalisation, output);
    }

    /** An alpha synapse, {@code g(t) ∝ t·e^(−t/τ)}. */
    public static DualExponentialReceptor alpha(NeuronPopulation target, String name, double tau,
                                                Normalisation normalisation, SynapticOutput output) {
        Check.positive("tau of alpha synapse '" + name + "' (ms)", tau);
        return new DualExponentialReceptor(target, name, tau, tau, normalisation, output);
    }

    private static NeuronPopulation checked(NeuronPopulation target, String name, SynapticOutput output,
                                            Normalisation normalisation) {
        if (normalisation == null) {
            throw new IllegalArgumentException("normalisation of synapse '" + name + "' = null: must be PEAK or JUMP");
        }
        requireOutput(target, name, output, false);
        return target;
    }

    @Override
    public String description() {
        return "dual tauRise=" + tauRise + " tauDecay=" + tauDecay + " " + normalisation + " " + output;
    }

    public boolean isAlpha() {
        return tauRise == tauDecay;
    }

    public double tauRise() {
        return tauRise;
    }

    public double tauDecay() {
        return tauDecay;
    }

    @Override
    public SynapticOutput output() {
        return output;
    }

    public Normalisation normalisation() {
        return normalisation;
    }

    /** The peak of g after one spike of weight 1 with the JUMP normalisation. */
    public double unitJumpPeak() {
        if (isAlpha()) {
            return tauDecay / Math.E;
        }
        double c = tauRise * tauDecay / (tauDecay - tauRise);
        double tPeak = c * StrictMath.log(tauDecay / tauRise);
        return c * (StrictMath.exp(-tPeak / tauDecay) - StrictMath.exp(-tPeak / tauRise));
    }

    /** The conductance / current state g, live. */
    public float[] g() {
        return g;
    }

    /** The rise state h, live. */
    public float[] h() {
        return h;
    }

    @Override
    public float[] state() {
        return g;
    }

    @Override
    protected void prepareDynamics(TimeGrid grid) {
        double dt = grid.dt();
        double ed = StrictMath.exp(-dt / tauDecay);
        double er = StrictMath.exp(-dt / tauRise);
        decayDecrement = Lanes.decrement(dt, tauDecay);
        riseDecrement = Lanes.decrement(dt, tauRise);
        coupling = (float) (isAlpha() ? dt * ed : tauRise * tauDecay / (tauDecay - tauRise) * (ed - er));
        jump = (float) (normalisation == Normalisation.PEAK ? 1 / unitJumpPeak() : 1);
    }

    @Override
    public void apply(long step, Kernels kernels, int from, int to) {
        output.apply(kernels, g, membrane, from, to);
        kernels.dualExponential(arrivals.data(), arrivals.slot(step), h, g, gLow, jump, decayDecrement, riseDecrement,
                coupling, from, to);
    }
}
