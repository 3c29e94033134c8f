package org.vecsnn.core;

import org.vecsnn.core.connect.Csr;
import org.vecsnn.core.delay.DelayRing;
import org.vecsnn.core.plasticity.PlasticSynapses;
import org.vecsnn.core.plasticity.PlasticityKernel;
import org.vecsnn.core.plasticity.PlasticityRule;
import org.vecsnn.core.state.StateStore;
import org.vecsnn.core.synapse.SpikeChannels;
import org.vecsnn.core.synapse.SynapticInput;

/**
 * Synapses from a range of a source population onto a range of a synaptic input's population, in CSR form.
 * Propagation is event-driven: each spike of the step walks its row and adds its weight to the arrival slot of its
 * delay. A spike emitted in step m with a delay of k ≥ 1 steps acts in step m + k.
 */
public final class Projection implements Checkpointed, org.vecsnn.core.monitor.Recordable {
    /** Spiking rows read ahead at once (their bounds, then their lines: a few kB for typical rows). */
    private static final int BATCH = 32;
    /** 4-byte elements per 64-byte cache line. */
    private static final int INTS_PER_LINE = 16;
    /**
     * Rows of targets alone of at most this many bytes (per thread) are read ahead whole: the hardware prefetcher
     * needs a few misses to recognise a stream, which is all of a short row (COBA's 80 targets: 320 B). Longer ones
     * are read ahead by their first line and the prefetcher fetches the rest: reading all of COBA 40,000's rows (800
     * targets) ahead made its step 4–6 % slower.
     */
    private static final int SHORT_ROW_BYTES = 512;
    /**
     * Rows with weights or delays beside their targets (several arrays, so several streams to pick up per row) are
     * read ahead up to this many bytes each: all of the microcircuit's (~2.5–5 kB per thread), 3.0–3.8 wall s per
     * biological s on 2 threads by their first lines, 2.6–2.8 whole (issue 22 in docs/BENCHMARKS.md; 8–20 kB and
     * whole rows measured the same). A batch of 32 such rows stays well inside this CPU's 2 MB L2 until walked.
     */
    private static final int TOUCH_ROW_BYTES = 8192;
    private final String name;
    private final Range source;
    private final SynapticInput target;
    private final int targetFrom;
    private final Csr csr;
    private final float weight;
    private final int delaySteps;
    private final PlasticityRule plasticity;
    /** Threaded delivery: per row, where each thread's targets start and end in it (threads + 1 offsets). */
    private int[] splits;
    private int splitStride;
    private int[][] slotsOfDelay;
    /** The plasticity rule's state and callbacks, once prepared (null without a rule). */
    private Plastic plastic;
    private SpikeChannels channels;
    private double dt;
    /**
     * Per thread: the bounds of a batch of spiking rows (start, end pairs), then the sum {@link #touch} kept, then
     * padding, so that no two threads write one cache line.
     */
    private int[][] batchBounds;
    /** How many synapses of each row {@link #touch} reads ahead. */
    private int touchSpan;

    Projection(String name, Range source, SynapticInput target, int targetFrom, Csr csr, float weight,
               int delaySteps, PlasticityRule plasticity) {
        this.name = name;
        this.source = source;
        this.target = target;
        this.targetFrom = targetFrom;
        // a rule that changes weights needs one per synapse
        this.csr = plasticity != null && plasticity.changesWeights() && csr.weights() == null
                ? new Csr(csr.rows(), csr.columns(), csr.rowStart(), csr.targets(), filled(csr.synapseCount(), weight),
                csr.delays()) : csr;
        this.weight = weight;
        this.delaySteps = delaySteps;
        this.plasticity = plasticity;
    }

    public String name() {
        return name;
    }

    public Range source() {
        return source;
    }

    public SynapticInput target() {
        return target;
    }

    /** The first target neuron: CSR column j is neuron {@code targetFrom + j} of the target population. */
    public int targetFrom() {
        return targetFrom;
    }

    public Csr csr() {
        return csr;
    }

    /** The weight of every synapse, when the CSR carries no per-synapse weights. */
    public float weight() {
        return weight;
    }

    /** The delay in steps of every synapse, when the CSR carries no per-synapse delays. */
    public int delaySteps() {
        return delaySteps;
    }

