package org.vecsnn.validation;

import java.util.Arrays;
import org.vecsnn.core.Check;

/**
 * The spike statistics of the INM-6 reference-data method (Dasbach et al. 2021): single-neuron rates, ISI
 * coefficients of variation and pairwise spike-count correlations, and the Kolmogorov–Smirnov distance between
 * distributions given by their percentiles.
 */
public final class SpikeStatistics {
    private SpikeStatistics() {}

    /**
     * The spike steps of {@code n} neurons within {@code [from, to)}: neuron i's in ascending order at
     * {@code steps[offsets[i] .. offsets[i + 1])}.
     */
    record Trains(int[] offsets, long[] steps, long from, long to) {
        int size() {
            return offsets.length - 1;
        }

        int count(int neuron) {
            return offsets[neuron + 1] - offsets[neuron];
        }

        /** Grouped from a monitor's record (steps ascending, units of {@code n} neurons), kept within the window. */
        static Trains of(long[] steps, int[] units, int n, long from, long to) {
            if (!(from < to)) {
                throw new IllegalArgumentException("window = [" + from + ", " + to + "): must be non-empty");
            }
            int[] offsets = new int[n + 1];
            for (int k = 0; k < steps.length; k++) {
                if (steps[k] >= from && steps[k] < to) {
                    offsets[Check.index("spike unit", units[k], n) + 1]++;
                }
            }
            for (int i = 0; i < n; i++) {
                offsets[i + 1] += offsets[i];
            }
            int[] next = Arrays.copyOf(offsets, n);
            long[] grouped = new long[offsets[n]];
            for (int k = 0; k < steps.length; k++) {
                if (steps[k] >= from && steps[k] < to) {
                    grouped[next[units[k]]++] = steps[k];
                }
            }
            return new Trains(offsets, grouped, from, to);
        }
    }

    /** Every neuron's rate (Hz) over the window, silent ones included. */
    static double[] rates(Trains t, double dtMs) {
        double seconds = (t.to() - t.from()) * dtMs * 1e-3;
        double[] r = new double[t.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = t.count(i) / seconds;
        }
        return r;
    }

    /** The ISI CV (population standard deviation / mean) of every neuron with more than 2 spikes. */
    static double[] cvs(Trains t) {
        double[] cv = new double[t.size()];
        int m = 0;
        for (int i = 0; i < t.size(); i++) {
            int a = t.offsets()[i];
            int intervals = t.count(i) - 1;
            if (intervals < 2) {
                continue;
            }
            double mean = (double) (t.steps()[a + intervals] - t.steps()[a]) / intervals;
            double squares = 0;
            for (int k = a; k < a + intervals; k++) {
                double d = t.steps()[k + 1] - t.steps()[k] - mean;
                squares += d * d;
            }
            cv[m++] = Math.sqrt(squares / intervals) / mean;
        }
        return Arrays.copyOf(cv, m);
    }

    /** The neurons with at least one spike in the window. */
    static int[] active(Trains t) {
        return java.util.stream.IntStream.range(0, t.size()).filter(i -> t.count(i) > 0).toArray();
    }

    /** Spike counts of each of {@code neurons} in bins of {@code binSteps}: row-major, one row per neuron. */
    static int[] counts(Trains t, int[] neurons, int binSteps) {
        int bins = bins(t, binSteps);
        int[] c = new int[neurons.length * bins];
        for (int r = 0; r < neurons.length; r++) {
            for (int k = t.offsets()[neurons[r]]; k < t.offsets()[neurons[r] + 1]; k++) {
                c[r * bins + (int) ((t.steps()[k] - t.from()) / binSteps)]++;
            }
        }
        return c;
    }

    private static int bins(Trains t, int binSteps) {
        Check.positive("bin steps", binSteps);
        if ((t.to() - t.from()) % binSteps != 0) {
            throw new IllegalArgumentException("bin steps = " + binSteps + ": must divide the window of "
                    + (t.to() - t.from()) + " steps");
        }
        return (int) ((t.to() - t.from()) / binSteps);
    }

    /** Pearson correlation of the binned counts of every pair among {@code neurons} (i < j, row by row). */
    static double[] correlations(Trains t, int[] neurons, int binSteps) {
        int bins = bins(t, binSteps);
        int[] c = counts(t, neurons, binSteps);
        double[][] z = new double[neurons.length][bins];
        for (int r = 0; r < neurons.length; r++) {
            double mean = 0;
            for (int b = 0; b < bins; b++) {
                mean += c[r * bins + b];
            }
            mean /= bins;
            double squares = 0;
            for (int b = 0; b < bins; b++) {
                z[r][b] = c[r * bins + b] - mean;
                squares += z[r][b] * z[r][b];
            }
            double norm = Math.sqrt(squares);
            for (int b = 0; b < bins; b++) {
                z[r][b] /= norm;
            }
        }
        double[] cc = new double[neurons.length * (neurons.length - 1) / 2];
        int p = 0;
        for (int i = 0; i < neurons.length; i++) {
            for (int j = i + 1; j < neurons.length; j++) {
                double s = 0;
                for (int b = 0; b < bins; b++) {
                    s += z[i][b] * z[j][b];
                }
                cc[p++] = s;
            }
        }
        return cc;
    }

    /**
     * The mean Pearson correlation over every pair among {@code neurons}, without visiting the pairs: with each
     * neuron's counts standardised to z_i (mean 0, mean square 1) and S = Σ_i z_i per bin, the pairs' correlations
     * sum to (mean of S² − N) / 2.
     */
    static double meanCorrelation(Trains t, int[] neurons, int binSteps) {
        int bins = bins(t, binSteps);
        double[] sum = new double[bins];
        double offset = 0;
        int[] c = new int[bins];
        for (int neuron : neurons) {
            Arrays.fill(c, 0);
            int first = t.offsets()[neuron];
            int last = t.offsets()[neuron + 1];
            for (int k = first; k < last; k++) {
                c[(int) ((t.steps()[k] - t.from()) / binSteps)]++;
            }
            double mean = (double) (last - first) / bins;
            double squares = 0;
            for (int b = 0; b < bins; b++) {
                squares += (double) c[b] * c[b];
            }
            double sd = Math.sqrt(squares / bins - mean * mean);
            for (int k = first; k < last; k++) { // only the bins with spikes: the rest hold −mean/sd, in offset
                sum[(int) ((t.steps()[k] - t.from()) / binSteps)] += 1 / sd;
            }
            offset += mean / sd;
        }
        double squares = 0;
        for (double s : sum) {
            squares += (s - offset) * (s - offset);
        }
        double n = neurons.length;
        return (squares / bins - n) / (n * (n - 1));
    }

    /** The 1st … 99th percentiles, interpolated linearly between order statistics (numpy's default). */
    static double[] percentiles(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("values: none; percentiles need at least one");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] p = new double[99];
        for (int k = 1; k <= 99; k++) {
            double position = k / 100.0 * (sorted.length - 1);
            int below = (int) Math.floor(position);
            int above = Math.min(below + 1, sorted.length - 1);
            p[k - 1] = sorted[below] + (position - below) * (sorted[above] - sorted[below]);
        }
        return p;
    }

    /** The two-sample Kolmogorov–Smirnov distance: the largest difference of the empirical distribution functions. */
    public static double ks(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] == v) {
                i++;
            }
            while (j < y.length && y[j] == v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }
}
