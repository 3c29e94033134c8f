package org.vecsnn.validation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * NEST 3.10's spike statistics of the microcircuit ({@code ../shared/reference/microcircuit-nest/}): per statistic,
 * population and NEST seed, the number of values, their mean and their 1st … 99th percentiles.
 */
record NestReference(Map<String, List<Row>> rows) {
    /** One statistic of one population in one NEST run. */
    record Row(long seed, int n, double mean, double[] percentiles) {}

    static final String HEADER = "statistic,population,nest_seed,n,mean,p01";
    static final Path DEFAULT = Path.of("..", "shared", "reference", "microcircuit-nest",
            "nest310-pd14-statistics.csv");

    /** The rows of one statistic ({@code rate}, {@code cv}, {@code cc}) and population, in file order. */
    List<Row> of(String statistic, String population) {
        List<Row> r = rows.get(statistic + "/" + population);
        if (r == null || r.size() < 2) {
            throw new IllegalArgumentException("NEST reference: statistic " + statistic + " of " + population
                    + ": needs rows of at least two seeds, has " + (r == null ? 0 : r.size()));
        }
        return r;
    }

    /**
     * Values as the reference writes them, to 6 significant digits: ties survive the comparison (a rate of 1/3 Hz is
     * 0.333333 there; unrounded, every NEST percentile at 1/3 Hz would fall below this simulator's).
     */
    static double[] asWritten(double[] values) {
        java.math.MathContext six = new java.math.MathContext(6);
        return Arrays.stream(values).map(v -> new java.math.BigDecimal(v).round(six).doubleValue()).toArray();
    }

    /** Rows in the reference's format, for this simulator's runs. */
    static String format(String statistic, String population, long seed, double[] values) {
        StringBuilder w = new StringBuilder(String.format(Locale.ROOT, "%s,%s,%d,%d,%.6g", statistic, population, seed,
                values.length, Arrays.stream(values).average().orElse(Double.NaN)));
        for (double p : asWritten(SpikeStatistics.percentiles(values))) {
            w.append(',').append(p);
        }
        return w.append('\n').toString();
    }

    static NestReference read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).startsWith(HEADER)) {
            throw new IllegalArgumentException("NEST reference " + file + ": header must start with " + HEADER);
        }
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        for (int k = 1; k < lines.size(); k++) {
            String[] f = lines.get(k).split(",");
            if (f.length != 5 + 99) {
                throw new IllegalArgumentException("NEST reference " + file + " line " + (k + 1) + ": " + f.length
                        + " fields; must be 104 (statistic, population, seed, n, mean, 99 percentiles)");
            }
            double[] p = new double[99];
            for (int i = 0; i < 99; i++) {
                p[i] = Double.parseDouble(f[5 + i]);
            }
            rows.computeIfAbsent(f[0] + "/" + f[1], x -> new ArrayList<>())
                    .add(new Row(Long.parseLong(f[2]), Integer.parseInt(f[3]), Double.parseDouble(f[4]), p));
        }
        return new NestReference(rows);
    }
}
