package org.vecsnn.equations;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Brian2's unit names: the SI base and derived units under their full names ({@code volt}, {@code siemens}) and
 * symbols ({@code V}, {@code S}), each with the SI prefixes ({@code mV}, {@code nsiemens}, {@code ufarad}), and the
 * squared and cubed lengths Brian2 defines ({@code cm2}, {@code um2}). A bare one-letter lower-case symbol (metre's
 * {@code m}, second's {@code s}, gram's {@code g}) is not a unit here, so that gating variables may be called
 * {@code m}, {@code h}, {@code n}; write {@code metre}, {@code second}.
 */
public final class Units {
    /** SI value of one unit and its dimension. */
    public record Unit(double factor, Dimension dimension) {}

    private static final Map<String, Unit> UNITS = new LinkedHashMap<>();
    private static final Map<Dimension, String> SYMBOLS = new LinkedHashMap<>();

    private static final Map<String, Double> PREFIXES = prefixes();

    private Units() {}

    static {
        Dimension m = Dimension.METRE, kg = Dimension.KILOGRAM, s = Dimension.SECOND, a = Dimension.AMPERE;
        Dimension volt = kg.times(m.power(2)).times(s.power(-3)).over(a);
        Dimension farad = a.times(s).over(volt);
        Dimension siemens = a.over(volt);
        Dimension ohm = volt.over(a);
        Dimension coulomb = a.times(s);
        Dimension newton = kg.times(m).times(s.power(-2));
        Dimension joule = newton.times(m);
        Dimension watt = joule.over(s);
        Dimension hertz = s.power(-1);
        // symbol, full name, SI factor, dimension; the order decides how a dimension is printed
        define("V", "volt", 1, volt);
        define("A", "amp", 1, a);
        define("", "ampere", 1, a);
        define("S", "siemens", 1, siemens);
        define("F", "farad", 1, farad);
        define("ohm", "ohm", 1, ohm);
        define("Hz", "hertz", 1, hertz);
        define("s", "second", 1, s);
        define("C", "coulomb", 1, coulomb);
        define("N", "newton", 1, newton);
        define("J", "joule", 1, joule);
        define("W", "watt", 1, watt);
        define("Pa", "pascal", 1, newton.over(m.power(2)));
        define("T", "tesla", 1, volt.times(s).over(m.power(2)));
        define("Wb", "weber", 1, volt.times(s));
        define("H", "henry", 1, volt.times(s).over(a));
        define("K", "kelvin", 1, Dimension.KELVIN);
        define("mol", "mole", 1, Dimension.MOLE);
        define("cd", "candela", 1, Dimension.CANDELA);
        define("m", "metre", 1, m);
        define("", "meter", 1, m);
        define("g", "gram", 1e-3, kg);
        define("l", "litre", 1e-3, m.power(3));
        define("L", "liter", 1e-3, m.power(3));
        define("M", "molar", 1e3, Dimension.MOLE.over(m.power(3)));
        for (String length : new String[] {"m", "metre", "meter"}) {
            for (int p = 2; p <= 3; p++) {
                for (Map.Entry<String, Double> prefix : PREFIXES.entrySet()) {
                    String name = prefix.getKey() + length + p;
                    if (!name.equals("m2") && !name.equals("m3") && !UNITS.containsKey(name)) {
                        UNITS.put(name, new Unit(Math.pow(prefix.getValue(), p), m.power(p)));
                    }
                }
            }
        }
        UNITS.put("kilogram", new Unit(1, kg));
        UNITS.put("kg", new Unit(1, kg));
        SYMBOLS.put(Dimension.KILOGRAM, "kg");
        SYMBOLS.put(Dimension.ONE, "1");
    }

    private static Map<String, Double> prefixes() {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("", 1.0);
        String[] names = {"y", "z", "a", "f", "p", "n", "u", "m", "c", "d", "k", "M", "G", "T", "P", "E", "Z", "Y"};
        double[] values = {1e-24, 1e-21, 1e-18, 1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 1e-2, 1e-1, 1e3, 1e6, 1e9, 1e12,
            1e15, 1e18, 1e21, 1e24};
        for (int i = 0; i < names.length; i++) {
            p.put(names[i], values[i]);
        }
        return p;
    }

    private static void define(String symbol, String name, double factor, Dimension dimension) {
        SYMBOLS.putIfAbsent(dimension, symbol.isEmpty() ? name : symbol);
        for (Map.Entry<String, Double> prefix : PREFIXES.entrySet()) {
            String p = prefix.getKey();
            double f = factor * prefix.getValue();
            UNITS.putIfAbsent(p + name, new Unit(f, dimension));
            boolean bareLowerCase = p.isEmpty() && symbol.length() == 1 && Character.isLowerCase(symbol.charAt(0));
            if (!symbol.isEmpty() && !bareLowerCase) {
                UNITS.putIfAbsent(p + symbol, new Unit(f, dimension));
            }
        }
    }

    /** The unit called {@code name}, or null. */
    public static Unit find(String name) {
        return UNITS.get(name);
    }

    /** The symbol a dimension is printed with, or null if it has none of its own. */
    static String symbolOf(Dimension d) {
        return SYMBOLS.get(d);
    }
}
