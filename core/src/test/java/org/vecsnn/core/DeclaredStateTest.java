package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.PlainKernels;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.AdEx;
import org.vecsnn.models.neuron.ExpIf;
import org.vecsnn.models.neuron.HodgkinHuxley;
import org.vecsnn.models.neuron.Izhikevich;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.neuron.Qif;
import org.vecsnn.models.synapse.DualExponentialReceptor;
import org.vecsnn.models.synapse.ExponentialReceptor;
import org.vecsnn.models.synapse.KineticModel;
import org.vecsnn.models.synapse.KineticReceptor;
import org.vecsnn.models.synapse.ShortTermPlasticity;

/**
 * Declared state: every variable of every built-in model is known by name and recordable, including a synapse's
 * internal variables (dual-exponential h, NMDA x, GABA_B R and G), each synapse's current, and short-term
 * plasticity's u and x. Recorded values are checked against closed forms and the membrane equation.
 */
class DeclaredStateTest {
    private static final double DT = 0.1;

    @Test
    void everyNeuronModelDeclaresItsVariables() {
        List<NeuronModel> models = List.of(Lif.defaults(), HodgkinHuxley.squid(), ExpIf.defaults(),
                AdEx.defaults(), Izhikevich.of(0.02, 0.2, -65, 8), Qif.defaults());
        List<List<String>> expected = List.of(
                List.of("V", "V_low", "input", "refractory"),
                List.of("V", "m", "h", "n", "input", "conductance", "refractory"),
                List.of("V", "input", "refractory"),
                List.of("V", "w", "input", "refractory"),
                List.of("V", "u", "input", "refractory"),
                List.of("V", "input", "refractory"));
        for (int k = 0; k < models.size(); k++) {
            Network net = new Network(DT, new PlainKernels());
            NeuronPopulation p = net.addNeurons("p", 3, models.get(k));
            assertEquals(expected.get(k), p.store().spec().names(), models.get(k).toString());
            List<StateMonitor> monitors = new java.util.ArrayList<>();
            for (String name : expected.get(k)) {
                monitors.add(net.addMonitor(new StateMonitor(p, name, new int[] {0, 2}, DT)));
            }
            net.runSteps(5, ProgressListener.SILENT);
            for (StateMonitor m : monitors) {
                assertEquals(5, m.sampleCount());
            }
            // V as recorded at the first step is the model's initial V
            assertEquals((float) models.get(k).initialV(), monitors.get(0).trace(0)[0]);
        }
    }

    @Test
    void unknownNamesAreRefusedListingTheKnownOnes() {
        Network net = new Network(DT, new PlainKernels());
        NeuronPopulation p = net.addNeurons("p", 3, Lif.defaults());
        DualExponentialReceptor.dualExponential(p, "gaba", 1, 5, DualExponentialReceptor.Normalisation.PEAK,
                SynapticOutput.current());
        String m = assertThrows(IllegalArgumentException.class, () -> p.probe("gaba.q")).getMessage();
        assertTrue(m.contains("must be one of [V, V_low, input, gaba, gaba.g, gaba.h, gaba.g_low]"), m);
        m = assertThrows(IllegalArgumentException.class, () -> p.state("gaba.I")).getMessage();
        assertTrue(m.contains("a synapse's current is computed, not stored: record it with a StateMonitor"), m);
    }

    /** A spike of weight w arriving in step a: g = w·e^(−(n − a)·dt/τ) from step a on. */
    private static double exponential(double w, double tau, long n, long a) {
        return n < a ? 0 : w * Math.exp(-(n - a) * DT / tau);
    }

    @Test
    void aSynapsesCurrentIsWhatTheMembraneReceives() {
        Network net = new Network(DT, new PlainKernels());
        SpikeTimesSource pre = net.add(new SpikeTimesSource("pre", 1, new int[] {0, 0}, new double[] {1.0, 3.0}));
        Lif lif = Lif.defaults().withVRest(-60).withVReset(-70).withVTh(10);
        NeuronPopulation post = net.addNeurons("post", 1, lif);
        var ge = new ExponentialReceptor(post, "ge", 5, SynapticOutput.conductance(0));
        net.connect(pre, ge).connector(Connectors.oneToOne()).weight(0.3).delaySteps(2).build();
        StateMonitor v = net.addMonitor(new StateMonitor(post, "V", new int[] {0}, DT));
        StateMonitor current = net.addMonitor(new StateMonitor(post, "ge.I", new int[] {0}, DT));
        StateMonitor g = net.addMonitor(new StateMonitor(post, "ge", new int[] {0}, DT));
        net.runSteps(100, ProgressListener.SILENT);
        float[] vs = v.trace(0);
        float[] is = current.trace(0);
        float[] gs = g.trace(0);
        double a = -Math.expm1(-DT / lif.tau());
        for (int n = 0; n + 1 < vs.length; n++) {
            // the spikes of steps 10 and 30 act from steps 12 and 32
            double gExact = exponential(0.3, 5, n, 12) + exponential(0.3, 5, n, 32);
            assertEquals(gExact, gs[n], 1e-6, "g at step " + n);
            assertEquals(gExact * (0 - vs[n]), is[n], 1e-4, "I = g·(E − V) at step " + n);
            double next = vs[n] + a * (lif.vRest() - vs[n] + lif.r() * is[n]);
            assertEquals(next, vs[n + 1], 1e-4, "V at step " + (n + 1) + " from V and the recorded current");
        }
        assertTrue(is[20] > 1, "the synapse drove the membrane: I = " + is[20]);
    }

