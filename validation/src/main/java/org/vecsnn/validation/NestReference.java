package org.vecsnn.validation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NEST 3.10's spike statistics of the microcircuit ({@code ../shared/reference/microcircuit-nest/}): per statistic,
 * population and NEST seed, the number of values, their mean and their 1st … 99th percentiles.
 */
record NestReference(Map<String, List<Row>> rows) {
    /** One statistic of one population in one NEST run. */
    record Row(long seed, int n, double mean, double[] percentiles) {}

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

    static NestReference read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String header = "statistic,population,nest_seed,n,mean,p01";
        if (lines.isEmpty() || !lines.get(0).startsWith(header)) {
            throw new IllegalArgumentException("NEST reference " + file + ": header must start with " + header);
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
