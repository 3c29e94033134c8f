package org.vecsnn.core.synapse;

import java.util.Arrays;
import java.util.List;
import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.connect.Csr;
import org.vecsnn.core.delay.EventRing;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;

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
        super(checked(target, name, model, output), name, 1);
        this.model = model;
        this.output = output;
        this.g = new float[target.paddedSize()];
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
        String[] names = model.variables();
        for (int k = 0; k < channelSets.length; k++) {
            Channels set = channelSets[k];
            for (int v = 0; v < names.length; v++) {
                arrays.add(new org.vecsnn.core.StateArray("synapse '" + name() + "' on population '"
                        + target.name() + "', projection " + k, names[v], set.perSynapse() ? "synapse"
                        : "presynaptic neuron", set.variable(v), set.count()));
            }
        }
        for (int k = 0; k < channelSets.length; k++) {
            Channels set = channelSets[k];
            if (set.summedPerNeuron()) {
                String owner = "synapse '" + name() + "' on population '" + target.name() + "', projection " + k;
                int columns = set.columnStart.length - 1;
                arrays.add(new org.vecsnn.core.StateArray(owner, "off-pulse sum", "neuron", set.offSum, columns));
                arrays.add(new org.vecsnn.core.StateArray(owner, "on-pulse sum", "neuron", set.onSum, columns));
                arrays.add(new org.vecsnn.core.StateArray(owner, "off-pulse sum low", "neuron", set.offLow, columns));
                arrays.add(new org.vecsnn.core.StateArray(owner, "on-pulse sum low", "neuron", set.onLow, columns));
            }
        }
        arrays.addAll(super.stateArrays()); // after the channels, which feed it
        return arrays;
    }

    @Override
    public void save(java.io.DataOutputStream out) throws java.io.IOException {
        super.save(out);
        for (Channels set : channelSets) {
            org.vecsnn.core.Checkpointed.writeInts(out, set.pulse);
            org.vecsnn.core.Checkpointed.writeFloats(out, set.release);
            set.events.save(out);
            if (set.summedPerNeuron()) {
                // (the on and off sums themselves go out with the state arrays)
                org.vecsnn.core.Checkpointed.writeFloats(out, set.onWeight);
                org.vecsnn.core.Checkpointed.writeInts(out, set.onCount);
                org.vecsnn.core.Checkpointed.writeInts(out, Arrays.copyOf(set.activeList, set.activeCount));
            }
        }
    }

    @Override
    public Runnable load(java.io.DataInputStream in) throws java.io.IOException {
        java.util.List<Runnable> actions = new java.util.ArrayList<>();
        actions.add(super.load(in));
        for (Channels set : channelSets) {
            String where = " of synapse '" + name() + "' channels";
            int[] pulse = org.vecsnn.core.Checkpointed.readInts(in, set.pulse.length, "pulses" + where);
            float[] release = org.vecsnn.core.Checkpointed.readFloats(in, set.release.length, "efficacies" + where);
            actions.add(org.vecsnn.core.Checkpointed.install(pulse, set.pulse));
            actions.add(org.vecsnn.core.Checkpointed.install(release, set.release));
            actions.add(set.events.load(in, set.count));
            if (set.summedPerNeuron()) {
                float[] onW = org.vecsnn.core.Checkpointed.readFloats(in, set.onWeight.length, "on weights" + where);
                int[] counts = org.vecsnn.core.Checkpointed.readInts(in, set.onCount.length, "on counts" + where);
                int active = in.readInt();
                if (active < 0 || active > set.count) {
                    throw new java.io.IOException(active + " active channels" + where + ": out of range");
                }
                int[] list = new int[active];
                for (int k = 0; k < active; k++) {
                    list[k] = in.readInt();
                    if (list[k] < 0 || list[k] >= set.count) {
                        throw new java.io.IOException("active channel " + list[k] + where + ": out of range");
                    }
                }
                actions.add(org.vecsnn.core.Checkpointed.install(onW, set.onWeight));
                actions.add(org.vecsnn.core.Checkpointed.install(counts, set.onCount));
                actions.add(() -> {
                    System.arraycopy(list, 0, set.activeList, 0, active);
                    set.activeCount = active;
                });
            }
        }
        return org.vecsnn.core.Checkpointed.all(actions);
    }

    @Override
    protected boolean usesArrivalRing() {
        return false;
    }

    /** Engine hook: the channels of a projection onto this receptor. */
    public Channels bind(Csr csr, int targetFrom, float weight, int delaySteps) {
        Channels set = new Channels(model.variables().length, csr, targetFrom, weight, delaySteps,
                dynamics.linearSteps());
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
        if (from != 0 || to != target.paddedSize()) {
            throw new IllegalStateException("kinetic synapse '" + name() + "' steps its whole target on one thread");
        }
        for (Channels set : channelSets) {
            set.takeArrivals(step, dynamics);
        }
        output.apply(kernels, g, target, 0, to);
        Arrays.fill(g, 0f);
        int s = model.outputVariable();
        for (Channels set : channelSets) {
            dynamics.advance(kernels, set.vars, set.pulse, set.scratch, set.vars[0].length);
            set.advanceSums(kernels);
            set.sumInto(g, s);
        }
    }

    /** The state of one projection's channels, and how its spikes reach them. */
    public static final class Channels {
        private final boolean perSynapse;
        private final int count;
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
        private final int[] columnChannel;
        private final float[] columnWeight;
        // Markov kinetics: sums per postsynaptic column instead of a sum over every synapse each step
        private final org.vecsnn.core.simd.AffineStep[] steps;
        private final int[] targets;
        private final float[] weights;
        private final float weight;
        private final float[] offSum;
        private final float[] onSum;
        /** The sums' rounding errors, carried from step to step (see {@link Kernels#relax}). */
        private final float[] offLow;
        private final float[] onLow;
        private final float[] onWeight;
        private final int[] onCount;
        private final int[] activeList;
        private int activeCount;

        Channels(int variables, Csr csr, int targetFrom, float weight, int delaySteps,
                 org.vecsnn.core.simd.AffineStep[] linearSteps) {
            this.perSynapse = csr.delays() != null;
            this.count = perSynapse ? csr.synapseCount() : csr.rows();
            int padded = Kernels.padded(Math.max(count, 1));
            this.vars = new float[variables][padded];
            this.pulse = new int[padded];
            this.scratch = new float[padded];
            this.release = new float[padded];
            Arrays.fill(release, 1f);
            this.rowStart = csr.rowStart();
            this.delays = csr.delays();
            this.delaySteps = delaySteps;
            this.targetFrom = targetFrom;
            int depth = (perSynapse ? csr.maxDelay() : delaySteps) + 1;
            this.events = new EventRing(depth, Math.min(count, 4096));
            // the synapses grouped by postsynaptic column, for summing g
            int columns = csr.columns();
            columnStart = new int[columns + 1];
            for (int t : csr.targets()) {
                columnStart[t + 1]++;
            }
            for (int j = 0; j < columns; j++) {
                columnStart[j + 1] += columnStart[j];
            }
            columnChannel = new int[csr.synapseCount()];
            columnWeight = new float[csr.synapseCount()];
            int[] fill = Arrays.copyOf(columnStart, columns);
            for (int i = 0; i < csr.rows(); i++) {
                for (int syn = rowStart[i]; syn < rowStart[i + 1]; syn++) {
                    int e = fill[csr.targets()[syn]]++;
                    columnChannel[e] = perSynapse ? syn : i;
                    columnWeight[e] = csr.weights() == null ? weight : csr.weights()[syn];
                }
            }
            this.steps = linearSteps;
            this.targets = csr.targets();
            this.weights = csr.weights();
            this.weight = weight;
            int paddedColumns = linearSteps == null ? 0 : Kernels.padded(Math.max(columns, 1));
            this.offSum = new float[paddedColumns];
            this.onSum = new float[paddedColumns];
            this.offLow = new float[paddedColumns];
            this.onLow = new float[paddedColumns];
            this.onWeight = new float[paddedColumns];
            this.onCount = new int[paddedColumns];
            this.activeList = new int[linearSteps == null ? 0 : count];
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
            for (int k = 0; k < activeCount; ) {
                int c = activeList[k];
                if (pulse[c] == 0) {
                    transfer(c, release[c], release[c], true, false);
                    activeList[k] = activeList[--activeCount];
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

        /** Engine hook: a spike of presynaptic row {@code row} in {@code step}, with its efficacy. */
        public void deliver(long step, int row, float efficacy) {
            if (!perSynapse) {
                events.add(step + delaySteps, row, efficacy);
            } else {
                for (int syn = rowStart[row]; syn < rowStart[row + 1]; syn++) {
                    events.add(step + delays[syn], syn, efficacy);
                }
            }
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
                        activeList[activeCount++] = c;
                    }
                }
                dynamics.arrive(vars, pulse, c);
                release[c] = efficacies[k];
            }
            events.clear(step);
        }

        void sumInto(float[] g, int outputVariable) {
            if (steps != null) {
                for (int j = 0; j + 1 < columnStart.length; j++) {
                    g[targetFrom + j] += offSum[j] + onSum[j];
                }
                return;
            }
            float[] s = vars[outputVariable];
            for (int j = 0; j + 1 < columnStart.length; j++) {
                float sum = 0f;
                for (int e = columnStart[j]; e < columnStart[j + 1]; e++) {
                    int c = columnChannel[e];
                    sum += columnWeight[e] * release[c] * s[c];
                }
                g[targetFrom + j] += sum;
            }
        }
    }
}
