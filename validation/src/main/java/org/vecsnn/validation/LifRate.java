package org.vecsnn.validation;

import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.models.neuron.Lif;

/** The firing rate of one LIF neuron under constant input, from its interspike intervals. */
final class LifRate {
    private LifRate() {}

    static double measure(Lif lif, double current, double dt) {
        Network net = new Network(dt, KernelProvider.get());
        NeuronPopulation p = net.addNeurons("lif", 1, lif);
        net.addCurrent(TimedCurrent.constant(p.all(), current));
        SpikeMonitor spikes = net.addMonitor(new SpikeMonitor(p));
        net.run(1000, ProgressListener.SILENT);
        double[] t = spikes.times();
        return t.length < 2 ? 0 : 1000 * (t.length - 1) / (t[t.length - 1] - t[0]);
    }
}
