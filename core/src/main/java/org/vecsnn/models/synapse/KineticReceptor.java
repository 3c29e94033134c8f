package org.vecsnn.models.synapse;

import org.vecsnn.core.synapse.SpikeChannels;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.core.synapse.SynapticOutput;

import java.util.Arrays;
import java.util.List;
import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.connect.Csr;
import org.vecsnn.core.delay.EventRing;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.ColumnBlocks;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.state.StateStore;
import org.vecsnn.core.state.StateVariable;

/**
 * A synapse with nonlinear kinetics ({@link KineticModel}: AMPA, GABA_A, NMDA, BioNMDA, GABA_B) on a neuron
 * population. Each projection onto it gets a set of channels: one per presynaptic neuron when the projection has
 * one delay (all synapses of a neuron then see the same transmitter), one per synapse when it has per-synapse
 * delays. The conductance of postsynaptic neuron j is {@code g_j = Σ w·r·s} over the channels of its synapses
 * (r: the efficacy of the channel's latest spike, 1 without short-term plasticity).
 *
 * <p>Step n: arriving spikes start their channels' pulses (or jump x, for NMDA); the output acts with
 * {@code g(t_n)}; the channels advance to {@code t_(n+1)}; g is summed again. A spike's efficacy therefore scales
 * the conductance from the step after its arrival, when the conductance starts to rise.
 *
 * <p>For the Markov kinetics (AMPA, GABA_A) every channel steps by one of two affine maps (pulse on or off), so
 * the sums of w·r·s over a neuron's on channels and over its off channels step by the same maps: the receptor keeps
 * those two sums per postsynaptic neuron and moves a channel's synapses between them only when its pulse starts or
 * ends, which costs O(neurons + events) per step instead of O(synapses). The other models sum over every synapse
 * each step.
 */
public final class KineticReceptor extends SynapticInput {
    private final KineticModel model;
    private final SynapticOutput output;
    private final float[] g;
    private Channels[] channelSets = new Channels[0];
    private KineticModel.Dynamics dynamics;

    public KineticReceptor(NeuronPopulation target, String name, KineticModel model, SynapticOutput output) {
        super(checked(target, name, model, output), name, StateSpec.of(StateVariable.real("g", "as the weight", 0)));
        this.model = model;
        this.output = output;
        this.g = store().floats("g");
    }

    /** A kinetic synapse with the model's default output (BrainPy's). */
    public KineticReceptor(NeuronPopulation target, String name, KineticModel model) {
        this(target, name, model, model == null ? null : model.defaultOutput());
    }

    private static NeuronPopulation checked(NeuronPopulation target, String name, KineticModel model,
                                            SynapticOutput output) {
        if (model == null) {
            throw new IllegalArgumentException("model of synapse '" + name + "' = null: must be a KineticModel");
        }
        requireOutput(target, name, output, false);
        return target;
    }

    @Override
    public String description() {
        return model + " " + output;
    }

    public KineticModel model() {
        return model;
    }

    @Override
    public SynapticOutput output() {
        return output;
    }

    /** The summed conductance per postsynaptic neuron, {@code Σ w·r·s}, at the start of the coming step. */
    @Override
    public float[] state() {
        return g;
    }

    /** The channel sets, one per projection, in the order the projections were prepared. */
    public List<Channels> channels() {
        return List.of(channelSets);
    }

    @Override
    public java.util.List<org.vecsnn.core.StateArray> stateArrays() {
        java.util.List<org.vecsnn.core.StateArray> arrays = new java.util.ArrayList<>();
        for (Channels set : channelSets) {
            arrays.addAll(set.store.watched());
        }
        for (Channels set : channelSets) {
            if (set.summedPerNeuron()) {
                arrays.addAll(set.sums.watched());
            }
        }
        arrays.addAll(super.stateArrays()); // after the channels, which feed it
        return arrays;
    }

