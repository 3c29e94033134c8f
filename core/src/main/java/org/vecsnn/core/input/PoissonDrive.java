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
 * checkpoint.
 */
public final class PoissonDrive implements CurrentInput {
    private final SynapticInput synapse;
    private final double rateHz;
    private final float weight;
    private final long seed;
    private double[] cumulative;

    public PoissonDrive(SynapticInput synapse, double rateHz, double weight, long seed) {
        if (synapse == null) {
            throw new IllegalArgumentException("synapse of Poisson drive = null: must be a synaptic input");
        }
        this.synapse = synapse;
        this.rateHz = Check.nonNegative("Poisson drive rate (Hz)", rateHz);
        this.weight = (float) Check.finite("Poisson drive weight", weight);
        this.seed = seed;
    }

    @Override
    public String description() {
        return "Poisson drive into synapse '" + synapse.name() + "' of " + target().name() + ", rate " + rateHz
                + " Hz, weight " + weight + ", seed " + seed;
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
    }

    @Override
    public void apply(long step, TimeGrid grid, Kernels kernels, int from, int to) {
        // applied before the step's update: into the synapse's state where it takes this step's weights at once
        float[] direct = synapse.dueAtNextStep();
        float[] arrivals = direct != null ? direct : synapse.arrivals().data();
        int slot = direct != null ? 0 : synapse.arrivals().slot(step);
        int end = Math.min(to, synapse.target().size());
        long stepKey = SplitMix64.mix(seed ^ step * 0x9E3779B97F4A7C15L);
        kernels.poissonArrivals(stepKey, cumulative, weight, arrivals, slot, from, end);
    }
}