    @Test
    void internalSynapseVariablesFollowTheirClosedForms() {
        Network net = new Network(DT, new PlainKernels());
        SpikeTimesSource pre = net.add(new SpikeTimesSource("pre", 1, new int[] {0}, new double[] {0.5}));
        NeuronPopulation post = net.addNeurons("post", 1, Lif.defaults().withVTh(1e6));
        var dual = DualExponentialReceptor.dualExponential(post, "d", 2, 8, DualExponentialReceptor.Normalisation.JUMP,
                SynapticOutput.current());
        var nmda = new KineticReceptor(post, "nmda", KineticModel.nmda());
        var gabaB = new KineticReceptor(post, "gabab", KineticModel.gabaB());
        net.connect(pre, dual).connector(Connectors.oneToOne()).weight(1).delaySteps(1).build();
        Projection toNmda = net.connect(pre, nmda).connector(Connectors.oneToOne()).weight(1).delaySteps(1).build();
        Projection toGabaB = net.connect(pre, gabaB).connector(Connectors.oneToOne()).weight(1).delaySteps(1)
                .build();
        StateMonitor h = net.addMonitor(new StateMonitor(post, "d.h", new int[] {0}, DT));
        StateMonitor x = net.addMonitor(new StateMonitor(toNmda, "x", new int[] {0}, DT));
        StateMonitor bigG = net.addMonitor(new StateMonitor(toGabaB, "G", new int[] {0}, DT));
        StateMonitor s = net.addMonitor(new StateMonitor(toGabaB, "s", new int[] {0}, DT));
        StateMonitor r = net.addMonitor(new StateMonitor(toGabaB, "R", new int[] {0}, DT));
        net.runSteps(200, ProgressListener.SILENT);
        // the spike of step 5 arrives in step 6: h and x jump there and have decayed one step when read at step 7
        float[] hs = h.trace(0);
        float[] xs = x.trace(0);
        for (int n = 7; n < 200; n++) {
            assertEquals(Math.exp(-(n - 6) * DT / 2), hs[n], 2e-6, "dual-exponential h at step " + n);
            assertEquals(Math.exp(-(n - 6) * DT / 2), xs[n], 2e-6, "NMDA x at step " + n);
        }
        assertEquals(0, hs[6]);
        float[] gs = bigG.trace(0);
        float[] ss = s.trace(0);
        float[] rs = r.trace(0);
        assertTrue(rs[8] > 0 && gs[30] > gs[8], "R rises with the pulse and G follows it");
        KineticModel.GabaB model = KineticModel.gabaB();
        for (int n = 0; n < 200; n++) {
            double g4 = Math.pow(gs[n], 4);
            assertEquals(g4 / (g4 + model.kd()), ss[n], 1e-6 * Math.max(1e-3, ss[n]), "s = G⁴/(G⁴ + K_d) at " + n);
        }
    }

    @Test
    void shortTermPlasticityStateIsRecordable() {
        Network net = new Network(DT, new PlainKernels());
        SpikeTimesSource pre = net.add(new SpikeTimesSource("pre", 1, new int[] {0}, new double[] {1.0}));
        NeuronPopulation post = net.addNeurons("post", 1, Lif.defaults().withVTh(1e6));
        ShortTermPlasticity stp = ShortTermPlasticity.tsodyksMarkram(0.2, 100, 50);
        Projection p = net.connect(pre, new ExponentialReceptor(post, "e", 5, SynapticOutput.current()))
                .connector(Connectors.oneToOne()).weight(1).delaySteps(1).plasticity(stp).build();
        StateMonitor u = net.addMonitor(new StateMonitor(p, "u", new int[] {0}, DT));
        StateMonitor x = net.addMonitor(new StateMonitor(p, "x", new int[] {0}, DT));
        net.runSteps(20, ProgressListener.SILENT);
        // before the spike of step 10: u = 0, x = 1; after it: u⁺ = U, x⁺ = 1 − U (stored at the spike)
        assertEquals(0f, u.trace(0)[10]);
        assertEquals(1f, x.trace(0)[10]);
        assertEquals(0.2f, u.trace(0)[11]);
        assertEquals(0.8f, x.trace(0)[11], 1e-7);
        String m = assertThrows(IllegalArgumentException.class, () -> p.probe("y")).getMessage();
        assertTrue(m.contains("must be one of [u, x]"), m);
    }
}
