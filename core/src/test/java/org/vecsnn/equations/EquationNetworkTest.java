package org.vecsnn.equations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.connect.SplitMix64;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.BenchmarkNetworks;
import org.vecsnn.networks.EiNetwork;

/** Equation models in networks: on_pre synapses, and Brian2's CUBA pasted as strings beside the built-in CUBA. */
class EquationNetworkTest {
    private static final double DT = 0.1;
    private static final int N = 4000;
    private static final long SEED = 5;

    /** Brian2's examples/CUBA.py, its strings as they are. */
    static EquationModel cuba() {
        return EquationModel.builder("""
                dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
                dge/dt = -ge/taue : volt
                dgi/dt = -gi/taui : volt
                """).constant("taum", "20*ms").constant("taue", "5*ms").constant("taui", "10*ms")
                .constant("Vt", "-50*mV").constant("Vr", "-60*mV").constant("El", "-49*mV")
                .threshold("v>Vt").reset("v = Vr").refractory("5*ms").method("exact").build();
    }

    /** CUBA from equations with the built-in network's connectivity, initial V and weights (we, wi in mV). */
    private static Network cubaFromEquations(SpikeMonitor[] out) {
        int excitatory = (int) Math.round(0.8 * N);
        double p = BenchmarkNetworks.IN_DEGREE / N;
        Network net = new Network(DT, KernelProvider.get()).seed(SEED);
        NeuronPopulation cells = net.addNeurons("cuba", N, cuba());
        SplitMix64 init = SplitMix64.stream(SEED, -1);
        cells.set("V", i -> -60 + 10 * init.nextDouble());
        OnPre ge = new OnPre(cells, "Ce", "ge += w");
        OnPre gi = new OnPre(cells, "Ci", "gi_post += w");
        net.connect(cells.range(0, excitatory), ge).name("E").connector(Connectors.fixedProbability(p, true))
                .weight(60 * 0.27 / 10).build();
        net.connect(cells.range(excitatory, N), gi).name("I").connector(Connectors.fixedProbability(p, true))
                .weight(-20 * 4.5 / 10).build();
        out[0] = net.addMonitor(new SpikeMonitor(cells));
        return net;
    }

    @Test
    void brian2sCubaFromEquationsFiresAtTheBuiltInCubasRate() {
        SpikeMonitor[] eq = new SpikeMonitor[1];
        Network fromEquations = cubaFromEquations(eq);
        EiNetwork builtIn = BenchmarkNetworks.cuba(N, DT, SEED, KernelProvider.get());
        SpikeMonitor bi = builtIn.network().addMonitor(new SpikeMonitor(builtIn.neurons()));
        long t0 = System.nanoTime();
        fromEquations.run(500, ProgressListener.SILENT);
        long t1 = System.nanoTime();
        builtIn.network().run(500, ProgressListener.SILENT);
        long t2 = System.nanoTime();
        double rateEq = eq[0].meanRate(0, N, 500);
        double rateBuiltIn = bi.meanRate(0, N, 500);
        System.out.printf("CUBA N=%d, 0.5 s: rate %.2f Hz from equations, %.2f Hz built-in; wall %.2f s / %.2f s%n",
                N, rateEq, rateBuiltIn, (t1 - t0) * 1e-9, (t2 - t1) * 1e-9);
        assertTrue(rateBuiltIn > 1, "the built-in CUBA fires: " + rateBuiltIn);
        assertEquals(rateBuiltIn, rateEq, 0.05 * rateBuiltIn, "rates within 5 %");
        // before the network's chaos separates them, the first spikes are the same
        long[] a = java.util.Arrays.copyOf(bi.steps(), 50);
        long[] b = java.util.Arrays.copyOf(eq[0].steps(), 50);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, "the first 50 spike steps");
    }

    @Test
    void onPreAddsTheWeightToTheVariableForTheNextStep() {
        Network net = new Network(DT, KernelProvider.get());
        NeuronPopulation source = net.addNeurons("source", 1, EquationModel.builder("dv/dt = 1*mV/ms : volt")
                .threshold("v > 0.55*mV").reset("v = 0*mV").build());
        NeuronPopulation target = net.addNeurons("target", 1, EquationModel.builder("""
                dv/dt = -v/(10*ms) : volt
                dge/dt = -ge/(5*ms) : volt
                """).build());
        net.connect(source, new OnPre(target, "exc", "ge_post += w")).weight(2).build();
        StateMonitor ge = net.addMonitor(new StateMonitor(target, "ge", new int[] {0}, DT));
        net.runSteps(12, ProgressListener.SILENT);
        // the source crosses 0.55 mV in step 5 (V after it: 0.6); one step of delay: ge = 2 mV at the start of step
        // 7, then decays exactly by e^(−dt/5 ms) per step; the monitor records at each step's start
        float[] g = ge.trace(0);
        assertEquals(0, g[6], 0);
        assertEquals(2 * Math.exp(-DT / 5), g[7], 1e-6);
        assertEquals(2 * Math.exp(-5 * DT / 5), g[11], 1e-6);
    }

    @Test
    void onPreRefusesWhatItDoesNotSupport() {
        Network net = new Network(DT, KernelProvider.get());
        NeuronPopulation cells = net.addNeurons("c", 2, cuba());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OnPre(cells, "x", "ge_post += 2*w"));
        assertTrue(e.getMessage().contains("the supported form is 'x_post += w'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new OnPre(cells, "x", "gx_post += w"));
        assertTrue(e.getMessage().contains("'gx' is not a variable"), e.getMessage());
    }
}
