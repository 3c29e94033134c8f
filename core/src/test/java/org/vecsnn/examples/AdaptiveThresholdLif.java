package org.vecsnn.examples;

import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronKernel;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronState;
import org.vecsnn.core.simd.Lanes;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateVariable;

/**
 * A neuron model the catalogue lacks, written against the public API only: a LIF whose threshold jumps by
 * {@code thetaJump} at each spike and relaxes back to its resting value with {@code tauTheta}:
 * <pre>
 *   τ·dV/dt = −(V − V_rest) + R·I,     τ_θ·dθ/dt = −(θ − θ_rest),     V ≥ θ: spike, V = V_reset, θ += Δθ
 * </pre>
 * Both equations are linear and stepped exactly (exponential Euler with I held over the step), composed from the
 * shared {@link Lanes}, so the model runs SIMD and has a bit-identical plain twin without a kernel of its own. The
 * resting threshold is a per-neuron variable, so a population may be heterogeneous. Refractoriness as LIF's.
 */
public record AdaptiveThresholdLif(double vRest, double vReset, double thetaRest, double tau, double r,
                                   double tauTheta, double thetaJump, double tRef) implements NeuronModel {
    @Override
    public Integrator method() {
        return Integrator.EXPONENTIAL_EULER;
    }

    @Override
    public double initialV() {
        return vRest;
    }

    /** θ and θ_rest, per neuron. */
    @Override
    public StateSpec state() {
        return StateSpec.of(StateVariable.real("theta", "mV", thetaRest),
                StateVariable.unwatched("theta_rest", "mV", thetaRest));
    }

    @Override
    public NeuronKernel bind(NeuronState s, double dt, int refractorySteps) {
        Lanes lanes = s.lanes();
        float a = (float) -StrictMath.expm1(-dt / tau);
        float b = (float) -StrictMath.expm1(-dt / tauTheta);
        float drive = (float) (a * r);
        float rest = (float) (a * vRest);
        float reset = (float) vReset;
        float jump = (float) thetaJump;
        int hold = Math.max(refractorySteps - 1, 0);
        float[] v = s.v();
        float[] input = s.input();
        int[] refractory = s.refractory();
        float[] theta = s.floats("theta");
        float[] thetaRest = s.floats("theta_rest");
        int size = s.size();
        return (step, from, to, spikes, count) -> {
            lanes.integrate(v, input, refractory, a, drive, rest, from, to);
            lanes.affine(theta, thetaRest, b, b, from, to);
            int end = lanes.fire(v, theta, reset, refractory, hold, size, from, to, spikes, count);
            for (int k = count; k < end; k++) {
                theta[spikes[k]] += jump; // spikes are sparse: a scalar loop over them
            }
            lanes.fill(input, 0f, from, to);
            return end;
        };
    }
}
