package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.core.synapse.VoltageJump;
import org.vecsnn.models.neuron.AdEx;
import org.vecsnn.models.neuron.ExpIf;
import org.vecsnn.models.neuron.HodgkinHuxley;
import org.vecsnn.models.neuron.Izhikevich;
import org.vecsnn.models.neuron.Qif;
import org.vecsnn.models.synapse.ExponentialReceptor;

/**
 * Every synapse model (and a voltage jump, and the Mg-blocked output) drives every neuron model: one presynaptic
 * spike at 5 ms (GABA_B: a 400 Hz burst of 20) moves V away from an unconnected twin's in the direction of the
 * synapse's reversal potential (or its sign, for currents), and the state stays finite.
 */
class EverySynapseOnEveryModelTest {
    static final List<String> SYNAPSES = List.of("exponential", "dual", "alpha", "AMPA", "GABA_A", "NMDA", "BioNMDA",
            "GABA_B", "GABA_B_DESENSITIZED", "jump", "mgBlock");

    static Stream<Arguments> pairs() {
        List<NeuronModel> models = List.of(HodgkinHuxley.squid(), HodgkinHuxley.traubMiles(), ExpIf.defaults(),
                AdEx.defaults(), Izhikevich.defaults(), Qif.defaults());
        return models.stream().flatMap(m -> SYNAPSES.stream().map(s -> Arguments.of(m, s)));
    }

    private static float[] v(NeuronModel model, String synapse, boolean connected) {
        Network net = new Network(0.05, KernelProvider.get());
        // GABA_B's G⁴/(G⁴ + K_d) needs a burst of spikes to rise (it is built to), the others one spike
        boolean gabaB = synapse.equals("GABA_B");
        double[] times = gabaB ? java.util.stream.IntStream.range(0, 20).mapToDouble(k -> 5 + 2.5 * k).toArray()
                : new double[] {5};
        SpikeTimesSource pre = net.add(new SpikeTimesSource("pre", 1, new int[times.length], times));
        NeuronPopulation post = net.addNeurons("post", 1, model);
        SynapticInput in = switch (synapse) {
            case "jump" -> new VoltageJump(post, "s", false);
            case "mgBlock" -> new ExponentialReceptor(post, "s", 5, SynapticOutput.mgBlock());
            default -> SynapseCatalogueTest.receptor(post, synapse);
        };
        if (connected) {
            net.connect(pre, in).connector(Connectors.allToAll(true)).weight(synapse.equals("jump") ? 2 : 1).build();
        }
        var monitor = net.addMonitor(new org.vecsnn.core.monitor.StateMonitor(post, "V", new int[] {0}, 0.05));
        net.run(gabaB ? 100 : 8, ProgressListener.SILENT);
        return monitor.trace(0);
    }

    @ParameterizedTest(name = "{1} onto {0}")
    @MethodSource("pairs")
    void aSpikeMovesV(NeuronModel model, String synapse) {
        float[] alone = v(model, synapse, false);
        float[] driven = v(model, synapse, true);
        boolean inhibitory = synapse.startsWith("GABA");
        double moved = 0;
        for (int k = 0; k < alone.length; k++) {
            assertTrue(Float.isFinite(driven[k]), "V finite: " + driven[k]);
            moved = Math.max(moved, inhibitory ? alone[k] - driven[k] : driven[k] - alone[k]);
        }
        assertTrue(moved > 1e-6, "V moved the synapse's way: by " + moved + " mV at most");
    }
}
