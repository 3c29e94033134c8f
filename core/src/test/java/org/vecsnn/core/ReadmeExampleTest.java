package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.Lif;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.synapse.ExponentialReceptor;
import org.vecsnn.core.synapse.SynapticOutput;

/** The README's library example, kept compiling and running. */
class ReadmeExampleTest {
    @Test
    void readmeExampleRuns() {
        // --- README example: begin
        Network net = new Network(0.1);                                   // dt = 0.1 ms
        NeuronPopulation cells = net.addLif("cells", 1000,
                new Lif(-60, -60, -50, 20, 1, 5, Integrator.EXPONENTIAL_EULER));
        Random random = new Random(1);
        cells.set("V", i -> -60 + 10 * random.nextDouble());
        ExponentialReceptor ampa = cells.addExponential("ampa", 5, SynapticOutput.conductance(0));
        PoissonSource drive = net.add(new PoissonSource("drive", 200, 10.0, 42));
        net.connect(drive, ampa)
                .connector(Connectors.fixedProbability(0.1, true))
                .weight(0.3)
                .delay(1.5)                                              // ms: 15 whole steps
                .build();
        net.addCurrent(TimedCurrent.constant(cells.range(0, 500), 5.0));
        SpikeMonitor spikes = net.addMonitor(new SpikeMonitor(cells));
        StateMonitor v = net.addMonitor(new StateMonitor(cells, "V", new int[] {0, 1}, 0.1));

        net.run(500);                                                     // ms
        for (int n = 0; n < 100; n++) {                                   // or step by step: step() allocates nothing
            cells.input()[7] += 2.0f;                                     // external current for this step
            net.step();
            int count = cells.spikeCount();                               // who spiked: cells.spikes()[0..count)
        }
        System.out.printf("%d spikes, %.1f Hz%n", spikes.count(), spikes.meanRate(0, 1000, net.time()));
        // --- README example: end
        assertTrue(spikes.count() > 0);
        assertTrue(v.sampleCount() == 5100);
    }
}
