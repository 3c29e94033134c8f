package org.vecsnn.core.input;

import org.vecsnn.core.Check;
import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.connect.SplitMix64;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.synapse.SynapticInput;

/**
 * Independent Poisson spike trains of a high total rate onto every neuron of a population, through one of its
 * synapses: in each step each neuron receives n ~ Poisson(rate·dt) spikes of weight w, added to the synapse's
 * arrivals of that step (the external input of the microcircuit: K_ext synapses at 8 Hz, 12–23 kHz in all, more
 * than one spike per 0.1 ms step, which a {@link PoissonSource} of one unit per input cannot carry). The draws are
 * a hash of (seed, neuron, step), so the drive keeps no state: it is the same on any number of threads and after a
 * checkpoint. A drive may reach only some neurons ({@link #onNeurons}) and only for a while ({@link #during}): a
 * stimulus.
 */
public final class PoissonDrive implements CurrentInput {
    private final SynapticInput synapse;
    private final double rateHz;
    private final float weight;
    private final long seed;
    private final int from;
    private final int to;
    private final double startMs;
    private final double endMs;
    private double[] cumulative;
    private long startStep;
    private long endStep;

    /** A drive onto every neuron of the synapse's population, for the whole run. */
    public PoissonDrive(SynapticInput synapse, double rateHz, double weight, long seed) {
        this(synapse, rateHz, weight, seed, 0, synapse == null ? 0 : synapse.target().size(), 0,
                Double.POSITIVE_INFINITY);
    }

    private PoissonDrive(SynapticInput synapse, double rateHz, double weight, long seed, int from, int to,
                         double startMs, double endMs) {
        if (synapse == null) {
            throw new IllegalArgumentException("synapse of Poisson drive = null: must be a synaptic input");
        }
        this.synapse = synapse;
        this.rateHz = Check.nonNegative("Poisson drive rate (Hz)", rateHz);
        this.weight = (float) Check.finite("Poisson drive weight", weight);
        this.seed = seed;
        int size = synapse.target().size();
        if (from < 0 || to > size || from > to) {
            throw new IllegalArgumentException("Poisson drive neurons [" + from + ", " + to + "): must lie within [0, "
                    + size + ") of population '" + synapse.target().name() + "'");
        }
        this.from = from;
        this.to = to;
        Check.nonNegative("Poisson drive start (ms)", startMs);
        if (!(endMs > startMs)) {
            throw new IllegalArgumentException("Poisson drive end = " + endMs + " ms: must be after its start, "
                    + startMs + " ms");
        }
        this.startMs = startMs;
        this.endMs = endMs;
    }

    /** The same drive onto neurons {@code [from, to)} of the population only. */
    public PoissonDrive onNeurons(int from, int to) {
        return new PoissonDrive(synapse, rateHz, weight, seed, from, to, startMs, endMs);
    }

    /** The same drive only in the steps from {@code startMs} to before {@code endMs} (whole steps). */
    public PoissonDrive during(double startMs, double endMs) {
        return new PoissonDrive(synapse, rateHz, weight, seed, from, to, startMs, endMs);
    }

    @Override
    public String description() {
        return "Poisson drive into synapse '" + synapse.name() + "' of " + target().name() + ", rate " + rateHz
                + " Hz, weight " + weight + ", seed " + seed + (from == 0 && to == synapse.target().size() ? ""
                : ", neurons [" + from + ", " + to + ")") + (startMs == 0 && Double.isInfinite(endMs) ? ""
                : ", from " + startMs + " to " + endMs + " ms");
    }

    /** The synapse its spikes arrive at. */
    public SynapticInput synapse() {
        return synapse;
    }

    public double rateHz() {
        return rateHz;
    }

    public float weight() {
        return weight;
    }

    public long seed() {
        return seed;
    }

    /** The first neuron driven. */
    public int from() {
        return from;
    }

    /** The neuron after the last driven. */
    public int to() {
        return to;
    }

    /** When the drive starts (ms). */
    public double startMs() {
        return startMs;
    }

    /** When it ends (ms; infinite: never). */
    public double endMs() {
        return endMs;
    }

    @Override
    public NeuronPopulation target() {
        return synapse.target();
    }

    /**
     * Tabulates the distribution function of Poisson(rate·dt) up to where it reaches 1 in double precision (the SIMD
     * lanes compare each draw with every entry, so the table holds no entries past that).
     */
    @Override
    public void prepare(TimeGrid grid) {
        double lambda = rateHz * grid.dt() * 1e-3;
        if (lambda > 100) {
            throw new IllegalArgumentException("Poisson drive rate = " + rateHz + " Hz: must give at most 100 spikes"
                    + " per step (" + lambda + " at dt = " + grid.dt() + " ms)");
        }
        java.util.List<Double> f = new java.util.ArrayList<>();
        double p = StrictMath.exp(-lambda);
        double sum = p;
        f.add(sum);
        // until it reaches 1, or stops growing: at some rates the sum settles a few ulps below 1 − 1e-16
        for (int k = 1; sum < 1 - 1e-16 && k < 1000; k++) {
            p *= lambda / k;
            if (sum + p == sum) {
                break;
            }
            sum += p;
            f.add(sum);
        }
        cumulative = f.stream().mapToDouble(Double::doubleValue).toArray();
        startStep = grid.steps("Poisson drive start", startMs, 0);
        endStep = Double.isInfinite(endMs) ? Long.MAX_VALUE : grid.steps("Poisson drive end", endMs, 0);
    }

    @Override
    public void apply(long step, TimeGrid grid, Kernels kernels, int from, int to) {
        int lo = Math.max(from, this.from);
        int hi = Math.min(to, this.to);
        if (step < startStep || step >= endStep || lo >= hi) {
            return;
        }
        // applied before the step's update: into the synapse's state where it takes this step's weights at once
        float[] direct = synapse.dueAtNextStep();
        float[] arrivals = direct != null ? direct : synapse.arrivals().data();
        int slot = direct != null ? 0 : synapse.arrivals().slot(step);
        long stepKey = SplitMix64.mix(seed ^ step * 0x9E3779B97F4A7C15L);
        kernels.poissonArrivals(stepKey, cumulative, weight, arrivals, slot, lo, hi);
    }
}
