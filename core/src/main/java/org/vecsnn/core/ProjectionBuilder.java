package org.vecsnn.core;

import org.vecsnn.core.connect.ConnectionContext;
import org.vecsnn.core.connect.Connector;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.connect.Csr;
import org.vecsnn.core.connect.Distribution;
import org.vecsnn.core.connect.RowParallel;
import org.vecsnn.core.connect.SplitMix64;
import org.vecsnn.core.plasticity.PlasticityRule;
import org.vecsnn.core.synapse.SynapticInput;

/**
 * Describes a projection; {@link #build()} checks everything, runs the connector and only then adds the projection
 * to the network, so a refused projection leaves the network as it was.
 *
 * <p>Defaults: all-to-all without self-connections, weight 1, delay one step, a seed derived from the network's.
 */
public final class ProjectionBuilder {
    private final Network network;
    private final Range source;
    private final SynapticInput target;
    private Range targetRange;
    private String name;
    private Connector connector = Connectors.allToAll(false);
    private Double weight;
    private double delayMs = Double.NaN;
    private int delaySteps = 1;
    private Long seed;
    private PlasticityRule plasticity;
    private Distribution weights;
    private Distribution delaysMs;

    ProjectionBuilder(Network network, Range source, SynapticInput target) {
        this.network = network;
        this.source = source;
        this.target = target;
        this.targetRange = target.target().all();
    }

    /** Only neurons {@code [from, to)} of the target population receive synapses. */
    public ProjectionBuilder toRange(int from, int to) {
        this.targetRange = target.target().range(from, to);
        return this;
    }

    public ProjectionBuilder name(String value) {
        this.name = value;
        return this;
    }

    public ProjectionBuilder connector(Connector value) {
        if (value == null) {
            throw new IllegalArgumentException("connector = null: must be a Connector (see Connectors)");
        }
        this.connector = value;
        return this;
    }

    /** The weight of every synapse (in the units of the target's state: mV for CUBA and jumps, g_L for COBA). */
    public ProjectionBuilder weight(double value) {
        this.weight = Check.finiteFloat("weight", value);
        return this;
    }

    /** The delay of every synapse in ms: a whole number of steps, at least one. */
    public ProjectionBuilder delay(double ms) {
        Check.finite("delay (ms)", ms);
        this.delayMs = ms;
        return this;
    }

    /** The delay of every synapse in steps, at least one. */
    public ProjectionBuilder delaySteps(int steps) {
        this.delaySteps = checkDelay("delay (steps)", steps);
        this.delayMs = Double.NaN;
        return this;
    }

    /**
     * A weight drawn for each synapse (the microcircuit's normal weights). Each row draws from its own stream of
     * the projection's seed, in the row's target order, so the same seed gives the same weights on any number of
     * threads.
     */
    public ProjectionBuilder weights(Distribution value) {
        if (value == null) {
            throw new IllegalArgumentException("weights = null: must be a Distribution");
        }
        this.weights = value;
        return this;
    }

    /**
     * A delay (ms) drawn for each synapse, rounded to the nearest whole step as NEST does (at least one step, at
     * most 32,767); drawn like {@link #weights}.
     */
    public ProjectionBuilder delays(Distribution ms) {
        if (ms == null) {
            throw new IllegalArgumentException("delays = null: must be a Distribution");
        }
        this.delaysMs = ms;
        return this;
    }

    /** A plasticity rule on this projection's synapses (see {@link PlasticityRule}); one per projection. */
    public ProjectionBuilder plasticity(PlasticityRule value) {
        this.plasticity = value;
        return this;
    }

    public ProjectionBuilder seed(long value) {
        this.seed = value;
        return this;
    }

    /** Checks a delay in steps: at least one, at most what a per-synapse delay (a short) holds. */
    static int checkDelay(String name, int steps) {
        if (steps < 1 || steps > Short.MAX_VALUE) {
            throw Check.fail(name, steps, "an integer in [1, " + Short.MAX_VALUE + "]");
        }
        return steps;
    }

    /**
     * Refuses, before building, synapses over the int CSR limit or larger than the heap left: about 4 bytes per
     * synapse for its target, 4 for a listed weight and 2 for a listed delay, twice over while they are built.
     * Projections and gap junctions share it.
     */
    static void checkFits(String label, long synapses) {
        if (synapses < 0) {
            return;
        }
        if (synapses > Check.MAX_ARRAY) {
            throw new IllegalArgumentException(label + ": about " + synapses + " synapses: must be fewer than 2^31 in"
                    + " one projection (split it into several)");
        }
        Check.fitsHeap(label + ": building about " + synapses + " synapses", synapses, 2 * 10, false);
    }

