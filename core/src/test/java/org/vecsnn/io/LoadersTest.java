package org.vecsnn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.connect.ConnectionContext;
import org.vecsnn.core.connect.Csr;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.simd.PlainKernels;
import org.vecsnn.models.neuron.Lif;

class LoadersTest {
    private static final TimeGrid GRID = new TimeGrid(0.1);

    private static String refusal(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    @Test
    void connectionListsWithHeaderWeightsAndDelays() {
        Csr csr = ConnectionListFile.parse("pre,post,weight,delay_ms  # PyNN columns\n"
                + "2, 1, 0.5, 0.1\n\n0,3,1.5,0.2\n# a comment line\n2,0,2.5,1.7\n")
                .connect(new ConnectionContext(3, 4, ConnectionContext.NO_SELF, GRID, 0));
        assertArrayEquals(new int[] {0, 1, 1, 3}, csr.rowStart());
        assertArrayEquals(new int[] {3, 0, 1}, csr.targets());
        assertArrayEquals(new float[] {1.5f, 2.5f, 0.5f}, csr.weights());
        assertArrayEquals(new short[] {2, 17, 1}, csr.delays());
        assertTrue(refusal(() -> ConnectionListFile.parse("0,1\n2,x\n")).startsWith("line 2: post = x: must be an "
                + "integer"));
        assertTrue(refusal(() -> ConnectionListFile.parse("0,1,2\n3,4\n")).startsWith("line 2: 2 columns: must have"
                + " 3"));
        assertTrue(refusal(() -> ConnectionListFile.parse("0,1,NaN\n")).startsWith("line 1: weight = NaN: must be a"
                + " finite number"));
        assertTrue(refusal(() -> ConnectionListFile.parse("# nothing\n")).contains("no synapses"));
        assertTrue(refusal(() -> ConnectionListFile.parse("0,-1\n")).contains("post = -1: must be an index >= 0"));
    }

    @Test
    void spikeTimeFilesFeedASource() {
        SpikeTimesSource source = SpikeTimesFile.parse("neuron,t_ms\n1,0.5\n0,0.2\n1,1.0\n", "given", 2);
        Network net = new Network(0.1, new PlainKernels());
        net.add(source);
        SpikeMonitor spikes = net.addMonitor(new SpikeMonitor(source));
        net.run(2, ProgressListener.SILENT);
        assertArrayEquals(new long[] {2, 5, 10}, spikes.steps());
        assertArrayEquals(new int[] {0, 1, 1}, spikes.units());
        assertTrue(refusal(() -> SpikeTimesFile.parse("0,1,2\n", "g", 2)).startsWith("line 1: 3 columns"));
        assertTrue(refusal(() -> SpikeTimesFile.parse("5,1\n", "g", 2)).contains("unit of spike 0 of 'g' = 5"));
        assertTrue(refusal(() -> SpikeTimesFile.parse("0,-3\n", "g", 2)).contains("(ms) = -3.0"));
    }

    @Test
    void lifParameterFiles() {
        Lif lif = LifParameterFile.parse("# COBA\nvRest = -60\nvReset=-60\nvTh = -50\ntau = 20\ntRef = 5\n"
                + "method = euler\n");
        assertEquals(new Lif(-60, -60, -50, 20, 1, 5, Integrator.EULER), lif);
        assertEquals(Lif.defaults(), LifParameterFile.parse(""));
        assertTrue(refusal(() -> LifParameterFile.parse("tau = -1\n")).startsWith("line 1: LIF tau (ms) = -1.0"));
        assertTrue(refusal(() -> LifParameterFile.parse("tau = 1\ntau = 2\n")).contains("line 2: tau given twice"));
        assertTrue(refusal(() -> LifParameterFile.parse("taum = 1\n")).contains("taum: must be one of"));
        assertEquals(Integrator.RK4, LifParameterFile.parse("method = rk4\n").method());
        assertTrue(refusal(() -> LifParameterFile.parse("method = rk2\n")).contains("method = rk2: must be euler"));
        assertTrue(refusal(() -> LifParameterFile.parse("vTh\n")).contains("must be key = value"));
    }
}
