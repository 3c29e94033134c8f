package org.vecsnn.core.monitor;

/** Number formatting for the monitors' CSV files: shortest round-trip text, no locale. */
final class Csv {
    private Csv() {}

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    static String number(float value) {
        return Float.toString(value);
    }
}
