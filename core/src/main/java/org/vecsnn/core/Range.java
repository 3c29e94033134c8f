package org.vecsnn.core;

/** The units {@code [from, to)} of a population. Create with {@link Population#range(int, int)}. */
public record Range(Population population, int from, int to) {
    public Range {
        if (population == null) {
            throw new IllegalArgumentException("population = null: must be a population");
        }
        Check.range("range of population '" + population.name() + "'", from, to, population.size());
    }

    public int size() {
        return to - from;
    }
}
