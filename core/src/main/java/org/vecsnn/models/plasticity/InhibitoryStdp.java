package org.vecsnn.models.plasticity;

import org.vecsnn.core.Check;
import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.plasticity.PlasticSynapses;
import org.vecsnn.core.plasticity.PlasticityKernel;

/**
 * Inhibitory plasticity of Vogels, Sprekeler, Zenke, Clopath &amp; Gerstner (2011, Science 334:1569): a symmetric
 * window and a constant depression per presynaptic spike that drives the postsynaptic rate toward ρ₀. Pre- and
 * postsynaptic traces {@code x_pre}, {@code x_post} share the time constant τ and jump by 1 at each spike.
 * <ul>
 *   <li>presynaptic spike: {@code w += η·(x_post − α)} on each synapse of its row, before delivery, then x_pre
 *       jumps; {@code α = 2·ρ₀·τ};</li>
 *   <li>postsynaptic spike: {@code w += η·x_pre} on each synapse of its column, then x_post jumps.</li>
 * </ul>
 * A single pair changes w by {@code η·e^(−|Δt|/τ)} (Δt = 0 included: the presynaptic spike of a step is seen
 * first), and every presynaptic spike by {@code −η·α}. Weights are magnitudes (onto an inhibitory receptor), in
 * [0, w_max]. Delays, recording and checkpoints as {@link PairStdp}.
 *
 * <p>Learning may start late ({@link #withOnset}): before the onset the traces follow the spikes and the weights stay,
 * as in Brian2's example of the paper's network, which runs its first second with η = 0.
 *
 * @param eta η, the learning rate, {@code >= 0}
 * @param tau τ (ms) of both traces, {@code > 0}
 * @param rho0 ρ₀, the target rate (Hz), {@code >= 0}
 * @param wMax the upper bound of weights, {@code > 0}; every synapse must start in [0, w_max]
 * @param onset the time (ms) from which weights change, {@code >= 0}, a whole number of steps; spikes of its step
 *     and later change them
 */
public record InhibitoryStdp(double eta, double tau, double rho0, double wMax, double onset)
        implements SpikeTimingRule {
    public InhibitoryStdp {
        Check.nonNegative("inhibitory STDP eta", eta);
        Check.positive("inhibitory STDP tau (ms)", tau);
        Check.nonNegative("inhibitory STDP rho0 (Hz)", rho0);
        Check.positiveFloat("inhibitory STDP wMax", wMax);
        Check.nonNegative("inhibitory STDP onset (ms)", onset);
    }

    /** Learning from the start. */
    public InhibitoryStdp(double eta, double tau, double rho0, double wMax) {
        this(eta, tau, rho0, wMax, 0);
    }

    /** The same rule, with weights changing from {@code ms} on. */
    public InhibitoryStdp withOnset(double ms) {
        return new InhibitoryStdp(eta, tau, rho0, wMax, ms);
    }

    /** α = 2·ρ₀·τ, dimensionless (ρ₀ in Hz, τ in ms). */
    public double alpha() {
        return 2 * rho0 * tau / 1000;
    }

    @Override
    public PlasticityKernel bind(PlasticSynapses synapses, double dt) {
        SynapseUpdates updates = new SynapseUpdates(synapses, wMax, 0, 0, "inhibitory STDP");
        Traces pre = new Traces(synapses, true, new String[] {"x_pre"}, new double[] {tau},
                dt, Pairing.ALL_TO_ALL);
        Traces post = new Traces(synapses, false, new String[] {"x_post"},
                new double[] {tau}, dt, Pairing.ALL_TO_ALL);
        double depression = -eta * alpha();
        long onsetStep = new TimeGrid(dt).steps("inhibitory STDP onset", onset, 0);
        return new SpikeTimingKernel(pre, post) {
            @Override
            void learnAtPre(long step, int row) {
                if (step >= onsetStep) {
                    updates.row(row, post, 0, eta, depression);
                }
            }

            @Override
            void learnAtPost(long step, int column) {
                if (step >= onsetStep) {
                    updates.column(column, pre, 0, eta);
                }
            }
        };
    }
}