    public long synapseCount() {
        return csr.synapseCount();
    }

    /** The shortest delay of this projection in steps. */
    int minDelaySteps() {
        if (csr.delays() == null) {
            return delaySteps;
        }
        int min = Integer.MAX_VALUE;
        for (short d : csr.delays()) {
            min = Math.min(min, d);
        }
        return min;
    }

    /** The longest delay of this projection in steps. */
    int maxDelaySteps() {
        return csr.delays() == null ? delaySteps : csr.maxDelay();
    }

    private static float[] filled(int n, float value) {
        float[] w = new float[n];
        java.util.Arrays.fill(w, value);
        return w;
    }

    /** The plasticity rule of this projection's synapses (short-term plasticity, STDP, …), or null. */
    public PlasticityRule plasticity() {
        return plasticity;
    }

    /** The channels on a kinetic target (null for other targets; set once the network is prepared). */
    public SpikeChannels channels() {
        return channels;
    }

    void prepare(TimeGrid grid) {
        dt = grid.dt();
        if (plasticity != null && plastic == null) { // bound once: a refused checkpoint load may prepare twice
            plastic = new Plastic();
        }
        if (channels == null) { // bound once: a refused checkpoint load may prepare the network twice
            channels = target.bindChannels(csr, targetFrom, weight, delaySteps);
        }
        if (channels == null) {
            // one thread: every row is whole
            splits = csr.rowStart();
            splitStride = 1;
            slotsOfDelay = new int[][] {new int[target.arrivals().depth() + 1]};
            batchBounds = new int[][] {new int[2 * BATCH + INTS_PER_LINE]};
            touchSpan = touchSpan(1);
        }
    }

    /**
     * The bytes {@link #prepare} and, on several threads, {@link #prepareThreads} allocate: the plasticity rule's
     * state and column index, a kinetic target's channels and event ring ({@link
     * org.vecsnn.core.synapse.SynapticInput#channelBytes}), and the rows' split points per thread.
     */
    long preparedBytes(int threads) {
        long bytes = plasticity == null ? 0 : 8L * (plasticity.presynapticState().variables().size() * source.size()
                + plasticity.synapseState().variables().size() * csr.synapseCount()
                + plasticity.postsynapticState().variables().size() * csr.columns())
                + (plasticity.usesPostSpikes() ? 4L * (2L * csr.synapseCount() + csr.columns()) : 0);
        bytes += target.channelBytes(csr, maxDelaySteps());
        return threads > 1 ? bytes + 4L * csr.rows() * (threads + 1) : bytes;
    }

    /**
     * Prepares delivery by several threads: thread t delivers only into targets {@code [targetBounds[t],
     * targetBounds[t + 1])} of the target population, so every row is split where those ranges meet (targets
     * ascend within a row). Each target then receives its arrivals in the same order as on one thread.
     */
    void prepareThreads(int[] targetBounds) {
        int threads = targetBounds.length - 1;
        int rows = csr.rows();
        int[] rowStart = csr.rowStart();
        int[] targets = csr.targets();
        splitStride = threads + 1;
        splits = new int[rows * splitStride];
        for (int row = 0; row < rows; row++) {
            for (int t = 0; t <= threads; t++) {
                int column = Math.clamp((long) targetBounds[t] - targetFrom, 0, csr.columns());
                splits[row * splitStride + t] = firstAtLeast(targets, rowStart[row], rowStart[row + 1], column);
            }
        }
        slotsOfDelay = new int[threads][slotsOfDelay[0].length];
        batchBounds = new int[threads][2 * BATCH + INTS_PER_LINE];
        touchSpan = touchSpan(threads);
    }

    /** {@link #touchSpan} for rows split among {@code threads}: {@link #SHORT_ROW_BYTES}, {@link #TOUCH_ROW_BYTES}. */
    private int touchSpan(int threads) {
        int bytesPerSynapse = Integer.BYTES + (csr.weights() == null ? 0 : Float.BYTES)
                + (csr.delays() == null ? 0 : Short.BYTES);
        if (bytesPerSynapse > Integer.BYTES) {
            return TOUCH_ROW_BYTES / bytesPerSynapse;
        }
        boolean shortRows = (long) bytesPerSynapse * csr.synapseCount()
                <= (long) SHORT_ROW_BYTES * threads * csr.rows();
        return shortRows ? Integer.MAX_VALUE : 1;
    }

