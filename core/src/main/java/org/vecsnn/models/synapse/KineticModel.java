package org.vecsnn.models.synapse;

import java.util.List;
import org.vecsnn.core.synapse.SynapticOutput;

import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.simd.Kernels;

/**
 * A synapse model whose state saturates or is driven by a transmitter pulse, so that it is not a sum of weights
 * and needs a state per presynaptic neuron (one delay for the whole projection) or per synapse (per-synapse
 * delays). Each variable is advanced by exponential Euler with the other variables held at their start-of-step
 * values (BrainPy's exp_auto); for a single variable driven by a pulse held over the step (AMPA, GABA_A) this is
 * the exact solution.
 *
 * <p>The transmitter pulse: an arriving spike sets {@code [T] = T} for {@code tDur} (a whole number of steps,
 * counted from the arrival step); a spike during a pulse restarts it.
 */
public interface KineticModel {
    /** The catalogue's kinetic schemes (a scheme of your own implements this interface and {@link Dynamics}). */
    List<Class<? extends KineticModel>> CATALOGUE = List.of(Markov.class, Nmda.class, BioNmda.class, GabaB.class,
            GabaBDesensitized.class);

    /** The state variables, by name; {@link #outputVariable()} is the one the output uses. */
    String[] variables();

    /** The index in {@link #variables()} of the conductance variable s (or g). */
    int outputVariable();

    /** The output BrainPy uses for this model by default (the Mg block, unless the model has a reversal potential). */
    default SynapticOutput defaultOutput() {
        return SynapticOutput.mgBlock();
    }

    /** BrainPy's default g_max, to use as the projection's weight. */
    double gMax();

    /** The per-step constants for a time grid. */
    Dynamics prepare(TimeGrid grid, String name);

    /** One model's step, with its constants computed. */
    interface Dynamics {
        /** A spike arrives at {@code channel}. */
        void arrive(float[][] vars, int[] pulse, int channel);

        /** Advances every channel one step; {@code scratch} is a spare array of the same length. */
        void advance(Kernels kernels, float[][] vars, int[] pulse, float[] scratch, int to);

        /**
         * For a model whose single variable steps by {@code s ← s − s·d + c0} (pulse on) and {@code s ← s − s·d}
         * (off) — the Markov kinetics — those two steps, {on, off}; null for any other model. Sums of such
         * variables over synapses step the same way, which lets a receptor keep them per postsynaptic neuron.
         */
        default org.vecsnn.core.simd.AffineStep[] linearSteps() {
            return null;
        }
    }

    /** Dynamics whose arrivals (re)start the transmitter pulse of their channel. */
    abstract class Pulsed implements Dynamics {
        private final int pulseSteps;

        Pulsed(int pulseSteps) {
            this.pulseSteps = pulseSteps;
        }

