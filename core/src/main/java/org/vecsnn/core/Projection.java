package org.vecsnn.core;

import org.vecsnn.core.connect.Csr;
import org.vecsnn.core.delay.DelayRing;
import org.vecsnn.core.synapse.KineticReceptor;
import org.vecsnn.core.synapse.ShortTermPlasticity;
import org.vecsnn.core.synapse.SynapticInput;

/**
 * Synapses from a range of a source population onto a range of a synaptic input's population, in CSR form.
 * Propagation is event-driven: each spike of the step walks its row and adds its weight to the arrival slot of its
 * delay. A spike emitted in step m with a delay of k ≥ 1 steps acts in step m + k.
 */
public final class Projection implements Checkpointed {
    private final String name;
    private final Range source;
    private final SynapticInput target;
    private final int targetFrom;
    private final Csr csr;
    private final float weight;
    private final int delaySteps;
    private final ShortTermPlasticity plasticity;
    /** Threaded delivery: per row, where each thread's targets start and end in it (threads + 1 offsets). */
    private int[] splits;
    private int splitStride;
    private int[][] slotsOfDelay;
    private ShortTermPlasticity.State plasticityState;
    private KineticReceptor.Channels channels;
    private double dt;
    /** Per thread, a cache line apart: where {@link #touchRows} keeps what it read. */
    private int[] touched;

    Projection(String name, Range source, SynapticInput target, int targetFrom, Csr csr, float weight,
               int delaySteps, ShortTermPlasticity plasticity) {
        this.name = name;
        this.source = source;
        this.target = target;
        this.targetFrom = targetFrom;
        this.csr = csr;
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

    /** The short-term plasticity of this projection's spikes, or null. */
    public ShortTermPlasticity plasticity() {
        return plasticity;
    }

    /** The channels on a kinetic target (null for other targets; set once the network is prepared). */
    public KineticReceptor.Channels channels() {
        return channels;
    }

    void prepare(TimeGrid grid) {
        dt = grid.dt();
        if (plasticity != null) {
            plasticityState = plasticity.newState(source.size());
        }
        if (target instanceof KineticReceptor kinetic) {
            channels = kinetic.bind(csr, targetFrom, weight, delaySteps);
        } else {
            // one thread: every row is whole
            splits = csr.rowStart();
            splitStride = 1;
            slotsOfDelay = new int[][] {new int[target.arrivals().depth() + 1]};
            touched = new int[16];
        }
    }

    /** Delivers the spikes of {@code step} into the target's arrival ring (or its kinetic channels). */
    void propagate(long step) {
        Population pre = source.population();
        int count = pre.spikeCount();
        if (count == 0) {
            return;
        }
        int[] spikes = pre.spikes();
        int from = source.from();
        int to = source.to();
        if (channels != null) {
            for (int s = 0; s < count; s++) {
                int unit = spikes[s];
                if (unit >= from && unit < to) {
                    channels.deliver(step, unit - from, efficacy(unit - from, step));
                }
            }
            return;
        }
        deliver(step, 0, spikes, 0, count);
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
        touched = new int[threads * 16];
    }

    /** Whether this projection's spikes can be delivered by several threads (not with per-presynaptic state). */
    boolean deliversByRange() {
        return channels == null && plasticity == null;
    }

    /**
     * Delivers the spikes {@code spikes[from, to)} of {@code step} (units of the source population, ascending) into
     * the targets of thread t (see {@link #prepareThreads}; on one thread, t = 0 and every row is whole), scaled by
     * the spiking unit's short-term plasticity where the projection has it (on one thread only).
     */
    void deliver(long step, int t, int[] spikes, int from, int to) {
        int sourceFrom = source.from();
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
        touchRows(t, spikes, first, last);
        for (int s = first; s < last; s++) {
            int row = spikes[s] - sourceFrom;
            int split = row * splitStride + t;
            int start = splits[split];
            int end = splits[split + 1];
            float efficacy = efficacy(row, step);
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

    /**
     * Reads the first element of each spiking row's streams before any row is walked (spikes {@code [from, to)},
     * all from this projection's source). The rows lie far apart, and each costs a cache miss or two (its offset,
     * then its data) before the hardware prefetcher takes over; read together, the misses overlap (microcircuit:
     * about 10 % less time per step on one thread).
     */
    private void touchRows(int t, int[] spikes, int from, int to) {
        int[] targets = csr.targets();
        float[] weights = csr.weights();
        short[] delays = csr.delays();
        int sum = 0;
        for (int s = from; s < to; s++) {
            int split = (spikes[s] - source.from()) * splitStride + t;
            int start = splits[split];
            if (start < splits[split + 1]) {
                sum += targets[start] + (weights == null ? 0 : Float.floatToRawIntBits(weights[start]))
                        + (delays == null ? 0 : delays[start]);
            }
        }
        touched[t * 16] = sum; // kept, so that the reads are not optimised away
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

    private float efficacy(int row, long step) {
        return plasticityState == null ? 1f : plasticityState.spike(row, step, dt);
    }

    /** Saves the short-term plasticity state (the arrivals are saved with the target). */
    @Override
    public void save(java.io.DataOutputStream out) throws java.io.IOException {
        if (plasticityState != null) {
            plasticityState.save(out);
        }
    }

    @Override
    public Runnable load(java.io.DataInputStream in) throws java.io.IOException {
        return plasticityState == null ? () -> { } : plasticityState.load(in);
    }

    @Override
    public String toString() {
        return "Projection('" + name + "', " + source.population().name() + "[" + source.from() + ", " + source.to()
                + ") -> " + target.target().name() + "." + target.name() + ", " + synapseCount() + " synapses)";
    }
}
