package org.vecsnn.core.connect;

import org.vecsnn.core.Check;

/** A distribution of per-synapse values (weights, delays), drawn from a synapse's row stream. */
@FunctionalInterface
public interface Distribution {
    double sample(SplitMix64 rng);

    /** The same value for every synapse. */
    static Distribution constant(double value) {
        Check.finite("constant value", value);
        return rng -> value;
    }

    /**
     * Normal with the given mean and standard deviation, drawn again while outside {@code [low, high]} (NEST's
     * {@code redraw}: the microcircuit keeps excitatory weights ≥ 0, inhibitory ≤ 0 and delays ≥ dt this way).
     * The interval must hold at least 1e-6 of the distribution's mass, so that redrawing ends.
     */
    static Distribution normal(double mean, double sd, double low, double high) {
        Check.finite("normal mean", mean);
        Check.nonNegative("normal standard deviation", sd);
        if (!(low <= high)) {
            throw new IllegalArgumentException("normal bounds = [" + low + ", " + high + "]: must have low <= high");
        }
        double mass = sd == 0 ? (mean >= low && mean <= high ? 1 : 0)
                : cdf((high - mean) / sd) - cdf((low - mean) / sd);
        if (!(mass >= 1e-6)) {
            throw new IllegalArgumentException("normal(" + mean + ", " + sd + ") within [" + low + ", " + high
                    + "]: holds " + mass + " of the mass; must hold at least 1e-6");
        }
        return rng -> {
            while (true) {
                double x = mean + sd * rng.nextGaussian();
                if (x >= low && x <= high) {
                    return x;
                }
            }
        };
    }

    /** The standard normal distribution function (Abramowitz–Stegun 7.1.26 erf, absolute error below 1.5e-7). */
    private static double cdf(double z) {
        if (z == Double.POSITIVE_INFINITY) {
            return 1;
        }
        if (z == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                + 0.254829592) * t * StrictMath.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