        @Override
        public void arrive(float[][] vars, int[] pulse, int channel) {
            pulse[channel] = pulseSteps;
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * Two-state Markov kinetics, {@code ds/dt = α[T](1 − s) − β·s} (AMPA, GABA_A). With [T] held over the step the
     * update is exact: {@code s = s∞ + (s − s∞)·e^(−(α[T] + β)dt)}, compensated ({@code s_low} carries s's
     * rounding error, see {@link org.vecsnn.core.simd.Lanes#relax}), so that it holds at any dt.
     */
    record Markov(String kind, double alpha, double beta, double t, double tDur, double reversal, double gMax)
            implements KineticModel {
        public Markov {
            Checks.rate(kind, "alpha", alpha);
            Checks.rate(kind, "beta", beta);
            Checks.rate(kind, "T", t);
            Checks.rate(kind, "T_duration", tDur);
            Checks.reversal(kind, reversal);
        }

        @Override
        public String[] variables() {
            return new String[] {"s", "s_low"};
        }

        @Override
        public int outputVariable() {
            return 0;
        }

        @Override
        public SynapticOutput defaultOutput() {
            return SynapticOutput.conductance(reversal);
        }


        @Override
        public Dynamics prepare(TimeGrid grid, String name) {
            int pulseSteps = Checks.pulse(grid, name, tDur);
            double dt = grid.dt();
            double k = alpha * t + beta;
            var on = Checks.relax(k, dt, alpha * t / k);
            var off = Checks.relax(beta, dt, 0);
            return new Pulsed(pulseSteps) {
                @Override
                public void advance(Kernels kernels, float[][] vars, int[] pulse, float[] scratch, int to) {
                    kernels.pulsedRelax(vars[0], vars[1], pulse, on, off, 0, to);
                    kernels.countDown(pulse, 0, to);
                }

                @Override
                public org.vecsnn.core.simd.AffineStep[] linearSteps() {
                    return new org.vecsnn.core.simd.AffineStep[] {on, off};
                }
            };
        }
    }

    /**
     * NMDA, x/g form: {@code dx/dt = −x/τ_rise}, {@code dg/dt = −g/τ_decay + a·x·(1 − g)}; x += 1 per arriving
     * spike. Used with the Mg²⁺ block output.
     */
    record Nmda(double tauDecay, double tauRise, double a, double gMax) implements KineticModel {
        public Nmda {
            Checks.rate("NMDA", "tauDecay", tauDecay);
            Checks.rate("NMDA", "tauRise", tauRise);
            Checks.rate("NMDA", "a", a);
        }

        @Override
        public String[] variables() {
            return new String[] {"x", "g"};
        }

        @Override
        public int outputVariable() {
            return 1;
        }



        @Override
        public Dynamics prepare(TimeGrid grid, String name) {
            float dt = (float) grid.dt();
            float riseDecrement = (float) Checks.decrement(1 / tauRise, grid.dt());
            return new Dynamics() {
                @Override
                public void arrive(float[][] vars, int[] pulse, int channel) {
                    vars[0][channel] += 1f;
                }

                @Override
                public void advance(Kernels kernels, float[][] vars, int[] pulse, float[] scratch, int to) {
                    kernels.saturate(vars[1], vars[0], (float) a, (float) (1 / tauDecay), dt, 0, to);
                    kernels.affine(vars[0], vars[0], riseDecrement, 0f, 0, to);
                }
            };
        }
    }

    /**
     * NMDA, second-order kinetics (BrainPy's BioNMDA): {@code dg/dt = α1·x·(1 − g) − β1·g},
     * {@code dx/dt = α2·[T]·(1 − x) − β2·x}.
     */
    record BioNmda(double alpha1, double beta1, double alpha2, double beta2, double t, double tDur, double gMax)
            implements KineticModel {
        public BioNmda {
            Checks.rate("BioNMDA", "alpha1", alpha1);
            Checks.rate("BioNMDA", "beta1", beta1);
            Checks.rate("BioNMDA", "alpha2", alpha2);
            Checks.rate("BioNMDA", "beta2", beta2);
            Checks.rate("BioNMDA", "T", t);
            Checks.rate("BioNMDA", "T_duration", tDur);
        }

        @Override
        public String[] variables() {
            return new String[] {"x", "g"};
        }

        @Override
        public int outputVariable() {
            return 1;
        }



        @Override
        public Dynamics prepare(TimeGrid grid, String name) {
            int pulseSteps = Checks.pulse(grid, name, tDur);
            double dt = grid.dt();
            double k = alpha2 * t + beta2;
            var on = Checks.relax(k, dt, alpha2 * t / k);
            var off = Checks.relax(beta2, dt, 0);
            return new Pulsed(pulseSteps) {
                @Override
                public void advance(Kernels kernels, float[][] vars, int[] pulse, float[] scratch, int to) {
                    kernels.saturate(vars[1], vars[0], (float) alpha1, (float) beta1, (float) dt, 0, to);
                    kernels.pulsedAffine(vars[0], vars[0], pulse, on, off, 0, to);
                    kernels.countDown(pulse, 0, to);
                }
            };
        }
    }

    /**
     * GABA_B, receptor and G-protein: {@code dR/dt = k3·[T]·(1 − R) − k4·R}, {@code dG/dt = k1·R − k2·G},
     * {@code s = G⁴/(G⁴ + K_d)} (with k3 where the old BrainModels code passed k2).
     */
    record GabaB(double k1, double k2, double k3, double k4, double kd, double t, double tDur, double reversal,
                 double gMax) implements KineticModel {
        public GabaB {
            Checks.rate("GABA_B", "k1", k1);
            Checks.rate("GABA_B", "k2", k2);
            Checks.rate("GABA_B", "k3", k3);
            Checks.rate("GABA_B", "k4", k4);
            Checks.rate("GABA_B", "K_d", kd);
            Checks.rate("GABA_B", "T", t);
            Checks.rate("GABA_B", "T_duration", tDur);
            Checks.reversal("GABA_B", reversal);
        }

        @Override
        public String[] variables() {
            return new String[] {"R", "G", "s"};
        }

        @Override
        public int outputVariable() {
            return 2;
        }

        @Override
        public SynapticOutput defaultOutput() {
            return SynapticOutput.conductance(reversal);
        }


        @Override
        public Dynamics prepare(TimeGrid grid, String name) {
            int pulseSteps = Checks.pulse(grid, name, tDur);
            double dt = grid.dt();
            double k = k3 * t + k4;
            var on = Checks.relax(k, dt, k3 * t / k);
            var off = Checks.relax(k4, dt, 0);
            double dG = Checks.decrement(k2, dt);
            return new Pulsed(pulseSteps) {
                @Override
                public void advance(Kernels kernels, float[][] vars, int[] pulse, float[] scratch, int to) {
                    kernels.affine(vars[1], vars[0], (float) dG, (float) (k1 / k2 * dG), 0, to);
                    kernels.pulsedAffine(vars[0], vars[0], pulse, on, off, 0, to);
                    kernels.countDown(pulse, 0, to);
                    kernels.hill4(vars[1], vars[2], (float) kd, 0, to);
                }
            };
        }
    }

    /**
     * GABA_B after Destexhe et al. (1995), with a desensitized state D:
     * {@code dR/dt = k1·[T]·(1 − R − D) − k2·R + k3·D}, {@code dD/dt = k4·R − k3·D}, {@code dG/dt = k5·R − k6·G},
     * {@code s = G⁴/(G⁴ + K_d)}.
     */
    record GabaBDesensitized(double k1, double k2, double k3, double k4, double k5, double k6, double kd, double t,
                             double tDur, double reversal, double gMax) implements KineticModel {
        public GabaBDesensitized {
            Checks.rate("GABA_B (Destexhe)", "k1", k1);
            Checks.rate("GABA_B (Destexhe)", "k2", k2);
            Checks.rate("GABA_B (Destexhe)", "k3", k3);
            Checks.rate("GABA_B (Destexhe)", "k4", k4);
            Checks.rate("GABA_B (Destexhe)", "k5", k5);
            Checks.rate("GABA_B (Destexhe)", "k6", k6);
            Checks.rate("GABA_B (Destexhe)", "K_d", kd);
            Checks.rate("GABA_B (Destexhe)", "T", t);
            Checks.rate("GABA_B (Destexhe)", "T_duration", tDur);
            Checks.reversal("GABA_B (Destexhe)", reversal);
        }

        @Override
        public String[] variables() {
            return new String[] {"R", "D", "G", "s"};
        }

        @Override
        public int outputVariable() {
            return 3;
        }

        @Override
        public SynapticOutput defaultOutput() {
            return SynapticOutput.conductance(reversal);
        }


        @Override
        public Dynamics prepare(TimeGrid grid, String name) {
            int pulseSteps = Checks.pulse(grid, name, tDur);
            double dt = grid.dt();
            double kOn = k1 * t + k2;
            double dOn = Checks.decrement(kOn, dt);
            double dOff = Checks.decrement(k2, dt);
            // R relaxes with D held: R = R − R·d + D·c1 + c0
            var on = new org.vecsnn.core.simd.AffineStep((float) dOn, (float) (dOn * (k3 - k1 * t) / kOn),
                    (float) (dOn * k1 * t / kOn));
            var off = new org.vecsnn.core.simd.AffineStep((float) dOff, (float) (dOff * k3 / k2), 0f);
            double dD = Checks.decrement(k3, dt);
            double dG = Checks.decrement(k6, dt);
            return new Pulsed(pulseSteps) {
                @Override
                public void advance(Kernels kernels, float[][] vars, int[] pulse, float[] scratch, int to) {
                    float[] r = vars[0];
                    System.arraycopy(r, 0, scratch, 0, to); // R at the start of the step, for D and G
                    kernels.pulsedAffine(r, vars[1], pulse, on, off, 0, to);
                    kernels.affine(vars[1], scratch, (float) dD, (float) (k4 / k3 * dD), 0, to);
                    kernels.affine(vars[2], scratch, (float) dG, (float) (k5 / k6 * dG), 0, to);
                    kernels.countDown(pulse, 0, to);
                    kernels.hill4(vars[2], vars[3], (float) kd, 0, to);
                }
            };
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // BrainPy's defaults (BrainModels 1.x / BrainPy 2.1–2.3; GABA_B from BrainModels 0.x)

    /** AMPA: α = 0.98 /(mM·ms), β = 0.18 /ms, T = 0.5 mM for 0.5 ms, E = 0 mV, g_max = 0.42. */
    static Markov ampa() {
        return new Markov("AMPA", 0.98, 0.18, 0.5, 0.5, 0, 0.42);
    }

    /** GABA_A: α = 0.53 /(mM·ms), β = 0.18 /ms, T = 1 mM for 1 ms, E = −80 mV, g_max = 0.04. */
    static Markov gabaA() {
        return new Markov("GABA_A", 0.53, 0.18, 1.0, 1.0, -80, 0.04);
    }

    /** NMDA: τ_decay = 100 ms, τ_rise = 2 ms, a = 0.5 /ms, Mg block (E = 0), g_max = 0.15. */
    static Nmda nmda() {
        return new Nmda(100, 2, 0.5, 0.15);
    }

    /** BioNMDA: α1 = 2, β1 = 0.01, α2 = 1, β2 = 0.5 (/ms), T = 1 mM for 0.5 ms, Mg block, g_max = 0.15. */
    static BioNmda bioNmda() {
        return new BioNmda(2, 0.01, 1, 0.5, 1, 0.5, 0.15);
    }

    /** GABA_B: k1 = 0.18, k2 = 0.034, k3 = 0.09, k4 = 0.0012, K_d = 100, T = 0.5 for 0.3 ms, E = −95, g_max = 0.02. */
    static GabaB gabaB() {
        return new GabaB(0.18, 0.034, 0.09, 0.0012, 100, 0.5, 0.3, -95, 0.02);
    }

    /**
     * GABA_B (Destexhe 1995): k1 = 0.66, k2 = 0.02, k3 = 0.0053, k4 = 0.017, k5 = 8.3e-5, k6 = 7.9e-3, K_d = 100,
     * T = 0.5 for 0.5 ms, E = −95, g_max = 0.02.
     */
    static GabaBDesensitized gabaBDesensitized() {
        return new GabaBDesensitized(0.66, 0.02, 0.0053, 0.017, 8.3e-5, 7.9e-3, 100, 0.5, 0.5, -95, 0.02);
    }
}