    /** Whether this projection's spikes can be delivered by several threads (not into kinetic channels). */
    boolean deliversByRange() {
        return channels == null;
    }

    /**
     * Delivers the spikes {@code spikes[from, to)} of {@code step} (units of the source population, ascending) into
     * the targets of thread t (see {@link #prepareThreads}; on one thread, t = 0 and every row is whole) or a kinetic
     * target's channels, scaled by the efficacy the plasticity rule gave each spike in the presynaptic phase.
     */
    void deliver(long step, int t, int[] spikes, int from, int to) {
        int sourceFrom = source.from();
        if (channels != null) { // a kinetic target: on one thread, each spike starts its channels' pulses
            for (int s = from; s < to; s++) {
                int unit = spikes[s];
                if (unit >= sourceFrom && unit < source.to()) {
                    channels.deliver(step, unit - sourceFrom, efficacy(unit - sourceFrom));
                }
            }
            return;
        }
        // the spikes from this projection's source range: a contiguous run of the ascending list
        int first = firstAtLeast(spikes, from, to, sourceFrom);
        int last = firstAtLeast(spikes, first, to, source.to());
        if (first == last) {
            return;
        }
        DelayRing ring = target.arrivals();
        float[] acc = ring.data();
        // weights due in the next step: straight into the target's state where it takes them (else its ring)
        float[] next = target.dueAtNextStep() == null ? acc : target.dueAtNextStep();
        int[] targets = csr.targets();
        float[] weights = csr.weights();
        short[] delays = csr.delays();
        int[] slots = slotsOfDelay[t];
        if (delays != null) {
            ring.slotsAfter(step, targetFrom, slots);
            if (next != acc) {
                slots[1] = targetFrom;
            }
        }
        float[] into = delaySteps == 1 ? next : acc;
        int base = (into != acc ? 0 : ring.slot(step + delaySteps)) + targetFrom;
        int[] bounds = batchBounds[t];
        for (int b0 = first; b0 < last; b0 += BATCH) {
            int rows = Math.min(BATCH, last - b0);
            readBounds(t, spikes, b0, rows, bounds);
            touch(bounds, rows);
            for (int r = 0; r < rows; r++) {
                int start = bounds[2 * r];
                int end = bounds[2 * r + 1];
                float efficacy = efficacy(spikes[b0 + r] - sourceFrom);
                if (delays != null) {
                    for (int j = start; j < end; j++) {
                        int d = delays[j];
                        float w = (weights == null ? weight : weights[j]) * efficacy;
                        if (d == 1) {
                            next[slots[1] + targets[j]] += w;
                        } else {
                            acc[slots[d] + targets[j]] += w;
                        }
                    }
                } else if (weights != null) {
                    for (int j = start; j < end; j++) {
                        into[base + targets[j]] += weights[j] * efficacy;
                    }
                } else {
                    float w = weight * efficacy;
                    for (int j = start; j < end; j++) {
                        into[base + targets[j]] += w;
                    }
                }
            }
        }
    }

    /**
     * Copies where thread t's part of each row of {@code spikes[from, from + rows)} starts and ends into
     * {@code bounds}. The offsets lie far apart, and the loop has no branch that waits on them, so their cache
     * misses overlap; a row walk bounded by a missing offset would mispredict its exit and wait for each in turn.
     */
    private void readBounds(int t, int[] spikes, int from, int rows, int[] bounds) {
        int sourceFrom = source.from();
        for (int r = 0; r < rows; r++) {
            int split = (spikes[from + r] - sourceFrom) * splitStride + t;
            bounds[2 * r] = splits[split];
            bounds[2 * r + 1] = splits[split + 1];
        }
    }

