package org.vecsnn.core.input;

import java.util.Arrays;
import org.vecsnn.core.Check;
import org.vecsnn.core.Population;
import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.simd.Kernels;

/**
 * Units that spike at given times. A spike at time t is emitted in step {@code round(t/dt)} (so through a delay of
 * k steps it acts in step round(t/dt) + k); two spikes of one unit in the same step are refused.
 */
public final class SpikeTimesSource extends Population {
    private final int[] units;
    private final double[] timesMs;
    private long[] steps;
    private int[] order;

    /** Spike s is unit {@code units[s]} at {@code timesMs[s]}; any order. */
    public SpikeTimesSource(String name, int size, int[] units, double[] timesMs) {
        super(name, size, 4); // the spike list; the spikes' own arrays are the caller's size
        if (units == null || timesMs == null || units.length != timesMs.length) {
            throw new IllegalArgumentException("spike times of '" + name + "': units and times must be arrays of"
                    + " equal length");
        }
        for (int s = 0; s < units.length; s++) {
            Check.index("unit of spike " + s + " of '" + name + "'", units[s], size);
            Check.nonNegative("time of spike " + s + " of '" + name + "' (ms)", timesMs[s]);
        }
        this.units = units.clone();
        this.timesMs = timesMs.clone();
    }

    /** The unit of each spike, in the order given (a copy). */
    public int[] units() {
        return units.clone();
    }

    /** The time of each spike in ms, in the order given (a copy). */
    public double[] timesMs() {
        return timesMs.clone();
    }

    @Override
    public String description() {
        return super.description() + ", units " + org.vecsnn.core.Checkpoint.digest(units) + ", times (ms) "
                + org.vecsnn.core.Checkpoint.digest(timesMs);
    }

    @Override
    public void prepare(TimeGrid grid) {
        int n = units.length;
        long[] stepOf = new long[n];
        Integer[] sorted = new Integer[n];
        for (int s = 0; s < n; s++) {
            stepOf[s] = Math.round(timesMs[s] / grid.dt());
            sorted[s] = s;
        }
        Arrays.sort(sorted, (a, b) -> stepOf[a] != stepOf[b] ? Long.compare(stepOf[a], stepOf[b])
                : Integer.compare(units[a], units[b]));
        for (int e = 1; e < n; e++) {
            int a = sorted[e - 1];
            int b = sorted[e];
            if (stepOf[a] == stepOf[b] && units[a] == units[b]) {
                throw new IllegalArgumentException("spike times of '" + name() + "': unit " + units[b]
                        + " spikes twice in step " + stepOf[b] + " (t = " + timesMs[a] + " and " + timesMs[b]
                        + " ms): at most one spike per unit per step");
            }
        }
        steps = new long[n];
        order = new int[n];
        for (int e = 0; e < n; e++) {
            steps[e] = stepOf[sorted[e]];
            order[e] = units[sorted[e]];
        }
    }

    /** Stateless: the spikes of a step are found by binary search, so ranges can run on any thread. */
    @Override
    public int update(long step, Kernels kernels, int from, int to, int[] out, int at) {
        int low = 0;
        int high = steps.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (steps[mid] < step) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        for (int k = low; k < steps.length && steps[k] == step; k++) {
            if (order[k] >= from && order[k] < to) {
                out[at++] = order[k];
            }
        }
        return at;
    }
}
