package org.vecsnn.core.monitor;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.vecsnn.core.Check;
import org.vecsnn.core.Population;
import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.neuron.NeuronPopulation;

/**
 * Records a state variable of chosen neurons every {@code interval} steps, at the start of the step: sample k holds
 * the state at {@code t = k·interval·dt}, before that step's update.
 */
public final class StateMonitor implements Monitor {
    private final NeuronPopulation population;
    private final String variable;
    private final int[] neurons;
    private final double intervalMs;
    private float[] source;
    private TimeGrid grid;
    private long interval;
    private float[] values = new float[4096];
    private int samples;

    /**
     * @param variable {@code "V"} or the name of a synaptic input with state
     * @param neurons the neurons to record
     * @param intervalMs the sampling interval, a whole number of steps
     */
    public StateMonitor(NeuronPopulation population, String variable, int[] neurons, double intervalMs) {
        if (population == null) {
            throw new IllegalArgumentException("population = null: must be a neuron population to monitor");
        }
        population.state(variable); // checks the name now
        if (neurons == null || neurons.length == 0) {
            throw new IllegalArgumentException("neurons to record = " + Arrays.toString(neurons)
                    + ": must name at least one neuron");
        }
        for (int neuron : neurons) {
            Check.index("recorded neuron of '" + population.name() + "'", neuron, population.size());
        }
        Check.positive("recording interval (ms)", intervalMs);
        this.population = population;
        this.variable = variable;
        this.neurons = neurons.clone();
        this.intervalMs = intervalMs;
    }

    @Override
    public Population population() {
        return population;
    }

    @Override
    public boolean recordsBeforeStep() {
        return true;
    }

    @Override
    public void prepare(TimeGrid grid) {
        this.grid = grid;
        this.interval = grid.steps("recording interval", intervalMs, 1);
        this.source = population.state(variable);
    }

    @Override
    public void record(long step) {
        if (step % interval != 0) {
            return;
        }
        int width = neurons.length;
        if ((samples + 1) * width > values.length) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, (samples + 1) * width));
        }
        int base = samples * width;
        for (int k = 0; k < width; k++) {
            values[base + k] = source[neurons[k]];
        }
        samples++;
    }

    public int sampleCount() {
        return samples;
    }

    /** The time of each sample in ms. */
    public double[] times() {
        double[] t = new double[samples];
        for (int k = 0; k < samples; k++) {
            t[k] = grid.time(k * interval);
        }
        return t;
    }

    /** The trace of the k-th recorded neuron (in the order given). */
    public float[] trace(int k) {
        Check.index("recorded neuron position", k, neurons.length);
        float[] trace = new float[samples];
        for (int s = 0; s < samples; s++) {
            trace[s] = values[s * neurons.length + k];
        }
        return trace;
    }

    public int[] neurons() {
        return neurons.clone();
    }

    /** Writes {@code t_ms} and one column per recorded neuron. */
    public void writeCsv(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write("t_ms");
            for (int neuron : neurons) {
                out.write("," + variable + "_" + neuron);
            }
            out.write("\n");
            for (int s = 0; s < samples; s++) {
                out.write(Csv.number(grid.time(s * interval)));
                for (int k = 0; k < neurons.length; k++) {
                    out.write("," + Csv.number(values[s * neurons.length + k]));
                }
                out.write("\n");
            }
        }
    }
}