    /** Saves g, then each projection's channels, their sums and their pending events. */
    @Override
    public void save(java.io.DataOutputStream out) throws java.io.IOException {
        super.save(out);
        for (Channels set : channelSets) {
            set.save(out);
        }
    }

    @Override
    public Runnable load(java.io.DataInputStream in) throws java.io.IOException {
        java.util.List<Runnable> actions = new java.util.ArrayList<>();
        actions.add(super.load(in));
        for (Channels set : channelSets) {
            actions.add(set.load(in));
        }
        return org.vecsnn.core.Checkpointed.all(actions);
    }

    /**
     * About 8 floats per channel and 2 per synapse, and an event ring (a channel and an efficacy per slot entry, one
     * slot per step of delay, each starting with room for up to 4096 events).
     */
    @Override
    public long channelBytes(Csr csr, int maxDelay) {
        long channelCount = csr.delays() != null ? csr.synapseCount() : csr.rows();
        return 32 * channelCount + 8L * csr.synapseCount() + 20L * csr.columns()
                + 8L * (maxDelay + 1) * Math.clamp(channelCount, 16, 4096);
    }

    @Override
    protected boolean usesArrivalRing() {
        return false;
    }

    /** The channels of a projection onto this receptor. */
    @Override
    public Channels bindChannels(Csr csr, int targetFrom, float weight, int delaySteps) {
        Channels set = new Channels("synapse '" + name() + "' on population '" + target().name() + "', projection "
                + channelSets.length, model.variables(), csr, targetFrom, weight, delaySteps, dynamics.linearSteps());
        channelSets = Arrays.copyOf(channelSets, channelSets.length + 1);
        channelSets[channelSets.length - 1] = set;
        return set;
    }

    @Override
    protected void prepareDynamics(TimeGrid grid) {
        dynamics = model.prepare(grid, name());
    }

    @Override
    public boolean appliesByRange() {
        return false;
    }

    /** Steps the whole target whatever the range: kinetic channels are kept per presynaptic unit or synapse. */
    @Override
    public void apply(long step, Kernels kernels, int from, int to) {
        if (from != 0 || to != membrane.paddedSize()) {
            throw new IllegalStateException("kinetic synapse '" + name() + "' steps its whole target on one thread");
        }
        for (Channels set : channelSets) {
            set.takeArrivals(step, dynamics);
        }
        output.apply(kernels, g, membrane, 0, to);
        Arrays.fill(g, 0f);
        int s = model.outputVariable();
        for (Channels set : channelSets) {
            dynamics.advance(kernels, set.vars, set.pulse, set.scratch, set.vars[0].length);
            for (float[] variable : set.vars) { // a silent channel's decaying state would stick at a subnormal
                kernels.flushSubnormals(variable, 0, variable.length);
            }
            set.advanceSums(kernels);
            set.sumInto(kernels, g, s);
        }
    }

    /**
     * The state of one projection's channels, and how its spikes reach them. Declared state: per channel the
     * model's variables, the pulse counter and the efficacy of the latest spike; for the Markov kinetics also the
     * on and off sums per postsynaptic neuron with their rounding errors, the on weights and counts, and the list of
     * channels whose pulse is on.
     */
    public static final class Channels implements SpikeChannels {
        private final boolean perSynapse;
        private final int count;
        private final StateStore store;
        private final StateStore sums;
        private final StateStore tally;
        private final float[][] vars;
        private final int[] pulse;
        private final float[] scratch;
        private final float[] release;
        private final EventRing events;
        private final int[] rowStart;
        private final short[] delays;
        private final int delaySteps;
        private final int targetFrom;
        private final int[] columnStart;
        /** The channels by postsynaptic column in SIMD blocks, for summing g (kinetics other than Markov's). */
        private final ColumnBlocks blocks;
        /**
         * Or, for a projection that joins at least half of all pairs (once each), its weights as a dense matrix
         * (row-major, rows padded to whole blocks): no larger than the sparse one, and summed with no gathers.
         */
        private final float[] dense;
        private final int denseStride;
        /** One weight for all: each channel's term {@code (w·efficacy)·s} once per step, and 0 at index count. */
        private final float[] terms;
        private final float[] columnSums;
        // Markov kinetics: sums per postsynaptic column instead of a sum over every synapse each step
        private final org.vecsnn.core.simd.AffineStep[] steps;
        private final int[] targets;
        private final float[] weights;
        private final float weight;
        private final float[] offSum;
        private final float[] onSum;
        /** The sums' rounding errors, carried from step to step (see {@link org.vecsnn.core.simd.Lanes#relax}). */
        private final float[] offLow;
        private final float[] onLow;
        private final float[] onWeight;
        private final int[] onCount;
        /** The channels whose pulse is on, in the order they started; {@code active[0]} of {@link #tally} of them. */
        private final int[] activeList;
        private final int[] activeCount;

