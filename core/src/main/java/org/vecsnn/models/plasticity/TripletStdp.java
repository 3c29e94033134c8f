package org.vecsnn.models.plasticity;

import org.vecsnn.core.Check;
import org.vecsnn.core.plasticity.PlasticSynapses;
import org.vecsnn.core.plasticity.PlasticityKernel;
import org.vecsnn.core.state.StateSpec;

/**
 * Triplet STDP (Pfister &amp; Gerstner 2006, J. Neurosci. 26:9673, eqs. 3–4). Each presynaptic neuron keeps two
 * traces {@code r1} (τ₊) and {@code r2} (τ_x), each postsynaptic neuron {@code o1} (τ₋) and {@code o2} (τ_y); a
 * spike makes its neuron's traces jump by 1 ({@link Pairing#ALL_TO_ALL}) or resets them to 1
 * ({@link Pairing#NEAREST}, the paper's nearest-spike model).
 * <ul>
 *   <li>presynaptic spike: {@code w −= o1·(A₂₋ + A₃₋·r2(t−ε))} on each synapse of its row, before delivery, then
 *       r1 and r2 jump;</li>
 *   <li>postsynaptic spike: {@code w += r1·(A₂₊ + A₃₊·o2(t−ε))} on each synapse of its column, then o1 and o2
 *       jump.</li>
 * </ul>
 * {@code r2(t−ε)} and {@code o2(t−ε)} are the values before the spike's own jump. Weights stay in [0, w_max]. Same-step
 * spikes, delays, recording and checkpoints as {@link PairStdp}.
 *
 * <p>Presets, from Table 4 of the paper (τ₊ = 16.8 ms, τ₋ = 33.7 ms in all), the full all-to-all model:
 * <table>
 *   <caption>Pfister &amp; Gerstner 2006, Table 4, all-to-all, full model</caption>
 *   <tr><th>data</th><th>A₂₊</th><th>A₃₊</th><th>A₂₋</th><th>A₃₋</th><th>τ_x (ms)</th><th>τ_y (ms)</th></tr>
 *   <tr><td>visual cortex (Sjöström et al. 2001)</td><td>5·10⁻¹⁰</td><td>6.2·10⁻³</td><td>7·10⁻³</td>
 *       <td>2.3·10⁻⁴</td><td>101</td><td>125</td></tr>
 *   <tr><td>hippocampus (Wang et al. 2005)</td><td>6.1·10⁻³</td><td>6.7·10⁻³</td><td>1.6·10⁻³</td>
 *       <td>1.4·10⁻³</td><td>946</td><td>27</td></tr>
 * </table>
 * The table's minimal and nearest-spike fits are not given as presets (build them with the constructor).
 *
 * @param a2Plus A₂₊, pair potentiation, {@code >= 0}
 * @param a3Plus A₃₊, triplet potentiation, {@code >= 0}
 * @param a2Minus A₂₋, pair depression, {@code >= 0}
 * @param a3Minus A₃₋, triplet depression, {@code >= 0}
 * @param tauPlus τ₊ (ms) of r1, {@code > 0}
 * @param tauMinus τ₋ (ms) of o1, {@code > 0}
 * @param tauX τ_x (ms) of r2, {@code > 0}
 * @param tauY τ_y (ms) of o2, {@code > 0}
 * @param wMax the upper bound of weights, {@code > 0}; every synapse must start in [0, w_max]
 * @param pairing all-to-all or nearest-spike
 */
public record TripletStdp(double a2Plus, double a3Plus, double a2Minus, double a3Minus, double tauPlus,
                          double tauMinus, double tauX, double tauY, double wMax, Pairing pairing)
        implements SpikeTimingRule {
    public TripletStdp {
        Check.nonNegative("triplet STDP a2Plus", a2Plus);
        Check.nonNegative("triplet STDP a3Plus", a3Plus);
        Check.nonNegative("triplet STDP a2Minus", a2Minus);
        Check.nonNegative("triplet STDP a3Minus", a3Minus);
        Check.positive("triplet STDP tauPlus (ms)", tauPlus);
        Check.positive("triplet STDP tauMinus (ms)", tauMinus);
        Check.positive("triplet STDP tauX (ms)", tauX);
        Check.positive("triplet STDP tauY (ms)", tauY);
        Check.positiveFloat("triplet STDP wMax", wMax);
        if (pairing == null) {
            throw Check.fail("triplet STDP pairing", null, "ALL_TO_ALL or NEAREST");
        }
    }

    /** The visual-cortex fit, all-to-all, full model (Table 4 of the paper). */
    public static TripletStdp visualCortex(double wMax) {
        return new TripletStdp(5e-10, 6.2e-3, 7e-3, 2.3e-4, 16.8, 33.7, 101, 125, wMax, Pairing.ALL_TO_ALL);
    }

    /** The hippocampal fit, all-to-all, full model (Table 4 of the paper). */
    public static TripletStdp hippocampal(double wMax) {
        return new TripletStdp(6.1e-3, 6.7e-3, 1.6e-3, 1.4e-3, 16.8, 33.7, 946, 27, wMax, Pairing.ALL_TO_ALL);
    }

    @Override
    public StateSpec presynapticState() {
        return Traces.spec("r1", "r2");
    }

    @Override
    public StateSpec postsynapticState() {
        return Traces.spec("o1", "o2");
    }

    @Override
    public PlasticityKernel bind(PlasticSynapses synapses, double dt) {
        SynapseUpdates updates = new SynapseUpdates(synapses, wMax, 0, 0, "triplet STDP");
        Traces pre = new Traces(synapses, true, new String[] {"r1", "r2"},
                new double[] {tauPlus, tauX}, dt, pairing);
        Traces post = new Traces(synapses, false, new String[] {"o1", "o2"},
                new double[] {tauMinus, tauY}, dt, pairing);
        return new SpikeTimingKernel(pre, post) {
            @Override
            void learnAtPre(long step, int row) {
                updates.row(row, post, 0, -(a2Minus + a3Minus * pre.at(1, row)), 0);
            }

            @Override
            void learnAtPost(long step, int column) {
                updates.column(column, pre, 0, a2Plus + a3Plus * post.at(1, column));
            }
        };
    }
}
