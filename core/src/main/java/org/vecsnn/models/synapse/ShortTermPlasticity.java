package org.vecsnn.models.synapse;

import org.vecsnn.core.Check;
import org.vecsnn.core.plasticity.PlasticSynapses;
import org.vecsnn.core.plasticity.PlasticityKernel;
import org.vecsnn.core.plasticity.PlasticityRule;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateVariable;

/**
 * Tsodyks–Markram short-term plasticity, per presynaptic neuron: {@code du/dt = −u/τ_f}, {@code dx/dt = (1 − x)/τ_d};
 * at a spike {@code u⁺ = u⁻ + U(1 − u⁻)}, the spike's efficacy is {@code u⁺·x⁻}, then {@code x⁺ = x⁻ − u⁺x⁻}.
 * u starts at 0 and x at 1, so the first spike has efficacy U. Between spikes u and x evolve exactly. The efficacy
 * scales what the spike delivers: the weight added to a linear synapse or a voltage jump; for a kinetic synapse
 * the channel's conductance from that arrival to the next. A {@link PlasticityRule} whose kernel answers each
 * presynaptic spike with its efficacy.
 *
 * @param u U, the utilisation increment, in (0, 1]
 * @param tauF facilitation time constant (ms), {@code > 0}; {@link #depression} holds u at U instead
 * @param tauD recovery time constant (ms), {@code > 0}
 * @param facilitating false for depression only (u ≡ U)
 */
public record ShortTermPlasticity(double u, double tauF, double tauD, boolean facilitating) implements PlasticityRule {
    public ShortTermPlasticity {
        if (!(u > 0 && u <= 1)) {
            throw Check.fail("short-term plasticity U", u, "in (0, 1]");
        }
        if (facilitating) {
            Check.positive("short-term plasticity tauF (ms)", tauF);
        }
        Check.positive("short-term plasticity tauD (ms)", tauD);
    }

    /** Facilitation and depression, BrainPy's defaults: U = 0.15, τ_f = 1500 ms, τ_d = 200 ms. */
    public static ShortTermPlasticity tsodyksMarkram() {
        return new ShortTermPlasticity(0.15, 1500, 200, true);
    }

    public static ShortTermPlasticity tsodyksMarkram(double u, double tauF, double tauD) {
        return new ShortTermPlasticity(u, tauF, tauD, true);
    }

    /** Depression only, BrainPy's STD defaults: U = 0.07, τ = 200 ms. */
    public static ShortTermPlasticity depression() {
        return new ShortTermPlasticity(0.07, Double.NaN, 200, false);
    }

    public static ShortTermPlasticity depression(double u, double tauD) {
        return new ShortTermPlasticity(u, Double.NaN, tauD, false);
    }

    /** u and x after each presynaptic neuron's last spike, and the step of that spike. */
    @Override
    public StateSpec presynapticState() {
        return StateSpec.of(StateVariable.real("u", "1", 0), StateVariable.real("x", "1", 1),
                StateVariable.wide("last spike", "step", Long.MIN_VALUE));
    }

    @Override
    public PlasticityKernel bind(PlasticSynapses synapses, double dt) {
        float[] uAfter = synapses.presynapticState().floats("u");
        float[] xAfter = synapses.presynapticState().floats("x");
        long[] lastStep = synapses.presynapticState().longs("last spike");
        return new PlasticityKernel() {
            /** Advances neuron {@code i} to its spike in {@code step} and returns the spike's efficacy. */
            @Override
            public float preSpike(long step, int i) {
                double u0 = 0;
                double x0 = 1;
                if (lastStep[i] != Long.MIN_VALUE) {
                    double elapsed = (step - lastStep[i]) * dt;
                    u0 = facilitating ? uAfter[i] * StrictMath.exp(-elapsed / tauF) : 0;
                    x0 = 1 - (1 - xAfter[i]) * StrictMath.exp(-elapsed / tauD);
                }
                double uPlus = facilitating ? u0 + u * (1 - u0) : u;
                double efficacy = uPlus * x0;
                uAfter[i] = (float) uPlus;
                xAfter[i] = (float) (x0 - efficacy);
                lastStep[i] = step;
                return (float) efficacy;
            }
        };
    }
}
