package org.vecsnn.models.neuron;

import org.vecsnn.core.Check;
import org.vecsnn.models.neuron.GateRate;

/**
 * A Hodgkin–Huxley opening or closing rate (1/ms) as a function of V (mV), in one of the three shapes the classic
 * models use, of {@code x = (V − θ)/s}:
 * <ul>
 *   <li>{@link Shape#EXPONENTIAL}: {@code k·e^(−x)};</li>
 *   <li>{@link Shape#LINEAR}: {@code k·x/(1 − e^(−x))}, i.e. {@code k/exprel(−x)} — finite at x = 0, where it
 *       is k, and computed so that it stays accurate there;</li>
 *   <li>{@link Shape#SIGMOID}: {@code k/(1 + e^(−x))}.</li>
 * </ul>
 * A negative s mirrors the shape (for example Traub's β_m = 0.28·(V − V_T − 40)/(e^((V − V_T − 40)/5) − 1) is
 * LINEAR with k = 1.4, θ = V_T + 40, s = −5).
 */
public record RateFunction(Shape shape, double k, double theta, double s) {
    public enum Shape { EXPONENTIAL, LINEAR, SIGMOID }

    public RateFunction {
        if (shape == null) {
            throw Check.fail("rate function shape", null, "one of EXPONENTIAL, LINEAR, SIGMOID");
        }
        Check.positiveFloat("rate function k (1/ms)", k);
        Check.finiteFloat("rate function theta (mV)", theta);
        if (!(Double.isFinite(s) && s != 0)) {
            throw Check.fail("rate function s (mV)", s, "a finite number other than 0");
        }
        Check.finiteFloat("rate function 1/s (1/mV)", 1 / s); // the kernels take 1/s as a float
    }

    public static RateFunction exponential(double k, double theta, double s) {
        return new RateFunction(Shape.EXPONENTIAL, k, theta, s);
    }

    public static RateFunction linear(double k, double theta, double s) {
        return new RateFunction(Shape.LINEAR, k, theta, s);
    }

    public static RateFunction sigmoid(double k, double theta, double s) {
        return new RateFunction(Shape.SIGMOID, k, theta, s);
    }

    /** The rate at V, in double (for initial values; the kernels use {@link #kernelForm()}). */
    public double at(double v) {
        double x = (v - theta) / s;
        return switch (shape) {
            case EXPONENTIAL -> k * StrictMath.exp(-x);
            case LINEAR -> x == 0 ? k : k * x / -StrictMath.expm1(-x);
            case SIGMOID -> k / (1 + StrictMath.exp(-x));
        };
    }

    GateRate kernelForm() {
        int code = switch (shape) {
            case EXPONENTIAL -> GateRate.EXPONENTIAL;
            case LINEAR -> GateRate.LINEAR;
            case SIGMOID -> GateRate.SIGMOID;
        };
        return new GateRate(code, (float) k, (float) theta, (float) (1 / s));
    }
}