        Channels(String owner, String[] variables, Csr csr, int targetFrom, float weight, int delaySteps,
                 org.vecsnn.core.simd.AffineStep[] linearSteps) {
            this.perSynapse = csr.delays() != null;
            this.count = perSynapse ? csr.synapseCount() : csr.rows();
            boolean markov = linearSteps != null;
            List<StateVariable> declared = new java.util.ArrayList<>();
            for (String v : variables) {
                declared.add(StateVariable.real(v, "1", 0));
            }
            declared.add(StateVariable.integer("pulse", "steps", 0));
            declared.add(StateVariable.unwatched("efficacy", "1", 1));
            if (markov) {
                declared.add(StateVariable.integer("active", "channel", 0));
            }
            this.store = new StateStore(owner, perSynapse ? "synapse" : "presynaptic neuron", count,
                    StateSpec.of(declared));
            this.vars = new float[variables.length][];
            for (int k = 0; k < variables.length; k++) {
                vars[k] = store.floats(variables[k]);
            }
            this.pulse = store.ints("pulse");
            this.release = store.floats("efficacy");
            this.scratch = new float[pulse.length];
            this.rowStart = csr.rowStart();
            this.delays = csr.delays();
            this.delaySteps = delaySteps;
            this.targetFrom = targetFrom;
            int depth = (perSynapse ? csr.maxDelay() : delaySteps) + 1;
            this.events = new EventRing(depth, Math.min(count, 4096));
            // the synapses grouped by postsynaptic column, for summing g
            int columns = csr.columns();
            Csr.ColumnIndex byColumn = csr.byColumn();
            columnStart = byColumn.start();
            int stride = Kernels.padded(columns);
            boolean denseEnough = !markov && !perSynapse && 2L * csr.synapseCount() >= (long) csr.rows() * stride
                    && onceEach(byColumn);
            denseStride = denseEnough ? stride : 0;
            dense = denseEnough ? denseWeights(csr, weight, stride) : null;
            if (markov || denseEnough) {
                blocks = null;
                terms = null;
                columnSums = denseEnough ? new float[stride] : null;
            } else {
                int[] channel = perSynapse ? byColumn.synapses() : byColumn.rows();
                float[] entryWeight = null;
                if (csr.weights() != null) {
                    entryWeight = new float[csr.synapseCount()];
                    for (int e = 0; e < entryWeight.length; e++) {
                        entryWeight[e] = csr.weights()[byColumn.synapses()[e]];
                    }
                }
                blocks = ColumnBlocks.of(columnStart, channel, entryWeight, entryWeight == null ? count : 0);
                terms = entryWeight == null ? new float[count + 1] : null;
                columnSums = new float[blocks.paddedColumns()];
            }
            this.steps = linearSteps;
            this.targets = csr.targets();
            this.weights = csr.weights();
            this.weight = weight;
            this.sums = new StateStore(owner, "neuron", markov ? columns : 0, markov ? StateSpec.of(
                    StateVariable.real("off-pulse sum", "as the weight", 0),
                    StateVariable.real("on-pulse sum", "as the weight", 0),
                    StateVariable.real("off-pulse sum low", "as the weight", 0),
                    StateVariable.real("on-pulse sum low", "as the weight", 0),
                    StateVariable.unwatched("on-pulse weight", "as the weight", 0),
                    StateVariable.integer("on-pulse count", "channels", 0)) : StateSpec.of());
            this.tally = new StateStore(owner, "projection", 1, markov
                    ? StateSpec.of(StateVariable.integer("active channels", "channels", 0)) : StateSpec.of());
            this.offSum = markov ? sums.floats("off-pulse sum") : null;
            this.onSum = markov ? sums.floats("on-pulse sum") : null;
            this.offLow = markov ? sums.floats("off-pulse sum low") : null;
            this.onLow = markov ? sums.floats("on-pulse sum low") : null;
            this.onWeight = markov ? sums.floats("on-pulse weight") : null;
            this.onCount = markov ? sums.ints("on-pulse count") : null;
            this.activeList = markov ? store.ints("active") : null;
            this.activeCount = markov ? tally.ints("active channels") : null;
        }

