package org.vecsnn.models.neuron;

import java.util.List;
import org.vecsnn.core.Check;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronKernel;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronState;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateVariable;
import org.vecsnn.models.neuron.HhCoefficients;

/**
 * Hodgkin–Huxley neurons:
 * <pre>
 *   C·dV/dt = g_Na·m³h·(E_Na − V) + g_K·n⁴·(E_K − V) + g_L·(E_L − V) + I
 *   dx/dt   = α_x(V)·(1 − x) − β_x(V)·x,   x = m, h, n
 * </pre>
 * A spike is an upward crossing of {@code vTh} (the step's start below, its end at or above); there is no reset.
 * A refractory period only stops further crossings from counting as spikes for that long (Brian2's
 * {@code refractory} without {@code unless refractory}); V keeps integrating.
 *
 * <p>Two parameter sets: {@link #squid()} (the 1952 squid axon, BrainPy's defaults, per cm²: µF, mS, µA) and
 * {@link #traubMiles()} (the Traub–Miles model of the COBAHH benchmark, one 20 000 µm² cell: pF, nS, pA).
 * Gates start at their steady state for the initial V.
 *
 * @param c membrane capacitance
 * @param vInit initial V (mV)
 */
public record HodgkinHuxley(double c, double gNa, double eNa, double gK, double eK, double gL, double eL,
                            double vTh, double tRef, double vInit, RateFunction alphaM, RateFunction betaM,
                            RateFunction alphaH, RateFunction betaH, RateFunction alphaN, RateFunction betaN,
                            Integrator method) implements NeuronModel {
    public HodgkinHuxley {
        Check.positiveFloat("HH c", c);
        Check.nonNegative("HH gNa", gNa);
        Check.nonNegative("HH gK", gK);
        Check.positiveFloat("HH gL", gL);
        Check.finiteFloat("HH eNa (mV)", eNa);
        Check.finiteFloat("HH eK (mV)", eK);
        Check.finiteFloat("HH eL (mV)", eL);
        Check.finiteFloat("HH vTh (mV)", vTh);
        Check.nonNegative("HH tRef (ms)", tRef);
        Check.finiteFloat("HH vInit (mV)", vInit);
        for (RateFunction r : new RateFunction[] {alphaM, betaM, alphaH, betaH, alphaN, betaN}) {
            if (r == null) {
                throw Check.fail("HH rate function", null, "a RateFunction for each of α_m, β_m, α_h, β_h, α_n, β_n");
            }
        }
        NeuronModel.requireGeneralMethod("HH", method);
        for (int k = 0; k < 3; k++) { // gates start at their steady state: the rates must be finite at vInit
            double x = steadyState(k, vInit, alphaM, betaM, alphaH, betaH, alphaN, betaN);
            if (!(x >= 0 && x <= 1)) {
                throw new IllegalArgumentException("HH gate " + List.of("m", "h", "n").get(k) + " at vInit = " + vInit
                        + " mV = " + x + ": its rate functions must give finite rates there (α/(α + β) in [0, 1])");
            }
        }
    }

    /**
     * The squid giant axon (Hodgkin & Huxley 1952, V shifted to rest near −65 mV), BrainPy's {@code HH}: C 1 µF/cm²,
     * g_Na 120, g_K 36, g_L 0.03 mS/cm², E_Na 50, E_K −77, E_L −54.387 mV, V_th 20 mV, no refractory period,
     * V from −65 mV, exponential Euler. BrainPy's g_L = 0.03 is a tenth of the 1952 paper's 0.3, so the cell rests
     * near −70.7 mV rather than −65 (set g_L = 0.3 for the original).
     */
    public static HodgkinHuxley squid() {
        return new HodgkinHuxley(1, 120, 50, 36, -77, 0.03, -54.387, 20, 0, -65,
                RateFunction.linear(1, -40, 10), RateFunction.exponential(4, -65, 18),
                RateFunction.exponential(0.07, -65, 20), RateFunction.sigmoid(1, -35, 10),
                RateFunction.linear(0.1, -55, 10), RateFunction.exponential(0.125, -65, 80),
                Integrator.EXPONENTIAL_EULER);
    }

    /**
     * The Traub–Miles model of COBAHH (Brette et al. 2007; Brian2's {@code COBAHH.py}) for a 20 000 µm² cell:
     * C 200 pF, g_Na 20 µS, g_Kd 6 µS, g_L 10 nS, E_Na 50, E_K −90, E_L −60 mV, V_T −63 mV, spike at −20 mV,
     * refractory 3 ms, V from E_L, exponential Euler. Currents in pA.
     */
    public static HodgkinHuxley traubMiles() {
        double vT = -63;
        return new HodgkinHuxley(200, 20_000, 50, 6_000, -90, 10, -60, -20, 3, -60,
                RateFunction.linear(1.28, vT + 13, 4), RateFunction.linear(1.4, vT + 40, -5),
                RateFunction.exponential(0.128, vT + 17, 18), RateFunction.sigmoid(4, vT + 40, 5),
                RateFunction.linear(0.16, vT + 15, 5), RateFunction.exponential(0.5, vT + 10, 40),
                Integrator.EXPONENTIAL_EULER);
    }

    public HodgkinHuxley withMethod(Integrator value) {
        return new HodgkinHuxley(c, gNa, eNa, gK, eK, gL, eL, vTh, tRef, vInit, alphaM, betaM, alphaH, betaH, alphaN,
                betaN, value);
    }

    public HodgkinHuxley withTRef(double value) {
        return new HodgkinHuxley(c, gNa, eNa, gK, eK, gL, eL, vTh, value, vInit, alphaM, betaM, alphaH, betaH, alphaN,
                betaN, method);
    }

    /** The gates, fractions of open channels (each starts at its steady state for V). */
    @Override
    public StateSpec state() {
        return StateSpec.of(StateVariable.real("m", "1", 0), StateVariable.real("h", "1", 0),
                StateVariable.real("n", "1", 0));
    }

    /** Conductance-based synapses join the membrane's conductance in the step (as in Brian2's exponential Euler). */
    @Override
    public boolean integratesConductances() {
        return true;
    }

    @Override
    public double initialV() {
        return vInit;
    }

    /** The gate's steady state α/(α + β) at V. */
    @Override
    public double initialValue(int index, double v) {
        return steadyState(index, v, alphaM, betaM, alphaH, betaH, alphaN, betaN);
    }

    /** Gates are fractions of open channels. */
    @Override
    public double[] bounds(int index) {
        return new double[] {0, 1};
    }

    /** Gate {@code index}'s α/(α + β) at V (a static method: the constructor calls it before the record exists). */
    private static double steadyState(int index, double v, RateFunction alphaM, RateFunction betaM,
                                      RateFunction alphaH, RateFunction betaH, RateFunction alphaN,
                                      RateFunction betaN) {
        RateFunction alpha = switch (index) {
            case 0 -> alphaM;
            case 1 -> alphaH;
            default -> alphaN;
        };
        RateFunction beta = switch (index) {
            case 0 -> betaM;
            case 1 -> betaH;
            default -> betaN;
        };
        double a = alpha.at(v);
        return a / (a + beta.at(v));
    }

    @Override
    public NeuronKernel bind(NeuronState s, double dt, int refractorySteps) {
        HhCoefficients k = new HhCoefficients(method, (float) dt, (float) (1 / c), (float) gNa, (float) eNa,
                (float) gK, (float) eK, (float) gL, (float) eL, (float) vTh, refractorySteps, alphaM.kernelForm(),
                betaM.kernelForm(), alphaH.kernelForm(), betaH.kernelForm(), alphaN.kernelForm(), betaN.kernelForm());
        float[][] scratch = new float[HhLoops.SCRATCH_ROWS][s.paddedSize()];
        HhLoops kernels = HhLoops.of(s.lanes());
        float[] v = s.v();
        float[] m = s.floats("m");
        float[] h = s.floats("h");
        float[] n = s.floats("n");
        float[] input = s.input();
        float[] conductance = s.conductance();
        int[] refractory = s.refractory();
        int size = s.size();
        return (step, from, to, spikes, count) -> kernels.hodgkinHuxley(v, m, h, n, input, conductance, refractory,
                from, to, size, k, spikes, count, scratch);
    }
}
