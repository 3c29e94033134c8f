package org.vecsnn.validation;

/**
 * Classical fourth-order Runge–Kutta in double precision, with a fine step, for the synapse models without a
 * closed form. The right-hand side gets the transmitter state (on or off) of the current time; jumps at arrival
 * times are applied by the caller between integrations.
 */
public final class OdeReference {
    /** {@code dy/dt = f(y, transmitterOn)}, written into {@code dy}. */
    @FunctionalInterface
    public interface System {
        void derivative(double[] y, boolean transmitterOn, double[] dy);
    }

    private OdeReference() {}

    /** Advances {@code y} over {@code duration} in steps of at most {@code h}, with the transmitter held. */
    public static void integrate(System f, double[] y, boolean transmitterOn, double duration, double h) {
        int n = Math.max(1, (int) Math.ceil(duration / h - 1e-9));
        double step = duration / n;
        int d = y.length;
        double[] k1 = new double[d];
        double[] k2 = new double[d];
        double[] k3 = new double[d];
        double[] k4 = new double[d];
        double[] tmp = new double[d];
        for (int i = 0; i < n; i++) {
            f.derivative(y, transmitterOn, k1);
            for (int j = 0; j < d; j++) {
                tmp[j] = y[j] + step / 2 * k1[j];
            }
            f.derivative(tmp, transmitterOn, k2);
            for (int j = 0; j < d; j++) {
                tmp[j] = y[j] + step / 2 * k2[j];
            }
            f.derivative(tmp, transmitterOn, k3);
            for (int j = 0; j < d; j++) {
                tmp[j] = y[j] + step * k3[j];
            }
            f.derivative(tmp, transmitterOn, k4);
            for (int j = 0; j < d; j++) {
                y[j] += step / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
            }
        }
    }
}