        /** The declared state per channel (the model's variables, pulse, efficacy). */
        @Override
        public StateStore store() {
            return store;
        }

        /** Saves the declared state and the pending events. */
        void save(java.io.DataOutputStream out) throws java.io.IOException {
            store.save(out);
            sums.save(out);
            tally.save(out);
            events.save(out);
        }

        /** Reads and checks the state (the active list must name channels in range), changing nothing. */
        Runnable load(java.io.DataInputStream in) throws java.io.IOException {
            StateStore.Staged channels = store.load(in);
            StateStore.Staged staged = sums.load(in);
            StateStore.Staged staged2 = tally.load(in);
            Runnable pending = events.load(in, count);
            if (steps != null) {
                int active = staged2.ints("active channels")[0];
                if (active < 0 || active > count) {
                    throw new java.io.IOException(active + " active channels of " + store.owner() + ": out of range");
                }
                int[] list = channels.ints("active");
                for (int k = 0; k < active; k++) {
                    if (list[k] < 0 || list[k] >= count) {
                        throw new java.io.IOException("active channel " + list[k] + " of " + store.owner()
                                + ": out of range");
                    }
                }
            }
            return org.vecsnn.core.Checkpointed.all(List.of(channels, staged, staged2, pending));
        }

        /** Whether this set keeps its conductance as on/off sums per postsynaptic neuron (Markov kinetics). */
        public boolean summedPerNeuron() {
            return steps != null;
        }

        /** Moves channel c's synapses between the off and on sums, or changes their efficacy while on. */
        private void transfer(int c, float rOld, float rNew, boolean wasOn, boolean nowOn) {
            float s = vars[0][c];
            int from = perSynapse ? c : rowStart[c];
            int to = perSynapse ? c + 1 : rowStart[c + 1];
            for (int syn = from; syn < to; syn++) {
                int j = targets[syn];
                float w = weights == null ? weight : weights[syn];
                float before = w * rOld * s;
                float after = w * rNew * s;
                if (wasOn) {
                    onSum[j] -= before;
                    onWeight[j] -= w * rOld;
                    onCount[j]--;
                } else {
                    offSum[j] -= before;
                }
                if (nowOn) {
                    onSum[j] += after;
                    onWeight[j] += w * rNew;
                    onCount[j]++;
                } else {
                    offSum[j] += after;
                }
                if (onCount[j] == 0) { // nothing is on: drop the rounding left in the on sums
                    onSum[j] = 0f;
                    onLow[j] = 0f;
                    onWeight[j] = 0f;
                }
            }
        }

