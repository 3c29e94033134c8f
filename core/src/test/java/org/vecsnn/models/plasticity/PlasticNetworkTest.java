package org.vecsnn.models.plasticity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecsnn.core.Checkpoint;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.Projection;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.connect.Distribution;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.ExponentialReceptor;

/**
 * The three rules together in a random network driven by Poisson input: identical spikes, weights and traces on 1,
 * 2 and 3 threads, and a run resumed from a checkpoint identical bit for bit to the uninterrupted one; the recurrent
 * rule meets its spikes after a dendritic delay (NEST's), the inhibitory one after an axonal delay (Brian2's).
 */
class PlasticNetworkTest {
    private static final double DT = 0.1;
    private static final List<String> PRE_TRACES = List.of("r1", "x_pre", "x_pre");
    private static final List<String> POST_TRACES = List.of("o2", "x_post", "x_post");

    /** Drive → cells (triplet), cells → cells (weight-dependent pair rule, nearest-spike), inh → cells (Vogels). */
    private static Network network(int threads) {
        Network net = new Network(DT, KernelProvider.get()).threads(threads).seed(11);
        PoissonSource drive = net.add(new PoissonSource("drive", 200, 50, 5));
        NeuronPopulation cells = net.addNeurons("cells", 300, Lif.defaults());
        NeuronPopulation inh = net.addNeurons("inh", 75, Lif.defaults());
        ExponentialReceptor exc = new ExponentialReceptor(cells, "e", 5, SynapticOutput.current());
        net.connect(drive, exc).connector(Connectors.fixedProbability(0.2, true))
                .weights(Distribution.normal(3.5, 0.8, 0.5, 5.5)).delaySteps(2).name("drive")
                .plasticity(TripletStdp.visualCortex(6)).build();
        net.connect(cells, exc).connector(Connectors.fixedProbability(0.05, false)).weight(1).delaySteps(15)
                .name("recurrent").plasticity(PairStdp.multiplicative(0.02, 0.021, 20, 20, 3, 0.5, Pairing.NEAREST)
                        .withDelays(0, 1.5)).build();
        net.connect(drive, new ExponentialReceptor(inh, "e", 5, SynapticOutput.current()))
                .connector(Connectors.fixedProbability(0.2, true)).weight(3).delaySteps(1).build();
        net.connect(inh, new ExponentialReceptor(cells, "i", 10, SynapticOutput.conductance(-20)))
                .connector(Connectors.fixedProbability(0.2, true)).weight(0.05).delaySteps(8).name("inhibitory")
                .plasticity(new InhibitoryStdp(0.005, 20, 5, 1).withDelays(0.8, 0)).build();
        net.addMonitor(new SpikeMonitor(cells));
        return net;
    }

    private static List<Projection> plastic(Network net) {
        return net.projections().stream().filter(p -> p.plasticity() != null).toList();
    }

    @Test
    void theRulesGiveIdenticalResultsOnOneTwoAndThreeThreads() {
        Network[] nets = new Network[3];
        float[][] initial = null;
        for (int threads = 1; threads <= 3; threads++) {
            nets[threads - 1] = network(threads);
            if (threads == 1) {
                initial = plastic(nets[0]).stream().map(p -> p.csr().weights().clone()).toArray(float[][]::new);
            }
            nets[threads - 1].runSteps(3000, ProgressListener.SILENT);
            assertEquals(threads, nets[threads - 1].threads());
        }
        SpikeMonitor spikes = (SpikeMonitor) nets[0].monitors().get(0);
        assertTrue(spikes.count() > 500, "spikes: " + spikes.count());
        for (int k = 1; k < 3; k++) {
            assertArrayEquals(spikes.units(), ((SpikeMonitor) nets[k].monitors().get(0)).units(), (k + 1) + " threads");
            assertArrayEquals(spikes.steps(), ((SpikeMonitor) nets[k].monitors().get(0)).steps(),
                    (k + 1) + " threads");
            for (int p = 0; p < 3; p++) {
                Projection one = plastic(nets[0]).get(p);
                Projection other = plastic(nets[k]).get(p);
                assertArrayEquals(one.csr().weights(), other.csr().weights(), 0f, one.name());
                assertArrayEquals(traces(one, PRE_TRACES.get(p)), traces(other, PRE_TRACES.get(p)), 0f, one.name());
                assertArrayEquals(traces(one, POST_TRACES.get(p)), traces(other, POST_TRACES.get(p)), 0f, one.name());
            }
        }
        for (int p = 0; p < 3; p++) {
            float[] w = plastic(nets[0]).get(p).csr().weights();
            int changed = 0;
            for (int e = 0; e < w.length; e++) {
                changed += w[e] != initial[p][e] ? 1 : 0;
            }
            assertTrue(changed > w.length / 2, plastic(nets[0]).get(p).name() + ": the rule changed most weights ("
                    + changed + " of " + w.length + ")");
        }
    }

    /** The values of a trace over every unit, read through the projection's probe. */
    private static float[] traces(Projection p, String name) {
        org.vecsnn.core.monitor.Probe probe = p.probe(name);
        float[] values = new float[probe.units()];
        for (int i = 0; i < values.length; i++) {
            values[i] = probe.value(i);
        }
        return values;
    }

    @Test
    void aCheckpointedRunResumesBitForBit(@TempDir Path dir) throws Exception {
        Network first = network(2);
        StateMonitor w = first.addMonitor(new StateMonitor(plastic(first).get(1), "w", new int[] {0, 5, 9}, DT));
        first.runSteps(1500, ProgressListener.SILENT);
        Path file = dir.resolve("stdp.ckpt");
        Checkpoint.save(first, file);
        first.runSteps(1500, ProgressListener.SILENT);

        Network resumed = network(1);
        resumed.addMonitor(new StateMonitor(plastic(resumed).get(1), "w", new int[] {0, 5, 9}, DT));
        Checkpoint.load(resumed, file);
        resumed.runSteps(1500, ProgressListener.SILENT);
        SpikeMonitor a = (SpikeMonitor) first.monitors().get(0);
        SpikeMonitor b = (SpikeMonitor) resumed.monitors().get(0);
        assertArrayEquals(a.units(), b.units());
        assertArrayEquals(a.steps(), b.steps());
        for (int p = 0; p < 3; p++) {
            Projection one = plastic(first).get(p);
            Projection other = plastic(resumed).get(p);
            assertArrayEquals(one.csr().weights(), other.csr().weights(), 0f, one.name());
            assertArrayEquals(traces(one, PRE_TRACES.get(p)), traces(other, PRE_TRACES.get(p)), 0f, one.name());
            assertArrayEquals(traces(one, POST_TRACES.get(p)), traces(other, POST_TRACES.get(p)), 0f, one.name());
        }
        float[] recorded = w.trace(1);
        assertArrayEquals(recorded, ((StateMonitor) resumed.monitors().get(1)).trace(1), 0f);
        assertFalse(recorded[0] == recorded[recorded.length - 1], "the recorded weight changed");
    }
}
