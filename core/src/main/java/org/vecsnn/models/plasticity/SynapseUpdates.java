package org.vecsnn.models.plasticity;

import org.vecsnn.core.Check;
import org.vecsnn.core.plasticity.PlasticSynapses;

/**
 * The weight updates every rule of this package makes, on one projection's synapses: at a presynaptic spike each
 * synapse of its row moves by {@code gain·w^μ₋·y + offset}, y a trace of its target; at a postsynaptic spike each
 * synapse of its column by {@code gain·(w_max − w)^μ₊·x}, x a trace of its source. Weights stay in [0, w_max]
 * (hard bounds); an exponent 0 makes its update additive.
 */
final class SynapseUpdates {
    private final float[] w;
    private final double wMax;
    private final double muPlus;
    private final double muMinus;
    private final int[] rowStart;
    private final int[] targets;
    private final int[] columnStart;
    private final int[] columnSynapses;
    /** The presynaptic row of each column entry: a post spike's update reads its synapses' sources. */
    private final int[] columnRows;

    /**
     * @param rule the rule's name, for the refusal of a start weight outside [0, w_max]
     * @throws IllegalArgumentException if a synapse starts outside [0, w_max]
     */
    SynapseUpdates(PlasticSynapses synapses, double wMax, double muPlus, double muMinus, String rule) {
        this.w = synapses.weights();
        this.wMax = (float) wMax; // the bound as stored, so that w_max − w is never below 0
        this.muPlus = muPlus;
        this.muMinus = muMinus;
        this.rowStart = synapses.rowStart();
        this.targets = synapses.targets();
        this.columnStart = synapses.columnStart();
        this.columnSynapses = synapses.columnSynapses();
        this.columnRows = synapses.columnRows();
        for (int e = 0; e < w.length; e++) {
            if (!(w[e] >= 0 && w[e] <= this.wMax)) {
                throw Check.fail("start weight of synapse " + e + " under " + rule, w[e],
                        "in [0, wMax = " + wMax + "] (the rule bounds weights there)");
            }
        }
    }

    /** A spike of {@code row}: {@code w += gain·w^μ₋·y + offset}, y its target's trace {@code trace}. */
    void row(int row, Traces post, int trace, double gain, double offset) {
        for (int e = rowStart[row]; e < rowStart[row + 1]; e++) {
            double weight = w[e];
            w[e] = bounded(weight + gain * power(weight, muMinus) * post.at(trace, targets[e]) + offset);
        }
    }

    /** A spike of {@code column}: {@code w += gain·(w_max − w)^μ₊·x}, x its source's trace. */
    void column(int column, Traces pre, int trace, double gain) {
        for (int k = columnStart[column]; k < columnStart[column + 1]; k++) {
            int e = columnSynapses[k];
            double weight = w[e];
            w[e] = bounded(weight + gain * power(wMax - weight, muPlus) * pre.at(trace, columnRows[k]));
        }
    }

    private static double power(double base, double mu) {
        return mu == 0 ? 1 : mu == 1 ? base : StrictMath.pow(base, mu);
    }

    private float bounded(double weight) {
        return (float) Math.min(Math.max(weight, 0), wMax);
    }
}