        /** Steps the sums like their channels, then moves the channels whose pulse ended to the off sum. */
        void advanceSums(Kernels kernels) {
            if (steps == null) {
                return;
            }
            int n = onSum.length;
            kernels.relax(onSum, onLow, onWeight, steps[0].d(), steps[0].c0(), 0, n);
            kernels.relax(offSum, offLow, offSum, steps[1].d(), 0f, 0, n);
            for (int k = 0; k < activeCount[0]; ) {
                int c = activeList[k];
                if (pulse[c] == 0) {
                    transfer(c, release[c], release[c], true, false);
                    activeList[k] = activeList[--activeCount[0]];
                } else {
                    k++;
                }
            }
        }

        /** Whether the state is per synapse (per-synapse delays) rather than per presynaptic neuron. */
        public boolean perSynapse() {
            return perSynapse;
        }

        /** The number of channels. */
        public int count() {
            return count;
        }

        /** The efficacy of the latest spike that reached channel {@code c} (1 without short-term plasticity). */
        public float efficacy(int c) {
            return release[c];
        }

        /** A state variable of every channel (padded), by its index in the model's variables. */
        public float[] variable(int index) {
            return vars[index];
        }

        @Override
        public void deliver(long step, int row, float efficacy) {
            if (!perSynapse) {
                events.add(step + delaySteps, row, efficacy);
            } else {
                for (int syn = rowStart[row]; syn < rowStart[row + 1]; syn++) {
                    events.add(step + delays[syn], syn, efficacy);
                }
            }
        }

        /** Whether no pair is joined twice (a dense matrix holds one weight per pair). */
        private static boolean onceEach(Csr.ColumnIndex byColumn) {
            int[] start = byColumn.start();
            int[] rows = byColumn.rows();
            for (int j = 0; j + 1 < start.length; j++) {
                for (int e = start[j] + 1; e < start[j + 1]; e++) {
                    if (rows[e] <= rows[e - 1]) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** The weights as a row-major matrix of {@code stride} columns; 0 where no synapse. */
        private static float[] denseWeights(Csr csr, float weight, int stride) {
            float[] w = new float[Math.multiplyExact(csr.rows(), stride)];
            for (int i = 0; i < csr.rows(); i++) {
                for (int e = csr.rowStart()[i]; e < csr.rowStart()[i + 1]; e++) {
                    w[i * stride + csr.targets()[e]] = csr.weights() == null ? weight : csr.weights()[e];
                }
            }
            return w;
        }

        void takeArrivals(long step, KineticModel.Dynamics dynamics) {
            int n = events.count(step);
            int[] channels = events.channels(step);
            float[] efficacies = events.efficacies(step);
            for (int k = 0; k < n; k++) {
                int c = channels[k];
                if (steps != null) {
                    boolean on = pulse[c] > 0;
                    if (!on || release[c] != efficacies[k]) {
                        transfer(c, release[c], efficacies[k], on, true);
                    }
                    if (!on) {
                        activeList[activeCount[0]++] = c;
                    }
                }
                dynamics.arrive(vars, pulse, c);
                release[c] = efficacies[k];
            }
            events.clear(step);
        }

        void sumInto(Kernels kernels, float[] g, int outputVariable) {
            if (steps != null) {
                for (int j = 0; j + 1 < columnStart.length; j++) {
                    g[targetFrom + j] += offSum[j] + onSum[j];
                }
                return;
            }
            // g_j += Σ (w·efficacy)·s over column j's channels, in column order, in SIMD lanes
            float[] s = vars[outputVariable];
            if (dense != null) {
                Arrays.fill(columnSums, 0f);
                kernels.denseColumnSums(dense, count, denseStride, release, s, columnSums);
            } else if (terms != null) {
                for (int c = 0; c < count; c++) {
                    terms[c] = weight * release[c] * s[c];
                }
                kernels.columnSums(blocks, terms, columnSums);
            } else {
                kernels.weightedColumnSums(blocks, release, s, columnSums);
            }
            int[] at = dense != null ? null : blocks.column(); // the blocks' sums are by lane position
            for (int p = 0; p + 1 < columnStart.length; p++) {
                g[targetFrom + (at == null ? p : at[p])] += columnSums[p];
            }
        }
    }
}