    /**
     * Reads one element of every cache line of the rows in {@code bounds} (up to {@link #touchSpan} synapses of each)
     * before any row is walked: the rows lie far apart in memory, and read together their misses overlap,
     * where walking them would wait for each row's first lines in turn.
     */
    private void touch(int[] bounds, int rows) {
        int[] targets = csr.targets();
        float[] weights = csr.weights();
        short[] delays = csr.delays();
        int sum = 0;
        for (int r = 0; r < rows; r++) {
            int start = bounds[2 * r];
            int end = (int) Math.min(bounds[2 * r + 1], (long) start + touchSpan);
            for (int j = start; j < end; j += INTS_PER_LINE) {
                sum += targets[j] + (weights == null ? 0 : Float.floatToRawIntBits(weights[j]));
            }
            if (delays != null) {
                for (int j = start; j < end; j += 2 * INTS_PER_LINE) {
                    sum += delays[j];
                }
            }
        }
        bounds[2 * BATCH] = sum; // kept, so that the reads are not optimised away
    }

    /** The first index in {@code [from, to)} of the ascending {@code values} whose value is at least {@code key}. */
    private static int firstAtLeast(int[] values, int from, int to, int key) {
        int low = from;
        int high = to;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (values[mid] < key) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The efficacy the plasticity rule gave row {@code row}'s spike of the step being delivered (1 without). */
    private float efficacy(int row) {
        return plastic == null ? 1f : plastic.efficacies[row];
    }

    /**
     * The presynaptic phase of step {@code step} for the spikes {@code spikes[from, to)} (ascending): the rule's
     * pre-spike callback for each spiking row of the source range, which sets the efficacy its delivery uses.
     */
    void presynaptic(long step, int[] spikes, int from, int to) {
        for (int s = from; s < to; s++) {
            int unit = spikes[s];
            if (unit >= source.from() && unit < source.to()) {
                plastic.efficacies[unit - source.from()] = plastic.kernel.preSpike(step, unit - source.from());
            }
        }
    }

    /**
     * The plasticity phase of step {@code step}, after its delivery: the rule's post-spike callbacks for the target
     * range's spikes of the step, then its per-step callback.
     */
    void learn(long step) {
        if (plastic == null) {
            return;
        }
        if (plasticity.usesPostSpikes()) {
            Population post = target.target();
            int[] spikes = post.spikes();
            int end = targetFrom + csr.columns();
            for (int k = 0; k < post.spikeCount(); k++) {
                int unit = spikes[k];
                if (unit >= targetFrom && unit < end) {
                    plastic.kernel.postSpike(step, unit - targetFrom);
                }
            }
        }
        if (plasticity.usesSteps()) {
            plastic.kernel.afterStep(step);
        }
    }

    /** Whether this projection has a rule with a plasticity phase (post-spike or per-step callbacks). */
    boolean learns() {
        return plasticity != null && (plasticity.usesPostSpikes() || plasticity.usesSteps());
    }

    /** Saves the plasticity rule's state and plastic weights (the arrivals are saved with the target). */
    @Override
    public void save(java.io.DataOutputStream out) throws java.io.IOException {
        if (plastic != null) {
            for (StateStore store : plastic.stores()) {
                store.save(out);
            }
            if (plasticity.changesWeights()) {
                Checkpointed.writeFloats(out, csr.weights());
            }
            plastic.kernel.save(out);
        }
    }

    @Override
    public Runnable load(java.io.DataInputStream in) throws java.io.IOException {
        if (plastic == null) {
            return () -> { };
        }
        java.util.List<Runnable> actions = new java.util.ArrayList<>();
        for (StateStore store : plastic.stores()) {
            actions.add(store.load(in));
        }
        if (plasticity.changesWeights()) {
            actions.add(Checkpointed.install(Checkpointed.readFloats(in, csr.synapseCount(), "weights of "
                    + label()), csr.weights()));
        }
        actions.add(plastic.kernel.load(in));
        return Checkpointed.all(actions);
    }

    /** A rule's state, the view it gets of the synapses, and its bound callbacks. */
    private final class Plastic implements PlasticSynapses {
        private final StateStore synapses;
        private final StateStore presynaptic;
        private final StateStore postsynaptic;
        private final PlasticityKernel kernel;
        /** The efficacy of each row's spike of the step being delivered. */
        private final float[] efficacies;
        private Csr.ColumnIndex columnIndex;

        Plastic() {
            String owner = "plasticity of projection '" + name + "'";
            synapses = new StateStore(owner, "synapse", csr.synapseCount(), plasticity.synapseState());
            presynaptic = new StateStore(owner, "presynaptic neuron", csr.rows(), plasticity.presynapticState());
            postsynaptic = new StateStore(owner, "postsynaptic neuron", csr.columns(),
                    plasticity.postsynapticState());
            kernel = plasticity.bind(this, dt);
            efficacies = new float[csr.rows()];
        }

        java.util.List<StateStore> stores() {
            return java.util.List.of(synapses, presynaptic, postsynaptic);
        }

        @Override
        public int rows() {
            return csr.rows();
        }

        @Override
        public int columns() {
            return csr.columns();
        }

        @Override
        public int[] rowStart() {
            return csr.rowStart();
        }

        @Override
        public int[] targets() {
            return csr.targets();
        }

        @Override
        public int[] columnStart() {
            return columnIndex().start();
        }

        @Override
        public int[] columnSynapses() {
            return columnIndex().synapses();
        }

        @Override
        public int[] columnRows() {
            return columnIndex().rows();
        }

        /** The column index, built when a rule first asks for it. */
        private Csr.ColumnIndex columnIndex() {
            if (columnIndex == null) {
                columnIndex = csr.byColumn();
            }
            return columnIndex;
        }

        @Override
        public float[] weights() {
            return plasticity.changesWeights() ? csr.weights() : null;
        }

        @Override
        public float weight() {
            return weight;
        }

        @Override
        public StateStore synapseState() {
            return synapses;
        }

        @Override
        public org.vecsnn.core.simd.Lanes lanes() {
            return target.target().network().kernels();
        }

        @Override
        public StateStore presynapticState() {
            return presynaptic;
        }

        @Override
        public StateStore postsynapticState() {
            return postsynaptic;
        }
    }

    @Override
    public String label() {
        return "projection '" + name + "'";
    }

    /** The target population (a monitor of this projection belongs to its network). */
    @Override
    public Population population() {
        return target.target();
    }

    /**
     * A variable of this projection's synapses, once the network is prepared: a kinetic target's channel variables
     * (NMDA x and g, GABA_B R, G and s, AMPA s; one per presynaptic neuron or per synapse), or a plasticity rule's
     * state (short-term plasticity's u and x per presynaptic neuron) and, for a rule that changes them, the weights
     * {@code "w"}.
     */
    @Override
    public org.vecsnn.core.monitor.Probe probe(String variable) {
        java.util.List<String> names = new java.util.ArrayList<>();
        if (plastic != null && plasticity.changesWeights()) {
            if ("w".equals(variable)) {
                return org.vecsnn.core.monitor.Probe.of(csr.weights(), csr.synapseCount());
            }
            names.add("w");
        }
        for (org.vecsnn.core.state.StateStore store : stores()) {
            org.vecsnn.core.state.StateVariable v = store.spec().find(variable);
            if (v != null && v.type() != org.vecsnn.core.state.StateVariable.Type.LONG) {
                return v.type() == org.vecsnn.core.state.StateVariable.Type.FLOAT
                        ? org.vecsnn.core.monitor.Probe.of(store.floats(variable), store.units())
                        : org.vecsnn.core.monitor.Probe.of(store.ints(variable), store.units());
            }
            for (org.vecsnn.core.state.StateVariable known : store.spec().variables()) {
                if (known.type() != org.vecsnn.core.state.StateVariable.Type.LONG) {
                    names.add(known.name());
                }
            }
        }
        throw new IllegalArgumentException("variable = " + variable + ": must be one of " + names + " of " + label()
                + (channels == null && plastic == null && dt == 0 ? " (known once the network is prepared)"
                : ""));
    }

    private java.util.List<StateStore> stores() {
        java.util.List<StateStore> stores = new java.util.ArrayList<>();
        if (channels != null) {
            stores.add(channels.store());
        }
        if (plastic != null) {
            stores.addAll(plastic.stores());
        }
        return stores;
    }

    @Override
    public String toString() {
        return "Projection('" + name + "', " + source.population().name() + "[" + source.from() + ", " + source.to()
                + ") -> " + target.target().name() + "." + target.name() + ", " + synapseCount() + " synapses)";
    }
}
