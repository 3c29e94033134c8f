package org.vecsnn.models.neuron;

import java.util.List;

import org.vecsnn.core.Check;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronKernel;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronState;
import org.vecsnn.core.simd.FusedExponential;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateVariable;
import org.vecsnn.core.synapse.FusableSynapse;
import org.vecsnn.models.neuron.LifCoefficients;

/**
 * Leaky integrate-and-fire parameters: {@code τ·dV/dt = −(V − V_rest) + R·I}; a spike when {@code V ≥ V_th}, then
 * {@code V = V_reset} and V held for the refractory period. Units: ms, mV; with R = 1 the input I is in mV.
 *
 * <p>Refractoriness is counted in whole steps: {@code tRef} must be a whole number r of steps. A neuron that spikes
 * in step m holds V in steps m+1 … m+r−1 and integrates again from step m+r, so it is frozen for exactly
 * {@code tRef} after the spike's time label (as in Brian2). {@code tRef = 0} and {@code tRef = dt} hold no step.
 *
 * <p>Besides V the state holds {@code V_low}, the part of V below float resolution carried from step to step
 * (compensated summation, see {@link LifLoops#lif}); V as read is the float nearest the exact
 * propagator's value.
 *
 * @param vRest resting potential (mV)
 * @param vReset reset potential (mV), below {@code vTh}
 * @param vTh threshold (mV)
 * @param tau membrane time constant (ms), {@code > 0}
 * @param r membrane resistance, {@code > 0}
 * @param tRef refractory period (ms), {@code >= 0}
 * @param method the integrator
 */
public record Lif(double vRest, double vReset, double vTh, double tau, double r, double tRef, Integrator method)
        implements NeuronModel {
    public Lif {
        Check.finiteFloat("LIF vRest (mV)", vRest);
        Check.finiteFloat("LIF vReset (mV)", vReset);
        Check.finiteFloat("LIF vTh (mV)", vTh);
        Check.positiveFloat("LIF tau (ms)", tau);
        Check.positiveFloat("LIF r", r);
        Check.nonNegative("LIF tRef (ms)", tRef);
        if (!(vReset < vTh)) {
            throw new IllegalArgumentException("LIF vReset = " + vReset + " mV: must be below vTh = " + vTh + " mV");
        }
        if (method == null) {
            throw new IllegalArgumentException("LIF method = null: must be one of EULER, EXPONENTIAL_EULER, RK4, EXACT");
        }
    }

    /** BrainPy's LIF defaults (brainmodels): V_rest 0, V_reset −5, V_th 20, τ 10 ms, R 1, t_ref 1 ms, exp. Euler. */
    public static Lif defaults() {
        return new Lif(0, -5, 20, 10, 1, 1, Integrator.EXPONENTIAL_EULER);
    }

    public Lif withVRest(double value) {
        return new Lif(value, vReset, vTh, tau, r, tRef, method);
    }

    public Lif withVReset(double value) {
        return new Lif(vRest, value, vTh, tau, r, tRef, method);
    }

    public Lif withVTh(double value) {
        return new Lif(vRest, vReset, value, tau, r, tRef, method);
    }

    public Lif withTau(double value) {
        return new Lif(vRest, vReset, vTh, value, r, tRef, method);
    }

    public Lif withR(double value) {
        return new Lif(vRest, vReset, vTh, tau, value, tRef, method);
    }

    public Lif withTRef(double value) {
        return new Lif(vRest, vReset, vTh, tau, r, value, method);
    }

    public Lif withMethod(Integrator value) {
        return new Lif(vRest, vReset, vTh, tau, r, tRef, value);
    }

    @Override
    public double initialV() {
        return vRest;
    }

    /** V_low, the part of V below float resolution (see the class comment). */
    @Override
    public StateSpec state() {
        return StateSpec.of(StateVariable.real("V_low", "mV", 0));
    }

    /** {@code R·I_bias} is a shift of V_rest. */
    @Override
    public Lif withBias(double current) {
        return withVRest(vRest + r * current);
    }

    /**
     * The step's constants: {@code V += a·(V_rest − V + R·I)} with {@code a = dt/τ} (Euler), {@code 1 − e^(−dt/τ)}
     * (exponential Euler, EXACT) or RK4's {@code h − h²/2 + h³/6 − h⁴/24}, {@code h = dt/τ}.
     */
    public LifCoefficients coefficients(double dt, int refractorySteps) {
        double h = dt / tau;
        double a = switch (method) {
            case EULER -> h;
            case RK4 -> h * (1 - h / 2 * (1 - h / 3 * (1 - h / 4)));
            case EXPONENTIAL_EULER, EXACT -> -StrictMath.expm1(-h);
        };
        return new LifCoefficients((float) a, (float) vRest, (float) r, (float) vTh, (float) vReset, refractorySteps);
    }

    /**
     * Steps fusable synapses in the membrane's own pass, bit-identical to their separate passes: two without rings
     * (COBA's and CUBA's excitatory and inhibitory exponentials, spikes acting in the next step) in one kernel, a
     * quarter faster per COBA step; otherwise the last one with its arrivals (the microcircuit's {@code I_syn}), the
     * others in their own passes before it, which adds the currents in the same order.
     */
    @Override
    public NeuronKernel bind(NeuronState s, double dt, int refractorySteps) {
        LifCoefficients c = coefficients(dt, refractorySteps);
        LifLoops k = LifLoops.of(s.lanes());
        float[] v = s.v();
        float[] vLow = s.floats("V_low");
        float[] input = s.input();
        int[] refractory = s.refractory();
        int size = s.size();
        List<FusableSynapse> fusable = s.fusable();
        if (fusable.size() == 2 && fusable.get(0).fused().due() == null && fusable.get(1).fused().due() == null) {
            s.claim(fusable.get(0));
            s.claim(fusable.get(1));
            FusedExponential fa = fusable.get(0).fused();
            FusedExponential fb = fusable.get(1).fused();
            return (step, from, to, spikes, count) -> k.lifTwoExponentials(v, vLow, input, s.inputUsed(), refractory,
                    from, to, size, c, spikes, count, fa, fb);
        }
        if (!fusable.isEmpty()) {
            FusableSynapse last = fusable.getLast();
            s.claim(last);
            FusedExponential fused = last.fused();
            return (step, from, to, spikes, count) -> k.lifOneExponential(step, v, vLow, input, s.inputUsed(),
                    refractory, from, to, size, c, spikes, count, fused);
        }
        return (step, from, to, spikes, count) -> k.lif(v, vLow, input, refractory, from, to, size, c, spikes, count);
    }
}
