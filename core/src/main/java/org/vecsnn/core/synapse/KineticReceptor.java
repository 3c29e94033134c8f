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
 */
public final class KineticReceptor extends SynapticInput {
    private final KineticModel model;
    private final SynapticOutput output;
    private final float[] g;
    private Channels[] channelSets = new Channels[0];
    private KineticModel.Dynamics dynamics;

    public KineticReceptor(NeuronPopulation target, String name, KineticModel model, SynapticOutput output) {
        super(checked(target, name, model, output), name);
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
        }
        return org.vecsnn.core.Checkpointed.all(actions);
    }

    @Override
    protected boolean usesArrivalRing() {
        return false;
    }

    /** Engine hook: the channels of a projection onto this receptor. */
    public Channels bind(Csr csr, int targetFrom, float weight, int delaySteps) {
        Channels set = new Channels(model.variables().length, csr, targetFrom, weight, delaySteps);
        channelSets = Arrays.copyOf(channelSets, channelSets.length + 1);
        channelSets[channelSets.length - 1] = set;
        return set;
    }

    @Override
    protected void prepareDynamics(TimeGrid grid) {
        dynamics = model.prepare(grid, name());
    }

    @Override
    public void apply(long step, Kernels kernels) {
        for (Channels set : channelSets) {
            set.takeArrivals(step, dynamics);
        }
        int to = target.paddedSize();
        output.apply(kernels, g, target.v(), target.input(), to);
        Arrays.fill(g, 0f);
        int s = model.outputVariable();
        for (Channels set : channelSets) {
            dynamics.advance(kernels, set.vars, set.pulse, set.scratch, set.vars[0].length);
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

        Channels(int variables, Csr csr, int targetFrom, float weight, int delaySteps) {
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
        }

        /** Whether the state is per synapse (per-synapse delays) rather than per presynaptic neuron. */
        public boolean perSynapse() {
            return perSynapse;
        }

        /** The number of channels. */
        public int count() {
            return count;
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
                dynamics.arrive(vars, pulse, channels[k]);
                release[channels[k]] = efficacies[k];
            }
            events.clear(step);
        }

        void sumInto(float[] g, int outputVariable) {
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
