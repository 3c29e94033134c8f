package org.vecsnn.core.input;

import java.util.function.DoubleUnaryOperator;
import org.vecsnn.core.Check;
import org.vecsnn.core.Range;
import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;

/**
 * A current that may vary in time, the same for every neuron of a range: in step n each neuron of the range
 * receives {@code amplitude(n·dt)}, held over the step. {@link #constant} is the time-invariant case.
 */
public final class TimedCurrent implements CurrentInput {
    private final NeuronPopulation target;
    private final int from;
    private final int to;
    private final DoubleUnaryOperator amplitudeOfTime;
    /** The amplitude of a {@link #constant} current, else NaN. */
    private final double constantAmplitude;
    /** The interval of {@link #samples} (ms), checked to be whole steps when the network is prepared; else NaN. */
    private final double sampleIntervalMs;
    /** The values of {@link #samples}, else null. */
    private final double[] samples;

    private TimedCurrent(Range range, DoubleUnaryOperator amplitudeOfTime, double constantAmplitude,
                         double sampleIntervalMs, double[] samples) {
        if (!(range.population() instanceof NeuronPopulation neurons)) {
            throw new IllegalArgumentException("current target = " + range.population()
                    + ": must be a neuron population");
        }
        if (amplitudeOfTime == null) {
            throw new IllegalArgumentException("current amplitude = null: must be a function of time (ms)");
        }
        this.target = neurons;
        this.from = range.from();
        this.to = range.to();
        this.amplitudeOfTime = amplitudeOfTime;
        this.constantAmplitude = constantAmplitude;
        this.sampleIntervalMs = sampleIntervalMs;
        this.samples = samples;
    }

    /** A constant current into every neuron of {@code range}. */
    public static TimedCurrent constant(Range range, double amplitude) {
        Check.finiteFloat("current amplitude", amplitude);
        return new TimedCurrent(range, t -> amplitude, amplitude, Double.NaN, null);
    }

    /** {@code amplitude(t)} (t in ms, the step's start) into every neuron of {@code range}. */
    public static TimedCurrent of(Range range, DoubleUnaryOperator amplitudeOfTime) {
        return new TimedCurrent(range, amplitudeOfTime, Double.NaN, Double.NaN, null);
    }

    /**
     * Samples held for {@code intervalMs} each, starting at t = 0; zero after the last. The interval must be a
     * whole number of steps (refused with a message when the network is prepared, never re-gridded).
     */
    public static TimedCurrent samples(Range range, double[] values, double intervalMs) {
        Check.positive("sample interval (ms)", intervalMs);
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("current samples = " + java.util.Arrays.toString(values)
                    + ": must hold at least one value");
        }
        double[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            Check.finiteFloat("current sample " + i, copy[i]);
        }
        return new TimedCurrent(range, t -> {
            long index = (long) Math.floor(t / intervalMs + 1e-9);
            return index < copy.length ? copy[(int) index] : 0.0;
        }, Double.NaN, intervalMs, copy);
    }

    /** The neurons it reaches. */
    public Range range() {
        return target.range(from, to);
    }

    /** The amplitude of a {@link #constant} current, else NaN. */
    public double constantAmplitude() {
        return constantAmplitude;
    }

    /** The interval (ms) of a current given as {@link #samples}, else NaN. */
    public double sampleIntervalMs() {
        return sampleIntervalMs;
    }

    /** A copy of the values of a current given as {@link #samples}, else null. */
    public double[] samples() {
        return samples == null ? null : samples.clone();
    }

    @Override
    public void prepare(TimeGrid grid) {
        if (!Double.isNaN(sampleIntervalMs)) {
            grid.steps("sample interval of the current into population '" + target.name() + "'", sampleIntervalMs, 1);
        }
    }

    @Override
    public double wholePopulationConstant() {
        return from == 0 && to == target.size() ? constantAmplitude : Double.NaN;
    }

    /** A function of time cannot be compared: only its kind and range are described. */
    @Override
    public String description() {
        String into = "current into " + target.name() + " [" + from + ", " + to + ")";
        if (!Double.isNaN(constantAmplitude)) {
            return into + ", constant " + constantAmplitude;
        }
        return Double.isNaN(sampleIntervalMs) ? into + ", a function of time"
                : into + ", samples every " + sampleIntervalMs + " ms: " + org.vecsnn.core.Checkpoint.digest(samples);
    }

    @Override
    public NeuronPopulation target() {
        return target;
    }

    @Override
    public void apply(long step, TimeGrid grid, Kernels kernels, int rangeFrom, int rangeTo) {
        double value = amplitudeOfTime.applyAsDouble(grid.time(step));
        if (!(Math.abs(value) <= Float.MAX_VALUE)) {
            throw new IllegalStateException("current into population '" + target.name() + "' at t = "
                    + grid.time(step) + " ms = " + value + ": must be finite within float range");
        }
        float amplitude = (float) value;
        if (amplitude == 0f) {
            return;
        }
        float[] input = target.input();
        if (from == 0 && to == target.size()) {
            kernels.add(input, amplitude, rangeFrom, rangeTo);
        } else {
            for (int i = Math.max(from, rangeFrom); i < Math.min(to, rangeTo); i++) {
                input[i] += amplitude;
            }
        }
    }
}
