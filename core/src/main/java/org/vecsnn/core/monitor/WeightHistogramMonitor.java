package org.vecsnn.core.monitor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.vecsnn.core.Check;
import org.vecsnn.core.Population;
import org.vecsnn.core.Projection;
import org.vecsnn.core.TimeGrid;

/**
 * Records the histogram of all of a projection's weights every {@code interval} steps, at the start of the step
 * (sample k holds the weights at {@code t = k·interval·dt}, before that step's update, as a {@link StateMonitor}
 * would): the count of synapses in each of {@code bins} bins of equal width over {@code [0, wMax]}, and the count of
 * weights outside it. Bin b holds the weights w with {@code floor(w·bins/wMax) = b} (computed in double), the last
 * bin also w = wMax. Weights are floats, and a rule clips them to wMax rounded to float (0.05 becomes
 * 0.0500000007): the range ends there, so that a weight at its bound is counted in the last bin. A sample walks every weight once and allocates nothing; the recording grows by doubling.
 *
 * <p>The projection needs one weight per synapse: weights drawn per synapse ({@code weights(…)}), or a rule that
 * changes them (STDP), which gives every synapse its own. A projection with one {@code weight(w)} for all synapses
 * and no such rule is refused: its histogram is one bar.
 */
public final class WeightHistogramMonitor implements Monitor {
    private final Projection projection;
    private final double intervalMs;
    private final int bins;
    private final double wMax;
    /** wMax rounded to float, the largest weight in range. */
    private final float top;
    /** Entries per sample: the bins, then the count outside [0, wMax]. */
    private final int width;
    private TimeGrid grid;
    private long interval;
    private int[] counts;
    private int total;
    private long firstStep = -1;

    /**
     * @param projection a projection with one weight per synapse
     * @param intervalMs the sampling interval, a whole number of steps
     * @param bins the number of bins, at least 1
     * @param wMax the upper end of the binned range, finite and &gt; 0 (a plasticity rule's w_max)
     */
    public WeightHistogramMonitor(Projection projection, double intervalMs, int bins, double wMax) {
        if (projection == null) {
            throw new IllegalArgumentException("projection = null: must be a projection with one weight per synapse");
        }
        if (projection.csr().weights() == null) {
            throw Check.fail("projection", projection.label() + " (one weight " + projection.weight()
                    + " for all its synapses)", "a projection with one weight per synapse (weights drawn with"
                    + " weights(…), or a plasticity rule that changes weights, such as STDP)");
        }
        Check.positive("recording interval (ms)", intervalMs);
        Check.positive("histogram bins", bins);
        if (bins == Integer.MAX_VALUE) {
            throw Check.fail("histogram bins", bins, "fewer than 2^31 - 1");
        }
        Check.positiveFloat("histogram wMax", wMax);
        this.projection = projection;
        this.intervalMs = intervalMs;
        this.bins = bins;
        this.wMax = wMax;
        this.top = (float) wMax;
        this.width = bins + 1;
        Check.fitsHeap(what() + ", 16 samples", 16L * width, 4, true);
        this.counts = new int[16 * width];
    }

    private String what() {
        return "weight histogram of " + projection.label() + " (" + bins + " bins over [0, " + wMax + "])";
    }

    @Override
    public String description() {
        return what() + " every " + intervalMs + " ms";
    }

    @Override
    public Population population() {
        return projection.population();
    }

    @Override
    public boolean recordsBeforeStep() {
        return true;
    }

    @Override
    public void prepare(TimeGrid grid) {
        this.grid = grid;
        this.interval = grid.steps("recording interval", intervalMs, 1);
    }

    /** The recording grows by doubling: the final array and the half-size one it is copied from. */
    @Override
    public void checkFits(long steps) {
        long samples = total + steps / interval + 1;
        long entries = samples * width;
        if (entries >= 0 && entries <= counts.length) {
            return;
        }
        String what = what() + ", recording " + samples + " samples (use a longer interval)";
        Growth.checkFits(what, entries, counts.length);
    }

    @Override
    public void record(long step) {
        if (step % interval != 0) {
            return;
        }
        if (firstStep < 0) {
            firstStep = step;
        }
        long needed = (long) (total + 1) * width;
        if (needed > counts.length) {
            counts = Arrays.copyOf(counts, Growth.grownLength(counts.length, needed));
        }
        int base = total * width;
        double scale = bins / wMax;
        int last = bins - 1;
        float[] weights = projection.csr().weights();
        for (float w : weights) {
            if (w >= 0 && w <= top) {
                counts[base + Math.min((int) (w * scale), last)]++;
            } else {
                counts[base + bins]++; // outside [0, wMax], NaN included
            }
        }
        total++;
    }

    @Override
    public void save(java.io.DataOutputStream out) throws IOException {
        out.writeInt(total);
        out.writeLong(firstStep);
        org.vecsnn.core.Checkpointed.writeInts(out, Arrays.copyOf(counts, total * width));
    }

    @Override
    public Runnable load(java.io.DataInputStream in) throws IOException {
        int t = in.readInt();
        long f = in.readLong();
        if (t < 0 || f < -1 || (t > 0) != (f >= 0) || t > Check.MAX_ARRAY / width) {
            throw new IOException(what() + ": sample count " + t + " or first step " + f + " out of range");
        }
        int[] staged = org.vecsnn.core.Checkpointed.readInts(in, t * width, what());
        return () -> {
            counts = Arrays.copyOf(staged, Math.max(staged.length, 16 * width));
            total = t;
            firstStep = f;
        };
    }

    public int bins() {
        return bins;
    }

    public double wMax() {
        return wMax;
    }

    /** The lower edge of each bin and, last, wMax ({@code bins + 1} values). */
    public double[] binEdges() {
        double[] edges = new double[bins + 1];
        for (int b = 0; b < bins; b++) {
            edges[b] = b * wMax / bins;
        }
        edges[bins] = wMax;
        return edges;
    }

    /** The number of samples recorded. */
    public int sampleCount() {
        return total;
    }

    /** The time of each sample in ms. */
    public double[] times() {
        double[] t = new double[total];
        for (int k = 0; k < total; k++) {
            t[k] = grid.time(firstStep + k * interval);
        }
        return t;
    }

    /** The count of synapses in each bin at sample {@code sample}. */
    public int[] counts(int sample) {
        Check.index("histogram sample", sample, total);
        return Arrays.copyOfRange(counts, sample * width, sample * width + bins);
    }

    /** The count of weights outside [0, wMax] (or NaN) at sample {@code sample}. */
    public int outside(int sample) {
        Check.index("histogram sample", sample, total);
        return counts[sample * width + bins];
    }

    /** Writes {@code t_ms}, one column {@code bin_b} per bin and {@code outside}, a row per sample. */
    public void writeTo(RecordSink sink) throws IOException {
        String[] columns = new String[bins + 2];
        columns[0] = "t_ms";
        for (int b = 0; b < bins; b++) {
            columns[b + 1] = "bin_" + b;
        }
        columns[bins + 1] = "outside";
        sink.begin("synapses of " + projection.label() + " per bin b: [b, b + 1) * " + wMax + " / " + bins
                + " (the last bin includes " + wMax + "); outside: not in [0, " + wMax + "]", columns);
        for (int s = 0; s < total; s++) {
            sink.cell(grid.time(firstStep + s * interval));
            for (int k = 0; k < width; k++) {
                sink.cell((long) counts[s * width + k]);
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
