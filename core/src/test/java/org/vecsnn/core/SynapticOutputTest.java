package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.ExponentialReceptor;

/** Conductance outputs drive V toward E; current outputs follow the sign of the weight. */
class SynapticOutputTest {
    @ParameterizedTest(name = "{0} output, E = {1}, w = {2}")
    @CsvSource({"conductance,0,1,1", "conductance,-80,1,-1", "conductance,-60,1,0", "current,0,2,1",
            "current,0,-2,-1"})
    void signOfTheResponse(String kind, double reversal, double weight, int expectedSign) {
        Network net = new Network(0.1, KernelProvider.get());
        SpikeTimesSource pre = net.add(new SpikeTimesSource("pre", 1, new int[] {0}, new double[] {0}));
        NeuronPopulation post = net.addNeurons("post", 1, new Lif(-60, -70, -50, 20, 1, 0, Integrator.EULER));
        post.set("V", i -> -60);
        SynapticOutput out = kind.equals("current") ? SynapticOutput.current() : SynapticOutput.conductance(reversal);
        net.connect(pre, new ExponentialReceptor(post, "g", 5,
                out)).connector(Connectors.oneToOne()).weight(weight).build();
        net.step(); // the spike of step 0 acts in step 1
        assertEquals(-60f, post.v()[0]);
        net.step();
        double dv = post.v()[0] + 60;
        // Euler, one step: ΔV = dt/τ · w·(E − V) (conductance) or dt/τ · w (current)
        double expected = 0.1 / 20 * weight * (kind.equals("current") ? 1 : reversal + 60);
        assertEquals(expected, dv, 1e-5);
        assertTrue(Math.signum(dv) == expectedSign, "ΔV = " + dv);
    }
}
