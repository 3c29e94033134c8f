package org.vecsnn.core;

import org.vecsnn.core.simd.Kernels;

/**
 * A group of spiking units (neurons or spike sources) with state in flat arrays padded to {@link Kernels#PAD}.
 * Each step the population lists the units that spiked, in ascending order; projections read that list.
 */
public abstract class Population implements Checkpointed, org.vecsnn.core.monitor.Recordable {
    private final String name;
    private final int size;
    private final int paddedSize;
    private Network network;
    /** Indices of the units that spiked in the current step: entries {@code [0, spikeCount)}. */
    protected final int[] spikes;
    protected int spikeCount;

    /**
     * @param bytesPerUnit the bytes the population keeps per unit (its state arrays and spike list), refused
     *     before anything is allocated if the heap left cannot hold them
     */
    protected Population(String name, int size, int bytesPerUnit) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("population name = " + name + ": must be a non-blank string");
        }
        this.name = name;
        this.size = Check.positive("size of population '" + name + "'", size);
        if (size > Integer.MAX_VALUE - Kernels.PAD) {
            throw Check.fail("size of population '" + name + "'", size, "at most " + (Integer.MAX_VALUE - Kernels.PAD));
        }
        this.paddedSize = Kernels.padded(size);
        Check.fitsHeap("population '" + name + "' of " + size + " units", paddedSize, bytesPerUnit, false);
        this.spikes = new int[size];
    }

    public final String name() {
        return name;
    }

    public final int size() {
        return size;
    }

    /** The length of every state array: {@link #size()} rounded up to a multiple of {@link Kernels#PAD}. */
    public final int paddedSize() {
        return paddedSize;
    }

    /** How many units spiked in the last step. */
    public final int spikeCount() {
        return spikeCount;
    }

    /**
     * The indices of the units that spiked in the last step, ascending, in entries {@code [0, spikeCount())}. The
     * array is reused (overwritten by the next step); copy what you keep.
     */
    public final int[] spikes() {
        return spikes;
    }

    /**
     * The kind, size and parameters that shape this population's run, compared when a checkpoint is loaded
     * ({@link Checkpoint}); subclasses add their parameters.
     */
    public String description() {
        return getClass().getSimpleName() + " of " + size;
    }

    /** The units {@code [from, to)} of this population, as a projection source or target. */
    public final Range range(int from, int to) {
        Check.range("range of population '" + name + "'", from, to, size);
        return new Range(this, from, to);
    }

    /** All units of this population. */
    public final Range all() {
        return new Range(this, 0, size);
    }

    /** The network this population was added to, or null. */
    public final Network network() {
        return network;
    }

    final void attach(Network owner) {
        if (network != null) {
            throw new IllegalArgumentException("population '" + name + "' already belongs to a network: must be added"
                    + " to one network only");
        }
        network = owner;
    }

    /** Throws if the population's network has started running. Called before any structural change. */
    protected final void checkMutable(String what) {
        if (network != null) {
            network.checkMutable(what);
        }
    }

    /** Saves the spikes of the last step; subclasses add their state after it. */
    @Override
    public void save(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeInt(spikeCount);
        Checkpointed.writeInts(out, spikes);
    }

    @Override
    public Runnable load(java.io.DataInputStream in) throws java.io.IOException {
        int count = in.readInt();
        if (count < 0 || count > size) {
            throw new java.io.IOException("population '" + name + "': spike count " + count + " out of range");
        }
        int[] staged = Checkpointed.readInts(in, spikes.length, "spikes of population '" + name + "'");
        for (int k = 0; k < count; k++) {
            if (staged[k] < 0 || staged[k] >= size || k > 0 && staged[k] <= staged[k - 1]) {
                throw new java.io.IOException("population '" + name + "': spike " + k + " (unit " + staged[k]
                        + ") out of range or out of order");
            }
        }
        return () -> {
            System.arraycopy(staged, 0, spikes, 0, staged.length);
            spikeCount = count;
        };
    }

    @Override
    public String label() {
        return "population '" + name + "'";
    }

    @Override
    public Population population() {
        return this;
    }

    /** A variable for a state monitor; spike sources keep none. */
    @Override
    public org.vecsnn.core.monitor.Probe probe(String variable) {
        throw new IllegalArgumentException("variable = " + variable + ": " + label() + " (" + description()
                + ") keeps no state to record; record its spikes");
    }

    /** The bytes preparing this population allocates beyond its state (the arrival rings of its synapses). */
    public long preparedBytes() {
        return 0;
    }

    /** The first part of this population that cannot step by ranges on several threads, in words, or null. */
    public String singleThreadedPart() {
        return null;
    }

    /** Adds the parts of this population that shape its run (its synapses), as checkpoint structure entries. */
    public void describeParts(java.util.List<String[]> entries) {}

    /** The state variables to watch for non-finite values (none for spike sources). */
    public java.util.List<StateArray> stateArrays() {
        return java.util.List.of();
    }

    /** Engine hook: compute the step-size dependent constants. Called once, before the first step. */
    public abstract void prepare(TimeGrid grid);

    /**
     * Engine hook: advances units {@code [from, to)} one step ({@code from} a multiple of {@link Kernels#PAD},
     * {@code to} one too or {@link #paddedSize()}) and writes the indices of those that spiked, ascending, into
     * {@code out} from {@code at}. Ranges of different calls in one step are disjoint and may run on different
     * threads, so an implementation touches only the state of its range.
     *
     * @return the new end of the list in {@code out}
     */
    public abstract int update(long step, Kernels kernels, int from, int to, int[] out, int at);

    /** Engine hook: sets the spike list of the step the monitors record (threaded stepping gathers it in pieces). */
    final void setSpikes(int[] lists, int[] starts, int[] ends) {
        if (lists == spikes) { // one thread listed them in place
            spikeCount = ends[0];
            return;
        }
        int count = 0;
        for (int k = 0; k < ends.length; k++) {
            int n = ends[k] - starts[k];
            System.arraycopy(lists, starts[k], spikes, count, n);
            count += n;
        }
        spikeCount = count;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "('" + name + "', " + size + ")";
    }
}
