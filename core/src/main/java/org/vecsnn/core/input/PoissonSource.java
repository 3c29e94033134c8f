package org.vecsnn.core.input;

import org.vecsnn.core.Check;
import org.vecsnn.core.Population;
import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.connect.SplitMix64;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateStore;
import org.vecsnn.core.state.StateVariable;

/**
 * Independent Poisson spike trains: in each step each unit spikes with probability {@code rate·dt} (a Bernoulli
 * process on the grid, as Brian2's PoissonGroup). The gap to a unit's next spike is drawn from the matching
 * geometric distribution, so a step costs one comparison per unit. Each unit has its own random stream.
 */
public final class PoissonSource extends Population {
    private final double[] ratesHz;
    private final long seed;
    private final StateStore store;
    private final long[] nextSpike;
    private final long[] streams;
    private double[] logQ;

    public PoissonSource(String name, int size, double rateHz, long seed) {
        this(name, filled(name, size, rateHz), seed);
    }

    /** One rate per unit. */
    public PoissonSource(String name, double[] ratesHz, long seed) {
        super(name, count(name, ratesHz), BYTES_PER_UNIT);
        for (int i = 0; i < ratesHz.length; i++) {
            Check.nonNegative("rate of Poisson unit " + i + " of '" + name + "' (Hz)", ratesHz[i]);
        }
        this.ratesHz = ratesHz.clone();
        this.seed = seed;
        this.store = new StateStore("Poisson source '" + name + "'", "unit", ratesHz.length, StateSpec.of(
                StateVariable.wide("next spike", "step", 0), StateVariable.wide("random state", "bits", 0)));
        this.nextSpike = store.longs("next spike");
        this.streams = store.longs("random state");
    }

    /** Spike list, rate, next spike, log(1 − p) and a random state. */
    private static final int BYTES_PER_UNIT = 4 + 8 + 8 + 8 + 8;

    private static int count(String name, double[] ratesHz) {
        if (ratesHz == null) {
            throw new IllegalArgumentException("rates of Poisson source '" + name + "' = null: must be an array of"
                    + " one rate (Hz) per unit");
        }
        return ratesHz.length;
    }

    private static double[] filled(String name, int size, double rateHz) {
        Check.positive("size of Poisson source", size);
        // the rates array comes before the population's own check
        Check.fitsHeap("Poisson source '" + name + "' of " + size + " units", size, BYTES_PER_UNIT, false);
        double[] rates = new double[size];
        java.util.Arrays.fill(rates, rateHz);
        return rates;
    }

    /** Each unit's rate in Hz (a copy). */
    public double[] ratesHz() {
        return ratesHz.clone();
    }

    public long seed() {
        return seed;
    }

    @Override
    public String description() {
        boolean uniform = java.util.Arrays.stream(ratesHz).allMatch(r -> r == ratesHz[0]);
        return super.description() + ", seed " + seed + ", "
                + (uniform ? "rate " + ratesHz[0] + " Hz" : "rates (Hz) " + org.vecsnn.core.Checkpoint.digest(ratesHz));
    }

    @Override
    public void prepare(TimeGrid grid) {
        logQ = new double[size()];
        for (int i = 0; i < size(); i++) {
            double p = ratesHz[i] * grid.dt() * 1e-3;
            if (p > 1) {
                throw new IllegalArgumentException("rate of Poisson unit " + i + " of '" + name() + "' = "
                        + ratesHz[i] + " Hz: must be at most 1/dt = " + 1e3 / grid.dt() + " Hz");
            }
            logQ[i] = StrictMath.log1p(-p);
            streams[i] = SplitMix64.streamState(seed, i);
            nextSpike[i] = gap(i) - 1;
        }
    }

    /** Steps to the next spike (at least 1), or a value beyond any run for rate 0. */
    private long gap(int i) {
        if (logQ[i] == 0) {
            return Long.MAX_VALUE / 2;
        }
        double g = Math.floor(StrictMath.log1p(-SplitMix64.nextDouble(streams, i)) / logQ[i]);
        return 1 + (long) Math.min(g, 1e15);
    }

    @Override
    public void save(java.io.DataOutputStream out) throws java.io.IOException {
        super.save(out);
        store.save(out);
    }

    @Override
    public Runnable load(java.io.DataInputStream in) throws java.io.IOException {
        return org.vecsnn.core.Checkpointed.all(java.util.List.of(super.load(in), store.load(in)));
    }

    @Override
    public int update(long step, Kernels kernels, int from, int to, int[] out, int at) {
        int end = Math.min(to, size());
        for (int i = from; i < end; i++) {
            if (nextSpike[i] == step) {
                out[at++] = i;
                nextSpike[i] = step + gap(i);
            }
        }
        return at;
    }
}
