package org.vecsnn.core.monitor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.vecsnn.core.Check;
import org.vecsnn.core.Population;
import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.neuron.NeuronPopulation;

/**
 * Records a state variable of chosen units (neurons; a projection's synapses or presynaptic neurons) every
 * {@code interval} steps, at the start of the step: sample k holds
 * the state at {@code t = k·interval·dt} (counted from step 0), before that step's update. Unbounded by default (the
 * buffer doubles); with {@link #keepLast(int)} it keeps only the latest samples in a fixed ring, so memory stays flat
 * on long runs. On a network distributed over processes each process records the units it steps and, after every
 * run, takes the others' ({@link #gather}): every process then holds every trace, as one process would.
 */
public final class StateMonitor implements Monitor {
    private final Recordable owner;
    private final String variable;
    private final int[] neurons;
    private final double intervalMs;
    private Probe source;
    private TimeGrid grid;
    private long interval;
    private float[] values = new float[4096];
    private int capacity;
    private long total;
    private long firstStep = -1;
    /** Samples before this one hold every process's values (see {@link #gather}). */
    private long gathered;
    /** Per process, the positions of the recorded units it steps; and the gather's buffers, kept for the next. */
    private int[][] byProcess;
    private int[] sent = new int[0];
    private int[] received = new int[0];
    /** The most ints one process sends in one all-gather (longer recordings go in several). */
    private static final int GATHER_INTS = 1 << 22;

    /**
     * @param owner a neuron population, or a projection (its kinetic channels' or short-term plasticity's state)
     * @param variable the name of a variable of {@code owner} (see {@link NeuronPopulation#probe} and
     *     {@link org.vecsnn.core.Projection#probe}); a projection's names are checked when the network is prepared
     * @param neurons the units to record
     * @param intervalMs the sampling interval, a whole number of steps
     */
    public StateMonitor(Recordable owner, String variable, int[] neurons, double intervalMs) {
        if (owner == null) {
            throw new IllegalArgumentException("owner = null: must be a neuron population or a projection to monitor");
        }
        if (neurons == null || neurons.length == 0) {
            throw new IllegalArgumentException("units to record = " + Arrays.toString(neurons)
                    + ": must name at least one");
        }
        if (owner instanceof Population) {
            checkUnits(owner, owner.probe(variable), neurons); // checks the name and units now
        }
        Check.positive("recording interval (ms)", intervalMs);
        this.owner = owner;
        this.variable = variable;
        this.neurons = neurons.clone();
        this.intervalMs = intervalMs;
    }

    /** Keeps only the latest {@code samples} samples (a fixed ring, allocated now). Call before the run. */
    public StateMonitor keepLast(int samples) {
        Check.positive("samples kept", samples);
        if (total > 0) {
            throw new IllegalStateException("keepLast must be set before recording starts");
        }
        Check.fitsHeap(what() + ", keeping the last " + samples + " samples", (long) samples * neurons.length, 4,
                true);
        this.capacity = samples;
        this.values = new float[samples * neurons.length];
        return this;
    }

    @Override
    public String description() {
        return what() + " every " + intervalMs + " ms" + (capacity > 0 ? ", keeping " + capacity + " samples" : "")
                + ", neurons " + org.vecsnn.core.Checkpoint.digest(neurons);
    }

    private static void checkUnits(Recordable owner, Probe probe, int[] units) {
        for (int unit : units) {
            Check.index("recorded unit of " + owner.label(), unit, probe.units());
        }
    }

    @Override
    public Population population() {
        return owner.population();
    }

    @Override
    public boolean recordsBeforeStep() {
        return true;
    }

    @Override
    public void prepare(TimeGrid grid) {
        this.grid = grid;
        this.interval = grid.steps("recording interval", intervalMs, 1);
        this.source = owner.probe(variable);
        checkUnits(owner, source, neurons);
    }

    private String what() {
        return "state monitor of " + variable + " of " + neurons.length + " units of " + owner.label();
    }

    /** Neuron state only: a projection's units are synapses, and each process holds only some of them. */
    @Override
    public boolean runsOnProcesses() {
        return owner instanceof Population;
    }

    /**
     * Each sample's values of units another process steps are replaced by that process's, for the samples recorded
     * since the last gather (one all-gather per {@value #GATHER_INTS} ints a process sends).
     */
    @Override
    public void gather(org.vecsnn.core.ProcessGroup group) {
        long from = Math.max(gathered, first());
        if (from == total) {
            return;
        }
        if (byProcess == null) {
            byProcess = unitsByProcess(group.bounds(owner.population().paddedSize()));
        }
        int widest = 1;
        for (int[] units : byProcess) {
            widest = Math.max(widest, units.length);
        }
        int me = group.rank();
        int chunk = (int) Math.min(total - from, Math.max(1, GATHER_INTS / widest));
        if (sent.length < chunk * widest) {
            sent = new int[chunk * widest];
            received = new int[chunk * widest * group.size()];
        }
        for (long s0 = from; s0 < total; s0 += chunk) {
            int samples = (int) Math.min(chunk, total - s0);
            int at = 0;
            for (long s = s0; s < s0 + samples; s++) {
                for (int k : byProcess[me]) {
                    sent[at++] = Float.floatToRawIntBits(values[position(s) + k]);
                }
            }
            int block = samples * widest;
            group.allgather(sent, received, block);
            for (int q = 0; q < byProcess.length; q++) {
                at = q * block;
                for (long s = s0; q != me && s < s0 + samples; s++) {
                    for (int k : byProcess[q]) {
                        values[position(s) + k] = Float.intBitsToFloat(received[at++]);
                    }
                }
            }
        }
        gathered = total;
    }

