package org.vecsnn.validation;

/**
 * A simulated series beside its reference, sampled at the same points. The error is the largest absolute
 * difference; the peak is the largest absolute reference value (errors are also given relative to it).
 */
public record Comparison(double[] t, double[] simulated, double[] reference) {
    public Comparison {
        if (t.length != simulated.length || t.length != reference.length || t.length == 0) {
            throw new IllegalArgumentException("comparison series must have one equal, non-zero length");
        }
    }

    public double maxAbsError() {
        double worst = 0;
        for (int k = 0; k < t.length; k++) {
            worst = Math.max(worst, Math.abs(simulated[k] - reference[k]));
        }
        return worst;
    }

    public double peak() {
        double peak = 0;
        for (double r : reference) {
            peak = Math.max(peak, Math.abs(r));
        }
        return peak;
    }

    /** Joins comparisons end to end (several neurons of one case). */
    public static Comparison concat(Comparison... parts) {
        int n = 0;
        for (Comparison p : parts) {
            n += p.t.length;
        }
        double[] t = new double[n];
        double[] s = new double[n];
        double[] r = new double[n];
        int at = 0;
        for (Comparison p : parts) {
            System.arraycopy(p.t, 0, t, at, p.t.length);
            System.arraycopy(p.simulated, 0, s, at, p.t.length);
            System.arraycopy(p.reference, 0, r, at, p.t.length);
            at += p.t.length;
        }
        return new Comparison(t, s, r);
    }
}
