package org.vecsnn.equations;

import org.vecsnn.core.synapse.SynapticOutput;

/**
 * BrainPy's kinetic synapses (the seed's AMPA, GABA_A, NMDA, BioNMDA, GABA_B and Destexhe's GABA_B) written as Brian2
 * synapse strings, with the defaults of the built-in {@link org.vecsnn.models.synapse.KineticModel} schemes and their
 * outputs: each integrated as BrainPy does (exponential Euler, each variable with the others held) and summing
 * {@code w*s} onto the receptor. They are examples of {@link KineticEquations} and follow the built-in schemes step by
 * step (see EQUATIONS.md).
 */
public final class KineticStrings {
    private KineticStrings() {}

    /** The weight and the summed conductance {@code g_post = w*s}. */
    private static String summed(String s) {
        return "\nw : 1\ng_post = w*" + s + " : 1 (summed)";
    }

    /** AMPA: α = 0.98 /(mM·ms), β = 0.18 /ms, T = 0.5 mM for 0.5 ms, E = 0 mV. */
    public static KineticEquations ampa() {
        return markov("0.98/mM/ms", "0.18/ms", "0.5*mM", "0.5*ms", 0);
    }

    /** GABA_A: α = 0.53 /(mM·ms), β = 0.18 /ms, T = 1 mM for 1 ms, E = −80 mV. */
    public static KineticEquations gabaA() {
        return markov("0.53/mM/ms", "0.18/ms", "1*mM", "1*ms", -80);
    }

    /** Two-state kinetics {@code ds/dt = α[T](1 − s) − β·s} with a transmitter pulse, conductance output. */
    public static KineticEquations markov(String alpha, String beta, String t, String tDur, double reversalMv) {
        return KineticEquations.builder("""
                        ds/dt = alpha*T*(1 - s) - beta*s : 1 (clock-driven)
                        T : mM""" + summed("s"))
                .constant("alpha", alpha).constant("beta", beta).transmitter("T", t, tDur)
                .method("exponential_euler").output(SynapticOutput.conductance(reversalMv)).build();
    }

    /** NMDA (x/g form): τ_decay = 100 ms, τ_rise = 2 ms, a = 0.5 /ms, x += 1 per spike, Mg block. */
    public static KineticEquations nmda() {
        return KineticEquations.builder("""
                        dg/dt = -g/tau_decay + a*x*(1 - g) : 1 (clock-driven)
                        dx/dt = -x/tau_rise : 1 (clock-driven)""" + summed("g"))
                .onPre("x += 1").constant("tau_decay", "100*ms").constant("tau_rise", "2*ms")
                .constant("a", "0.5/ms").method("exponential_euler").output(SynapticOutput.mgBlock()).build();
    }

    /** BioNMDA: α1 = 2, β1 = 0.01, β2 = 0.5 (/ms), α2 = 1 /(mM·ms), T = 1 mM for 0.5 ms, Mg block. */
    public static KineticEquations bioNmda() {
        return KineticEquations.builder("""
                        dg/dt = alpha1*x*(1 - g) - beta1*g : 1 (clock-driven)
                        dx/dt = alpha2*T*(1 - x) - beta2*x : 1 (clock-driven)
                        T : mM""" + summed("g"))
                .constant("alpha1", "2/ms").constant("beta1", "0.01/ms").constant("alpha2", "1/mM/ms")
                .constant("beta2", "0.5/ms").transmitter("T", "1*mM", "0.5*ms")
                .method("exponential_euler").output(SynapticOutput.mgBlock()).build();
    }

    /** GABA_B: k1 = 0.18, k2 = 0.034, k4 = 0.0012 (/ms), k3 = 0.09 /(mM·ms), K_d = 100, T = 0.5 mM for 0.3 ms. */
    public static KineticEquations gabaB() {
        return KineticEquations.builder("""
                        dR/dt = k3*T*(1 - R) - k4*R : 1 (clock-driven)
                        dG/dt = k1*R - k2*G : 1 (clock-driven)
                        s = G**4/(G**4 + Kd) : 1
                        T : mM""" + summed("s"))
                .constant("k1", "0.18/ms").constant("k2", "0.034/ms").constant("k3", "0.09/mM/ms")
                .constant("k4", "0.0012/ms").constant("Kd", "100").transmitter("T", "0.5*mM", "0.3*ms")
                .method("exponential_euler").output(SynapticOutput.conductance(-95)).build();
    }

    /** Destexhe's GABA_B with desensitisation (BrainModels 0.x's constants), E = −95 mV. */
    public static KineticEquations gabaBDesensitized() {
        return KineticEquations.builder("""
                        dR/dt = k1*T*(1 - R - D) - k2*R + k3*D : 1 (clock-driven)
                        dD/dt = k4*R - k3*D : 1 (clock-driven)
                        dG/dt = k5*R - k6*G : 1 (clock-driven)
                        s = G**4/(G**4 + Kd) : 1
                        T : mM""" + summed("s"))
                .constant("k1", "0.66/mM/ms").constant("k2", "0.02/ms").constant("k3", "0.0053/ms")
                .constant("k4", "0.017/ms").constant("k5", "8.3e-5/ms").constant("k6", "7.9e-3/ms")
                .constant("Kd", "100").transmitter("T", "0.5*mM", "0.5*ms")
                .method("exponential_euler").output(SynapticOutput.conductance(-95)).build();
    }
}
