package org.vecsnn.core;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.PlainKernels;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.ExponentialReceptor;
import org.vecsnn.models.synapse.KineticModel;
import org.vecsnn.models.synapse.KineticReceptor;

/**
 * Fuzzes the checkpoint reader: any byte string is loaded or refused with an IOException, never another exception
 * or a partly changed network. The seed (CheckpointFuzzTestInputs/checkpointReader/) is a valid checkpoint of
 * {@link #network()}.
 */
class CheckpointFuzzTest {
    static Network network() {
        Network net = new Network(0.1, new PlainKernels()).seed(2);
        PoissonSource drive = net.add(new PoissonSource("drive", 8, 50, 3));
        NeuronPopulation cells = net.addNeurons("cells", 6, Lif.defaults());
        net.connect(drive, new ExponentialReceptor(cells, "g", 5, SynapticOutput.current()))
                .connector(Connectors.fixedProbability(0.5, true)).weight(2).delaySteps(3).build();
        net.connect(drive, new KineticReceptor(cells, "ampa", KineticModel.ampa()))
                .connector(Connectors.fromList(new int[] {0, 1, 2}, new int[] {3, 4, 5}, null,
                        new double[] {0.1, 0.3, 0.5})).build();
        return net;
    }

    @FuzzTest(maxDuration = "10s")
    void checkpointReader(byte[] file) {
        Network net = network();
        net.runSteps(20, ProgressListener.SILENT);
        long step = net.stepIndex();
        try {
            Checkpoint.load(net, file, "fuzz input");
        } catch (IOException refused) {
            if (net.stepIndex() != step) {
                throw new AssertionError("a refused checkpoint changed the network", refused);
            }
        }
        net.runSteps(5, ProgressListener.SILENT);
    }
}