    /** Per process, the positions (in {@link #neurons}) of the units in its {@code bounds}. */
    private int[][] unitsByProcess(int[] bounds) {
        int[][] units = new int[bounds.length - 1][];
        for (int q = 0; q < units.length; q++) {
            int from = bounds[q];
            int to = bounds[q + 1];
            units[q] = java.util.stream.IntStream.range(0, neurons.length)
                    .filter(k -> neurons[k] >= from && neurons[k] < to).toArray();
        }
        return units;
    }

    /** An unbounded recording grows by doubling: the final array and the half-size one it is copied from. */
    @Override
    public void checkFits(long steps) {
        long samples = total + steps / interval + 1;
        long entries = samples * neurons.length;
        if (capacity > 0 || entries >= 0 && entries <= values.length) {
            return; // the buffer holds the run already: no message built
        }
        String what = what() + ", recording " + samples + " samples (use keepLast or a longer interval)";
        Growth.checkFits(what, entries, values.length);
    }

    @Override
    public void record(long step) {
        if (step % interval != 0) {
            return;
        }
        if (firstStep < 0) {
            firstStep = step;
        }
        int width = neurons.length;
        if (capacity == 0 && (total + 1) * width > values.length) {
            values = Arrays.copyOf(values, Growth.grownLength(values.length, (total + 1) * width));
        }
        int base = position(total);
        for (int k = 0; k < width; k++) {
            values[base + k] = source.value(neurons[k]);
        }
        total++;
    }

    /** Where sample {@code index} (counted from the first ever recorded) starts in {@link #values}. */
    private int position(long index) {
        return (int) (capacity == 0 ? index : index % capacity) * neurons.length;
    }

    /** The index of the oldest sample kept. */
    private long first() {
        return total - sampleCount();
    }

    @Override
    public void save(java.io.DataOutputStream out) throws IOException {
        out.writeLong(total);
        out.writeLong(firstStep);
        org.vecsnn.core.Checkpointed.writeFloats(out, Arrays.copyOf(values, position(Math.min(total,
                capacity == 0 ? total : capacity))));
    }

    @Override
    public Runnable load(java.io.DataInputStream in) throws IOException {
        long t = in.readLong();
        long f = in.readLong();
        if (t < 0 || f < -1 || (t > 0) != (f >= 0) || (capacity == 0 && t > Integer.MAX_VALUE / neurons.length)) {
            throw new IOException(what() + ": sample count " + t
                    + " or first step " + f + " out of range");
        }
        long kept = capacity == 0 ? t : Math.min(t, capacity);
        float[] staged = org.vecsnn.core.Checkpointed.readFloats(in, (int) kept * neurons.length,
                what());
        return () -> {
            values = capacity == 0 ? Arrays.copyOf(staged, Math.max(staged.length, 4096))
                    : Arrays.copyOf(staged, capacity * neurons.length);
            total = t;
            gathered = t; // saved after a gather, on every process
            firstStep = f;
        };
    }

    /** The number of samples kept. */
    public int sampleCount() {
        return (int) (capacity == 0 ? total : Math.min(total, capacity));
    }

    /** The time of each kept sample in ms. */
    public double[] times() {
        double[] t = new double[sampleCount()];
        for (int k = 0; k < t.length; k++) {
            t[k] = grid.time(firstStep + (first() + k) * interval);
        }
        return t;
    }

    /** The trace of the k-th recorded neuron (in the order given). */
    public float[] trace(int k) {
        Check.index("recorded neuron position", k, neurons.length);
        float[] trace = new float[sampleCount()];
        for (int s = 0; s < trace.length; s++) {
            trace[s] = values[position(first() + s) + k];
        }
        return trace;
    }

    public int[] neurons() {
        return neurons.clone();
    }

    /** Writes {@code t_ms} and one column per recorded unit, {@code variable_unit}. */
    public void writeTo(RecordSink sink) throws IOException {
        String[] columns = new String[neurons.length + 1];
        columns[0] = "t_ms";
        for (int k = 0; k < neurons.length; k++) {
            columns[k + 1] = variable + "_" + neurons[k];
        }
        sink.begin(null, columns);
        for (int s = 0; s < sampleCount(); s++) {
            sink.cell(grid.time(firstStep + (first() + s) * interval));
            for (int k = 0; k < neurons.length; k++) {
                sink.cell(values[position(first() + s) + k]);
            }
            sink.endRow();
        }
    }

    public void writeCsv(Path file) throws IOException {
        try (CsvSink sink = CsvSink.open(file)) {
            writeTo(sink);
        }
    }
}
