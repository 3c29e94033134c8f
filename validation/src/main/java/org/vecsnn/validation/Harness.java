package org.vecsnn.validation;

import java.util.function.Function;
import java.util.function.IntToDoubleFunction;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.models.neuron.Lif;

/** Small simulations for the validation cases: one spike train through one synapse onto LIF neurons. */
public final class Harness {
    private Harness() {}

    /**
     * Spike train {@code spikeTimes} of one presynaptic unit reaches neuron j of the postsynaptic population through
     * a synapse of weight w and delay {@code delaysMs[j]}; {@code variable} of every neuron is sampled at the start
     * of every step.
     *
     * @return per neuron, the samples (times {@code n·dt}) with the arrival times of the spikes at it
     */
    public static Sampled run(double dt, Kernels kernels, Lif lif, Function<NeuronPopulation, SynapticInput> synapse,
                              double[] spikeTimes, double w, double[] delaysMs, double durationMs, String variable) {
        Network net = new Network(dt, kernels);
        SpikeTimesSource pre = net.add(new SpikeTimesSource("pre", 1, new int[spikeTimes.length], spikeTimes));
        int n = delaysMs.length;
        NeuronPopulation post = net.addNeurons("post", n, lif);
        SynapticInput input = synapse.apply(post);
        int[] targets = new int[n];
        for (int j = 0; j < n; j++) {
            targets[j] = j;
        }
        net.connect(pre, input).connector(Connectors.fromList(new int[n], targets, null, delaysMs)).weight(w).build();
        StateMonitor monitor = net.addMonitor(new StateMonitor(post, variable, targets, dt));
        net.run(durationMs, ProgressListener.SILENT);
        float[][] traces = new float[n][];
        double[][] arrivals = new double[n][spikeTimes.length];
        for (int j = 0; j < n; j++) {
            traces[j] = monitor.trace(j);
            long delaySteps = Math.round(delaysMs[j] / dt);
            for (int s = 0; s < spikeTimes.length; s++) {
                arrivals[j][s] = (Math.round(spikeTimes[s] / dt) + delaySteps) * dt;
            }
        }
        return new Sampled(monitor.times(), traces, arrivals);
    }

    /** Sampled traces of each postsynaptic neuron and the arrival times (ms) of the spikes at each. */
    public record Sampled(double[] t, float[][] traces, double[][] arrivals) {
        /** Neuron j's trace beside a reference computed from its arrival times. */
        public Comparison compare(int j, Function<double[], IntToDoubleFunction> referenceOfArrivals) {
            IntToDoubleFunction ref = referenceOfArrivals.apply(arrivals[j]);
            double[] sim = new double[t.length];
            double[] r = new double[t.length];
            for (int k = 0; k < t.length; k++) {
                sim[k] = traces[j][k];
                r[k] = ref.applyAsDouble(k);
            }
            return new Comparison(t, sim, r);
        }
    }
}