    /** Per-synapse weights and delays from the distributions for rows {@code [from, to)}, each row from its stream. */
    private Csr drawValues(Csr csr, long projectionSeed, int from, int to) {
        int n = csr.synapseCount();
        float[] w = weights == null ? null : new float[n];
        short[] d = delaysMs == null ? null : new short[n];
        double dt = network.grid().dt();
        int[] rowStart = csr.rowStart();
        RowParallel.forEachRow(from, to, row -> {
            SplitMix64 rng = SplitMix64.stream(projectionSeed ^ 0x5EED_0F_5A1E5L, row);
            for (int j = rowStart[row]; j < rowStart[row + 1]; j++) {
                if (w != null) {
                    double value = weights.sample(rng);
                    if (!(Double.isFinite(value) && Math.abs(value) <= Float.MAX_VALUE)) { // named only when refused
                        Check.finiteFloat("drawn weight of synapse " + (j - rowStart[row]) + " of row " + row, value);
                    }
                    w[j] = (float) value;
                }
                if (d != null) {
                    double steps = Math.rint(delaysMs.sample(rng) / dt);
                    if (!(steps >= 1 && steps <= Short.MAX_VALUE)) {
                        throw new IllegalArgumentException("drawn delay of " + steps + " steps (row " + row
                                + "): must be in [1, " + Short.MAX_VALUE + "] steps; bound the distribution");
                    }
                    d[j] = (short) steps;
                }
            }
        });
        return new Csr(csr.rows(), csr.columns(), rowStart, csr.targets(), w != null ? w : csr.weights(),
                d != null ? d : csr.delays());
    }

    /** The target columns (relative to the target range) each process of {@code group} owns, in rank order. */
    private int[] ownedColumns(ProcessGroup group) {
        int[] units = group.bounds(target.target().paddedSize());
        int[] columns = new int[units.length];
        for (int q = 0; q < units.length; q++) {
            columns[q] = Math.clamp(units[q] - targetRange.from(), 0, targetRange.size());
        }
        return columns;
    }

    public Projection build() {
        network.checkMutable("add a projection");
        network.checkOwns(source.population());
        network.checkOwns(target.target());
        int steps = Double.isNaN(delayMs) ? delaySteps
                : checkDelay("delay (steps)", network.grid().intSteps("delay", delayMs, 1));
        int diagonal = source.population() == targetRange.population() ? source.from() - targetRange.from()
                : ConnectionContext.NO_SELF;
        checkFits("projection " + source.population().name() + " -> " + target.target().name() + "."
                + target.name(), connector.expectedSynapses(source.size(), targetRange.size()));
        long projectionSeed = seed != null ? seed : network.nextProjectionSeed();
        ProcessGroup group = network.processes();
        int[] rowShares = Stepper.split(source.size(), group == null ? 1 : group.size());
        int rank = group == null ? 0 : group.rank();
        int rowFrom = rowShares[rank];
        int rowTo = rowShares[rank + 1];
        Csr csr = connector.connect(new ConnectionContext(source.size(), targetRange.size(), diagonal,
                network.grid(), projectionSeed, rowFrom, rowTo));
        if (csr.rows() != source.size() || csr.columns() != targetRange.size()) {
            throw new IllegalStateException("connector built a " + csr.rows() + " × " + csr.columns()
                    + " CSR for a " + source.size() + " × " + targetRange.size() + " projection");
        }
        if (csr.weights() != null && (weight != null || weights != null)) {
            throw new IllegalArgumentException("weight = " + (weight != null ? weight : weights) + ": must not be"
                    + " given when the connector gives per-synapse weights");
        }
        if (weights != null && weight != null) {
            throw new IllegalArgumentException("weight = " + weight + " and a weight distribution: give one");
        }
        if (csr.delays() != null && delaysMs != null) {
            throw new IllegalArgumentException("delay distribution " + delaysMs + ": must not be given when the"
                    + " connector gives per-synapse delays");
        }
        if (weights != null || delaysMs != null) {
            csr = drawValues(csr, projectionSeed, rowFrom, rowTo);
        }
        if (group != null) {
            csr = SynapseExchange.exchange(group, csr, rowShares, ownedColumns(group));
        }
        String label = name != null ? name : source.population().name() + "->" + target.target().name() + "."
                + target.name();
        Projection projection = new Projection(label, source, target, targetRange.from(), csr,
                weight == null ? 1f : (float) (double) weight, steps, plasticity);
        target.requireDelay(projection.maxDelaySteps()); // may refuse the ring: before the network changes
        network.register(projection);
        return projection;
    }
}
