package org.vecsnn.core;

import org.vecsnn.core.connect.Csr;
import org.vecsnn.core.input.CurrentInput;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;

/**
 * Electrical synapses: each step, every junction (i → j, conductance w) adds {@code w·(V_i − V_j)} to the input of
 * neuron j, with both potentials taken at the start of the step (as the seed's model). A symmetric junction also
 * subtracts it from neuron i, so the currents through it sum to zero. The seed's spikelet — a presynaptic spike
 * adding {@code w·k_spikelet} to V_j after the junction's delay — is a voltage-jump projection over the same
 * synapses, built alongside by {@link GapJunctionBuilder}.
 */
public final class GapJunction implements CurrentInput {
    private final NeuronPopulation pre;
    private final int preFrom;
    private final NeuronPopulation post;
    private final int postFrom;
    private final Csr csr;
    private final float weight;
    private final boolean symmetric;
    private final Projection spikelets;

    GapJunction(Range pre, Range post, Csr csr, float weight, boolean symmetric, Projection spikelets) {
        this.pre = (NeuronPopulation) pre.population();
        this.preFrom = pre.from();
        this.post = (NeuronPopulation) post.population();
        this.postFrom = post.from();
        this.csr = csr;
        this.weight = weight;
        this.symmetric = symmetric;
        this.spikelets = spikelets;
    }

    @Override
    public String description() {
        return "gap junctions " + pre.name() + " from " + preFrom + " -> " + post.name() + " from " + postFrom
                + ", weight " + weight + (symmetric ? ", symmetric" : ", one-way") + ", rows "
                + Checkpoint.digest(csr.rowStart()) + ", targets " + Checkpoint.digest(csr.targets()) + ", weights "
                + Checkpoint.digest(csr.weights());
    }

    @Override
    public NeuronPopulation target() {
        return post;
    }

    public NeuronPopulation source() {
        return pre;
    }

    public boolean symmetric() {
        return symmetric;
    }

    /** The presynaptic range the junctions' rows index (its size is the CSR's rows). */
    public Range sourceRange() {
        return pre.range(preFrom, preFrom + csr.rows());
    }

    /** The postsynaptic range the junctions' targets index (its size is the CSR's columns). */
    public Range targetRange() {
        return post.range(postFrom, postFrom + csr.columns());
    }

    /** The conductance of every junction when the CSR holds no weights of its own. */
    public float weight() {
        return weight;
    }

    public Csr csr() {
        return csr;
    }

    /** The spikelet projection, or null without spikelets. */
    public Projection spikelets() {
        return spikelets;
    }

    /** Reads V of neurons across the network, so it runs on one thread. */
    @Override
    public boolean appliesByRange() {
        return false;
    }

    /** Applies every junction whatever the range (see {@link #appliesByRange()}). */
    @Override
    public void apply(long step, TimeGrid grid, Kernels kernels, int from, int to) {
        float[] vPre = pre.v();
        float[] vPost = post.v();
        float[] inPre = pre.input();
        float[] inPost = post.input();
        int[] rowStart = csr.rowStart();
        int[] targets = csr.targets();
        float[] weights = csr.weights();
        for (int i = 0; i < csr.rows(); i++) {
            float vi = vPre[preFrom + i];
            float outflow = 0f;
            for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                int j = postFrom + targets[e];
                float current = (weights == null ? weight : weights[e]) * (vi - vPost[j]);
                inPost[j] += current;
                outflow += current;
            }
            if (symmetric) {
                inPre[preFrom + i] -= outflow;
            }
        }
    }
}
