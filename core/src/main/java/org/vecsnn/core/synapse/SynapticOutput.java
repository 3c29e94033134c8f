package org.vecsnn.core.synapse;

import org.vecsnn.core.Check;
import org.vecsnn.core.simd.Kernels;

/**
 * How a synapse's conductance (or current) g acts on its postsynaptic neuron's input current. The three outputs of
 * the seed are here; an output of your own implements {@link #apply} (with {@link org.vecsnn.core.simd.Lanes}) and
 * {@link #current} (for monitors).
 */
public interface SynapticOutput {
    /** Current-based: {@code I += g}. The sign of the weight makes the synapse excitatory or inhibitory. */
    record Current() implements SynapticOutput {
        @Override
        public void apply(Kernels kernels, float[] g, TargetMembrane target, int from, int to) {
            kernels.axpy(g, 1f, target.input(), from, to);
        }

        @Override
        public double current(double g, double v) {
            return g;
        }
    }

    /**
     * Conductance-based: {@code I += g·(E − V)}, with V the membrane potential at the start of the step. On a
     * population whose model integrates synaptic conductances with its own (Hodgkin–Huxley, see
     * {@link TargetMembrane#conductance()}), g·E goes to the input and g to the population's conductance instead.
     */
    record Conductance(double reversal) implements SynapticOutput {
        public Conductance {
            Check.finiteFloat("reversal potential E (mV)", reversal);
        }

        @Override
        public void apply(Kernels kernels, float[] g, TargetMembrane target, int from, int to) {
            if (target.conductance() != null) {
                kernels.conductanceInput(g, target.input(), target.conductance(), (float) reversal, from, to);
            } else {
                kernels.conductanceOutput(g, target.v(), target.input(), (float) reversal, from, to);
            }
        }

        @Override
        public double current(double g, double v) {
            return g * (reversal - v);
        }
    }

    /**
     * Conductance through the voltage-dependent Mg²⁺ block of NMDA receptors (Jahr & Stevens 1990):
     * {@code I += g·(E − V)·g∞(V)}, {@code g∞(V) = 1/(1 + [Mg]/β·e^(−α·V))}.
     *
     * @param reversal E (mV)
     * @param magnesium [Mg²⁺] (mM), {@code >= 0}
     * @param alpha α (1/mV)
     * @param beta β (mM), {@code > 0}
     */
    record MgBlock(double reversal, double magnesium, double alpha, double beta) implements SynapticOutput {
        public MgBlock {
            Check.finite("Mg block reversal potential E (mV)", reversal);
            Check.nonNegative("Mg block [Mg2+] (mM)", magnesium);
            Check.finite("Mg block alpha (1/mV)", alpha);
            Check.positive("Mg block beta (mM)", beta);
        }

        /** The fraction of channels not blocked at membrane potential {@code v}. */
        public double unblocked(double v) {
            return 1 / (1 + magnesium / beta * StrictMath.exp(-alpha * v));
        }

        @Override
        public void apply(Kernels kernels, float[] g, TargetMembrane target, int from, int to) {
            kernels.mgBlockOutput(g, target.v(), target.input(), (float) reversal, (float) (magnesium / beta),
                    (float) alpha, from, to);
        }

        @Override
        public double current(double g, double v) {
            return g * (reversal - v) * unblocked(v);
        }
    }

    /** Adds this output's current for state {@code g} to the target's input, over {@code [from, to)}. */
    void apply(Kernels kernels, float[] g, TargetMembrane target, int from, int to);

    /** The current for state g at membrane potential v (mV), in double: for monitors. */
    double current(double g, double v);

    static SynapticOutput current() {
        return new Current();
    }

    static SynapticOutput conductance(double reversalMv) {
        return new Conductance(reversalMv);
    }

    /** The Mg block with BrainPy's defaults: E = 0 mV, [Mg²⁺] = 1.2 mM, α = 0.062 /mV, β = 3.57 mM. */
    static SynapticOutput mgBlock() {
        return new MgBlock(0, 1.2, 0.062, 3.57);
    }
}
