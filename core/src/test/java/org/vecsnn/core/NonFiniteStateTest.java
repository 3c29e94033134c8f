package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.models.synapse.KineticModel;
import org.vecsnn.models.synapse.KineticReceptor;
import org.vecsnn.networks.BenchmarkNetworks;
import org.vecsnn.networks.EiNetwork;

/** A NaN or infinity in any state stops the run within the check interval, naming where and when. */
class NonFiniteStateTest {
    private static NonFiniteStateException runUntilCaught(Network net, long steps) {
        return assertThrows(NonFiniteStateException.class, () -> {
            for (long s = 0; s < steps; s++) {
                net.step();
            }
        });
    }

    @Test
    void aNanMembraneIsReportedWithinTheInterval() {
        EiNetwork coba = BenchmarkNetworks.coba(400, 0.1, 1, KernelProvider.get());
        Network net = coba.network().checkFiniteEvery(100);
        for (int s = 0; s < 250; s++) {
            net.step();
        }
        coba.neurons().input()[7] = Float.NaN; // acts in step 250
        NonFiniteStateException e = runUntilCaught(net, 1000);
        assertTrue(net.stepIndex() <= 250 + 100, "caught after step " + net.stepIndex());
        assertTrue(e.getMessage().startsWith("population 'coba', neuron 7: V = NaN after step 299 (t = 30.0 ms)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("the check after step 199 found all state finite"), e.getMessage());
    }

    @Test
    void synapseAndChannelStatesAreWatchedToo() {
        EiNetwork coba = BenchmarkNetworks.coba(400, 0.1, 1, KernelProvider.get());
        coba.network().checkFiniteEvery(10).prepare();
        coba.inhibitoryReceptor().g()[33] = Float.POSITIVE_INFINITY;
        NonFiniteStateException e = runUntilCaught(coba.network(), 100);
        assertTrue(e.getMessage().contains("synapse 'gi' on population 'coba', neuron 33: g = "), e.getMessage());

        Network net = new Network(0.1, KernelProvider.get()).checkFiniteEvery(5);
        NeuronPopulation p = net.addNeurons("p", 20, org.vecsnn.models.neuron.Lif.defaults());
        var ampa = new KineticReceptor(p, "ampa", KineticModel.ampa());
        Projection projection = net.connect(p, ampa).connector(Connectors.fixedProbability(0.3, false)).build();
        net.prepare();
        ((org.vecsnn.models.synapse.KineticReceptor.Channels) projection.channels()).variable(0)[4] = Float.NaN;
        e = runUntilCaught(net, 20);
        assertTrue(e.getMessage().contains("synapse 'ampa' on population 'p', projection 0, presynaptic neuron 4: s"),
                e.getMessage());
        assertEquals(5, net.stepIndex());
    }

    @Test
    void theCheckCanBeTurnedOff() {
        EiNetwork coba = BenchmarkNetworks.coba(400, 0.1, 1, KernelProvider.get());
        coba.network().checkFiniteEvery(0).prepare();
        coba.neurons().v()[3] = Float.NaN;
        assertDoesNotThrow(() -> coba.network().runSteps(300, ProgressListener.SILENT));
        assertThrows(NonFiniteStateException.class, coba.network()::checkFinite);
    }
}
