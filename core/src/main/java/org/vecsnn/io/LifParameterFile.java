package org.vecsnn.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.models.neuron.Lif;

/**
 * Reads LIF parameters from {@code key = value} lines (vRest, vReset, vTh, tau, r, tRef in mV and ms; method =
 * euler | exponential_euler | rk4 | exact); '#' starts a comment; keys not given keep {@link Lif#defaults()}. Unknown
 * or repeated keys and bad values are refused with the line named.
 */
public final class LifParameterFile {
    private LifParameterFile() {}

    public static Lif read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static Lif parse(String text) {
        Lif lif = Lif.defaults();
        Set<String> seen = new HashSet<>();
        String[] raw = text.split("\r?\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i];
            int hash = line.indexOf('#');
            line = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("line " + (i + 1) + ": '" + line + "': must be key = value");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (!seen.add(key)) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + key + " given twice: must be given once");
            }
            try {
                lif = switch (key) {
                    case "vRest" -> lif.withVRest(number(value));
                    case "vReset" -> lif.withVReset(number(value));
                    case "vTh" -> lif.withVTh(number(value));
                    case "tau" -> lif.withTau(number(value));
                    case "r" -> lif.withR(number(value));
                    case "tRef" -> lif.withTRef(number(value));
                    case "method" -> lif.withMethod(method(value));
                    default -> throw new IllegalArgumentException(key + ": must be one of vRest, vReset, vTh, tau, r,"
                            + " tRef, method");
                };
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return lif;
    }

    private static double number(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("value " + value + ": must be a number");
        }
    }

    private static Integrator method(String value) {
        try {
            return Integrator.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("method = " + value + ": must be euler, exponential_euler, rk4 or exact");
        }
    }
}
