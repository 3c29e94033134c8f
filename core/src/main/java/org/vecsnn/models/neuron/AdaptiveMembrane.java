package org.vecsnn.models.neuron;

import org.vecsnn.core.Check;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronKernel;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronState;
import org.vecsnn.models.neuron.AdaptiveCoefficients;

/** Builds the shared kernel's step for the exponential IF, AdEx, Izhikevich and quadratic IF models. */
final class AdaptiveMembrane {
    private AdaptiveMembrane() {}

    /**
     * {@code dV/dt = p2·V² + p1·V + p0 + e·exp((V − vT)/ΔT) − q·w + r·I}, {@code dw/dt = (a·(V − vW) − w)/τ_w};
     * A model without w ({@code adaptation} null, {@code tauW = ∞}) steps a private array of zeros.
     */
    static NeuronKernel of(NeuronState s, String adaptation, Integrator method, double dt, int refractorySteps,
                           double p2, double p1, double p0, double e, double vT, double deltaT, double q, double r,
                           double a, double vW, double tauW, double b, double vTh, double vReset) {
        double invTauW = 1 / tauW;
        AdaptiveCoefficients k = new AdaptiveCoefficients(method, (float) dt, (float) p2, (float) p1, (float) p0,
                (float) e, (float) vT, (float) (e == 0 ? 0 : 1 / deltaT), (float) q, (float) r, (float) a, (float) vW,
                (float) invTauW, (float) b, (float) vTh, (float) vReset, refractorySteps,
                (float) StrictMath.exp(-dt * invTauW), (float) (e == 0 ? 0 : (vTh - vT) / deltaT));
        float[][] scratch = new float[AdaptiveLoops.SCRATCH_ROWS][s.paddedSize()];
        float[] w = adaptation == null ? new float[s.paddedSize()] : s.floats(adaptation);
        AdaptiveLoops kernels = AdaptiveLoops.of(s.lanes());
        float[] v = s.v();
        float[] input = s.input();
        int[] refractory = s.refractory();
        int size = s.size();
        return (step, from, to, spikes, count) -> kernels.adaptive(v, w, input, refractory, from, to, size, k, spikes,
                count, scratch);
    }

    /**
     * The checks every reset model shares: tRef ≥ 0, finite vTh and vReset with vReset below vTh, and a method
     * that is not LIF's EXACT.
     */
    static void requireReset(String model, double vReset, double vTh, double tRef, Integrator method) {
        Check.nonNegative(model + " tRef (ms)", tRef);
        Check.finiteFloat(model + " vTh (mV)", vTh);
        Check.finiteFloat(model + " vReset (mV)", vReset);
        requireResetBelowThreshold(model, vReset, vTh);
        NeuronModel.requireGeneralMethod(model, method);
    }

    static void requireResetBelowThreshold(String model, double vReset, double vTh) {
        if (!(vReset < vTh)) {
            throw new IllegalArgumentException(model + " vReset = " + vReset + " mV: must be below vTh = " + vTh
                    + " mV");
        }
    }
}
