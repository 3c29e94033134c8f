package org.vecsnn.models.plasticity;

import org.vecsnn.core.Check;
import org.vecsnn.core.plasticity.PlasticSynapses;
import org.vecsnn.core.plasticity.PlasticityKernel;

/**
 * Pair-based STDP with exponential traces (Song, Miller & Abbott 2000 in Brian2's form; weight dependence as
 * Gütig et al. 2003, or van Rossum et al. 2000). Each presynaptic neuron keeps a trace {@code x_pre} (time
 * constant τ₊), each postsynaptic neuron a trace {@code x_post} (τ₋); a spike makes its trace jump by 1, or resets
 * it to 1 for {@link Pairing#NEAREST}.
 * <ul>
 *   <li>presynaptic spike: each synapse of its row is depressed, {@code w −= A₋·w^μ₋·x_post}, before the spike is
 *       delivered (it delivers the depressed weight), then {@code x_pre} jumps;</li>
 *   <li>postsynaptic spike: each synapse of its column is potentiated, {@code w += A₊·(w_max − w)^μ₊·x_pre}, then
 *       {@code x_post} jumps.</li>
 * </ul>
 * Weights stay in [0, w_max]. μ₊ = μ₋ = 0 is the additive rule; μ₊ = μ₋ = 1 the multiplicative one (Rubin, Lee &amp;
 * Sompolinsky 2001: both updates scale with the distance to their bound); in between, Gütig's; μ₊ = 0, μ₋ = 1 van
 * Rossum, Bi &amp; Turrigiano's (additive potentiation, depression in proportion to w). A single pair with
 * {@code Δt = t_post − t_pre} (whole steps) changes w by {@code A₊·(w_max − w)^μ₊·e^(−Δt/τ₊)} for Δt ≥ 0 and
 * {@code −A₋·w^μ₋·e^(Δt/τ₋)} for Δt &lt; 0: in a
 * step with both spikes the presynaptic one is seen first, so Δt = 0 potentiates by the full A₊. Spike times are the
 * steps the neurons emit in; the synapse's delay is not part of Δt (see docs/PLASTICITY.md).
 *
 * <p>The rule changes weights, so a projection built with one weight for all synapses gets one per synapse, each
 * starting at that weight; recorded as {@code "w"} and checkpointed with the traces. The traces decay in SIMD lanes
 * at the end of each step.
 *
 * @param aPlus A₊, potentiation per pair, {@code >= 0} (in weight units for μ = 0)
 * @param aMinus A₋, depression per pair, {@code >= 0}
 * @param tauPlus τ₊ (ms) of the presynaptic trace, {@code > 0}
 * @param tauMinus τ₋ (ms) of the postsynaptic trace, {@code > 0}
 * @param wMax the upper bound of weights, {@code > 0}; every synapse must start in [0, w_max]
 * @param muPlus μ₊, the exponent of potentiation's weight dependence, {@code >= 0}
 * @param muMinus μ₋, the exponent of depression's weight dependence, {@code >= 0}
 * @param pairing all-to-all or nearest-spike
 */
public record PairStdp(double aPlus, double aMinus, double tauPlus, double tauMinus, double wMax, double muPlus,
                       double muMinus, Pairing pairing) implements SpikeTimingRule {
    public PairStdp {
        Check.nonNegative("pair STDP aPlus", aPlus);
        Check.nonNegative("pair STDP aMinus", aMinus);
        Check.positive("pair STDP tauPlus (ms)", tauPlus);
        Check.positive("pair STDP tauMinus (ms)", tauMinus);
        Check.positiveFloat("pair STDP wMax", wMax);
        Check.nonNegative("pair STDP muPlus", muPlus);
        Check.nonNegative("pair STDP muMinus", muMinus);
        if (pairing == null) {
            throw Check.fail("pair STDP pairing", null, "ALL_TO_ALL or NEAREST");
        }
    }

    /** One exponent μ for both updates. */
    public PairStdp(double aPlus, double aMinus, double tauPlus, double tauMinus, double wMax, double mu,
                    Pairing pairing) {
        this(aPlus, aMinus, tauPlus, tauMinus, wMax, mu, mu, pairing);
    }

    /** The additive rule (μ = 0). */
    public static PairStdp additive(double aPlus, double aMinus, double tauPlus, double tauMinus, double wMax,
                                    Pairing pairing) {
        return new PairStdp(aPlus, aMinus, tauPlus, tauMinus, wMax, 0, pairing);
    }

    /** The weight-dependent rule with exponent μ (1: multiplicative). */
    public static PairStdp multiplicative(double aPlus, double aMinus, double tauPlus, double tauMinus, double wMax,
                                          double mu, Pairing pairing) {
        return new PairStdp(aPlus, aMinus, tauPlus, tauMinus, wMax, mu, pairing);
    }

    /**
     * van Rossum, Bi &amp; Turrigiano (2000): additive potentiation (μ₊ = 0), depression in proportion to the
     * weight (μ₋ = 1, so A₋ is a fraction of w per pair).
     */
    public static PairStdp vanRossum(double aPlus, double aMinus, double tauPlus, double tauMinus, double wMax,
                                     Pairing pairing) {
        return new PairStdp(aPlus, aMinus, tauPlus, tauMinus, wMax, 0, 1, pairing);
    }

    /**
     * Song, Miller &amp; Abbott (2000) as in Brian2's example {@code synapses/STDP.py}: additive, all-to-all,
     * τ₊ = τ₋ = 20 ms, A₊ = 0.01·w_max, A₋ = 1.05·A₊.
     */
    public static PairStdp songMillerAbbott(double wMax) {
        Check.positiveFloat("pair STDP wMax", wMax); // named as itself, not as the rates derived from it
        return additive(0.01 * wMax, 0.0105 * wMax, 20, 20, wMax, Pairing.ALL_TO_ALL);
    }

    @Override
    public PlasticityKernel bind(PlasticSynapses synapses, double dt) {
        SynapseUpdates updates = new SynapseUpdates(synapses, wMax, muPlus, muMinus, "pair STDP");
        Traces pre = new Traces(synapses, true, new String[] {"x_pre"},
                new double[] {tauPlus}, dt, pairing);
        Traces post = new Traces(synapses, false, new String[] {"x_post"},
                new double[] {tauMinus}, dt, pairing);
        return new SpikeTimingKernel(pre, post) {
            @Override
            void learnAtPre(long step, int row) {
                updates.row(row, post, 0, -aMinus, 0);
            }

            @Override
            void learnAtPost(long step, int column) {
                updates.column(column, pre, 0, aPlus);
            }
        };
    }
}
