package org.vecsnn.core;

import org.vecsnn.core.connect.ConnectionContext;
import org.vecsnn.core.connect.Connector;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.connect.Csr;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.synapse.VoltageJump;

/**
 * Describes gap junctions between two ranges of neuron populations; {@link #build()} checks, connects and adds
 * them (and their spikelet projection) to the network. Defaults: all-to-all, w = 1, one-way (the seed's form), no
 * spikelet.
 */
public final class GapJunctionBuilder {
    private final Network network;
    private final Range pre;
    private final Range post;
    private Connector connector = Connectors.allToAll(false);
    private double weight = 1;
    private boolean symmetric;
    private double spikelet = Double.NaN;
    private boolean gated;
    private int delaySteps = 1;
    private double delayMs = Double.NaN;
    private Long seed;

    GapJunctionBuilder(Network network, Range pre, Range post) {
        if (!(pre.population() instanceof NeuronPopulation) || !(post.population() instanceof NeuronPopulation)) {
            throw new IllegalArgumentException("gap junction between " + pre.population() + " and "
                    + post.population() + ": both must be neuron populations (they exchange membrane potentials)");
        }
        this.network = network;
        this.pre = pre;
        this.post = post;
    }

    public GapJunctionBuilder connector(Connector value) {
        if (value == null) {
            throw new IllegalArgumentException("connector = null: must be a Connector (see Connectors)");
        }
        this.connector = value;
        return this;
    }

    /** The junction conductance w (same units as conductance weights), {@code >= 0}. */
    public GapJunctionBuilder weight(double value) {
        this.weight = Check.finiteFloat("gap junction weight", Check.nonNegative("gap junction weight", value));
        return this;
    }

    /**
     * Both cells receive opposite currents (true), or only the postsynaptic one as in the seed (false). A
     * symmetric junction couples its pair once, so a connector that lists a pair in both directions (the default
     * all-to-all within one population does) is refused: it would couple the pair twice, with 2w.
     */
    public GapJunctionBuilder symmetric(boolean value) {
        this.symmetric = value;
        return this;
    }

    /**
     * Adds the seed's spikelet: a presynaptic spike adds {@code w·kSpikelet} to the postsynaptic V after the
     * delay; with {@code gated}, not while the postsynaptic neuron is refractory.
     */
    public GapJunctionBuilder spikelet(double kSpikelet, boolean gatedByRefractoriness) {
        this.spikelet = Check.finiteFloat("spikelet k", kSpikelet);
        this.gated = gatedByRefractoriness;
        return this;
    }

    /** The spikelet delay in ms, a whole number of steps (default one step). */
    public GapJunctionBuilder delay(double ms) {
        this.delayMs = Check.finite("spikelet delay (ms)", ms);
        return this;
    }

    public GapJunctionBuilder seed(long value) {
        this.seed = value;
        return this;
    }

    public GapJunction build() {
        network.checkMutable("add gap junctions");
        network.checkOwns(pre.population());
        network.checkOwns(post.population());
        int steps = Double.isNaN(delayMs) ? delaySteps : ProjectionBuilder.checkDelay("spikelet delay (steps)",
                network.grid().intSteps("spikelet delay", delayMs, 1));
        if (!Double.isNaN(spikelet)) {
            Check.finiteFloat("spikelet weight w·k", weight * spikelet);
        }
        int diagonal = pre.population() == post.population() ? pre.from() - post.from() : ConnectionContext.NO_SELF;
        ProjectionBuilder.checkFits("gap junctions " + pre.population().name() + " -> " + post.population().name(),
                connector.expectedSynapses(pre.size(), post.size()));
        long junctionSeed = seed != null ? seed : network.nextProjectionSeed();
        Csr csr = connector.connect(new ConnectionContext(pre.size(), post.size(), diagonal, network.grid(),
                junctionSeed));
        if (csr.delays() != null) {
            throw new IllegalArgumentException("gap junction connector gives per-synapse delays: must not (a gap "
                    + "junction has no delay; set the spikelet delay with delay(ms))");
        }
        if (csr.weights() != null) {
            for (float w : csr.weights()) {
                Check.nonNegative("gap junction weight", w);
            }
        }
        if (symmetric) {
            refuseBothDirections(csr);
        }
        Projection spikelets = null;
        if (!Double.isNaN(spikelet)) {
            NeuronPopulation target = (NeuronPopulation) post.population();
            VoltageJump jump = new VoltageJump(target, "spikelet:" + pre.population().name() + "->" + target.name()
                    + "#" + network.projections().size(), gated);
            float[] jumpWeights = null;
            if (csr.weights() != null) {
                jumpWeights = new float[csr.weights().length];
                for (int e = 0; e < jumpWeights.length; e++) {
                    jumpWeights[e] = (float) (csr.weights()[e] * spikelet);
                }
            }
            Csr jumps = new Csr(csr.rows(), csr.columns(), csr.rowStart(), csr.targets(), jumpWeights, null);
            spikelets = new Projection("spikelet " + pre.population().name() + "->" + target.name(), pre, jump,
                    post.from(), jumps, (float) (weight * spikelet), steps, null);
            jump.requireDelay(steps);
            network.register(spikelets);
        }
        GapJunction junction = new GapJunction(pre, post, csr, (float) weight, symmetric, spikelets);
        network.addCurrent(junction);
        return junction;
    }

    /** A symmetric junction listed as i → j and as j → i couples the pair twice: refused, naming the first pair. */
    private void refuseBothDirections(Csr csr) {
        if (pre.population() != post.population()) {
            return;
        }
        long[] pairs = new long[csr.synapseCount()];
        int[] rowStart = csr.rowStart();
        for (int i = 0; i < csr.rows(); i++) {
            for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                pairs[e] = (long) (pre.from() + i) << 32 | (post.from() + csr.targets()[e]);
            }
        }
        long[] sorted = pairs.clone();
        java.util.Arrays.sort(sorted);
        for (long pair : pairs) {
            int a = (int) (pair >>> 32);
            int b = (int) pair;
            if (a != b && java.util.Arrays.binarySearch(sorted, (long) b << 32 | a) >= 0) {
                throw new IllegalArgumentException("symmetric gap junctions on population '"
                        + pre.population().name() + "' list the pair " + a + " - " + b + " in both directions "
                        + "(as the default all-to-all connector does): a symmetric junction already couples both "
                        + "ways, so the pair would be coupled twice (2w); list each pair once (for example "
                        + "Connectors.fromList with i < j), or use symmetric(false) with both directions");
            }
        }
    }
}
