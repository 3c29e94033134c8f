package org.vecsnn.equations;

import java.util.Arrays;

/**
 * A physical dimension as Brian2 keeps it: the exponents of the seven SI base units (metre, kilogram, second, ampere,
 * kelvin, mole, candela), possibly fractional ({@code xi} has second^-1/2).
 *
 * <p>Storage convention: a value is stored as its SI value divided by {@link #scale()}, the product of the base
 * scales below raised to the exponents. The base scales make the core's units one consistent system: ms, mV, pA,
 * nS, pF, µm, mM (mol/m³), so an equation that is dimensionally consistent holds unchanged between stored numbers.
 */
public record Dimension(double[] exponents) {
    private static final String[] SYMBOLS = {"m", "kg", "s", "A", "K", "mol", "cd"};
    /** Powers of ten of µm, 1e-12 kg, ms, pA, K, 1e-18 mol (so that mol/m³ = mM is stored as 1), cd. */
    private static final int[] STORAGE = {-6, -12, -3, -12, 0, -18, 0};

    public static final Dimension ONE = new Dimension(new double[7]);
    public static final Dimension METRE = base(0);
    public static final Dimension KILOGRAM = base(1);
    public static final Dimension SECOND = base(2);
    public static final Dimension AMPERE = base(3);
    public static final Dimension KELVIN = base(4);
    public static final Dimension MOLE = base(5);
    public static final Dimension CANDELA = base(6);

    public Dimension {
        exponents = exponents.clone();
    }

    private static Dimension base(int index) {
        double[] e = new double[7];
        e[index] = 1;
        return new Dimension(e);
    }

    public Dimension times(Dimension other) {
        double[] e = new double[7];
        for (int i = 0; i < 7; i++) {
            e[i] = exponents[i] + other.exponents[i];
        }
        return new Dimension(e);
    }

    public Dimension over(Dimension other) {
        return times(other.power(-1));
    }

    public Dimension power(double p) {
        double[] e = new double[7];
        for (int i = 0; i < 7; i++) {
            e[i] = exponents[i] * p;
        }
        return new Dimension(e);
    }

    public boolean dimensionless() {
        return equals(ONE);
    }

    /** Stored value = SI value / scale (see the class comment). */
    public double scale() {
        double power = 0;
        for (int i = 0; i < 7; i++) {
            power += STORAGE[i] * exponents[i];
        }
        // a whole power of ten parsed from its text is the double nearest it, so 1 GΩ / scale is exactly 1
        return power == Math.rint(power) ? Double.parseDouble("1e" + (long) power) : Math.pow(10, power);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Dimension d)) {
            return false;
        }
        for (int i = 0; i < 7; i++) {
            if (Math.abs(exponents[i] - d.exponents[i]) > 1e-9) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(Arrays.stream(exponents).map(x -> Math.rint(x * 1e6)).toArray());
    }

    /** Brian2's way of naming it: a named unit ("V", "S"), a named unit per second ("V/s"), or base units. */
    @Override
    public String toString() {
        if (dimensionless()) {
            return "1";
        }
        String named = Units.symbolOf(this);
        if (named != null) {
            return named;
        }
        String perSecond = Units.symbolOf(times(SECOND));
        if (perSecond != null && !perSecond.equals("1")) {
            return perSecond + "/s";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            double e = exponents[i];
            if (e != 0) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(SYMBOLS[i]);
                if (e != 1) {
                    b.append('^').append(e == Math.rint(e) ? String.valueOf((long) e) : String.valueOf(e));
                }
            }
        }
        return b.toString();
    }
}
