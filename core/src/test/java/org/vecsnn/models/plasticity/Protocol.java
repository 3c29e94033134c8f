package org.vecsnn.models.plasticity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.Projection;
import org.vecsnn.core.connect.Connector;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.plasticity.PlasticityRule;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.core.synapse.VoltageJump;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.ExponentialReceptor;

/**
 * Pairs of neurons joined one to one (or by another connector) by a plastic projection: presynaptic unit i spikes
 * in the steps {@code pre[i]}, postsynaptic neuron i in the steps {@code post[i]} (a 100 mV jump from the step
 * before; its membrane is deaf to the plastic synapse, R = 1e-30), so that the rule sees exactly the planned spikes.
 */
final class Protocol {
    final Network net;
    final Projection plastic;
    private final SpikeMonitor postSpikes;
    private final long[][] post;

    Protocol(double dt, long[][] pre, long[][] post, PlasticityRule rule, double w0) {
        this(dt, pre, post, rule, w0, 1);
    }

    /** As above, the plastic synapses with a delay of {@code delaySteps}. */
    Protocol(double dt, long[][] pre, long[][] post, PlasticityRule rule, double w0, int delaySteps) {
        this(dt, pre, post, rule, w0, delaySteps, Connectors.oneToOne());
    }

    /** As above, the presynaptic units joined to the postsynaptic neurons by {@code connector}. */
    Protocol(double dt, long[][] pre, long[][] post, PlasticityRule rule, double w0, int delaySteps,
             Connector connector) {
        this.post = post;
        net = new Network(dt, KernelProvider.get());
        SpikeTimesSource source = net.add(source("pre", pre, 0, dt));
        SpikeTimesSource kick = net.add(source("kick", post, 1, dt));
        NeuronPopulation cells = net.addNeurons("post", post.length, Lif.defaults().withR(1e-30));
        net.connect(kick, new VoltageJump(cells, "kick", false)).connector(Connectors.oneToOne()).weight(100)
                .delaySteps(1).build();
        plastic = net.connect(source, new ExponentialReceptor(cells, "e", 5, SynapticOutput.current()))
                .connector(connector).weight(w0).delaySteps(delaySteps).plasticity(rule).name("plastic")
                .build();
        postSpikes = net.addMonitor(new SpikeMonitor(cells));
    }

    /** Unit i spikes in the steps {@code steps[i]} less {@code early}. */
    private static SpikeTimesSource source(String name, long[][] steps, int early, double dt) {
        int count = Arrays.stream(steps).mapToInt(s -> s.length).sum();
        int[] units = new int[count];
        double[] times = new double[count];
        int k = 0;
        for (int i = 0; i < steps.length; i++) {
            for (long s : steps[i]) {
                units[k] = i;
                times[k++] = (s - early) * dt;
            }
        }
        return new SpikeTimesSource(name, steps.length, units, times);
    }

    /** Runs {@code steps} steps, checks that the postsynaptic neurons spiked as planned, returns the weights. */
    float[] run(long steps) {
        net.runSteps(steps, ProgressListener.SILENT);
        long[] spiked = postSpikes.steps();
        int[] units = postSpikes.units();
        for (int i = 0; i < post.length; i++) {
            int unit = i;
            long[] planned = Arrays.stream(post[i]).filter(s -> s < steps).toArray();
            long[] seen = java.util.stream.IntStream.range(0, units.length).filter(k -> units[k] == unit)
                    .mapToLong(k -> spiked[k]).toArray();
            assertArrayEquals(planned, seen, "post spikes of neuron " + i);
        }
        return plastic.csr().weights().clone();
    }
}
