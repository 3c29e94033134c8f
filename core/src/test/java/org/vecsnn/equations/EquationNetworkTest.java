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

    /** Brian2's examples/COBAHH.py, its strings as they are (the equation of v continued over three lines). */
    static EquationModel cobahh() {
        return EquationModel.builder("""
                dv/dt = (gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-
                         g_na*(m*m*m)*h*(v-ENa)-
                         g_kd*(n*n*n*n)*(v-EK))/Cm : volt
                dm/dt = alpha_m*(1-m)-beta_m*m : 1
                dn/dt = alpha_n*(1-n)-beta_n*n : 1
                dh/dt = alpha_h*(1-h)-beta_h*h : 1
                dge/dt = -ge*(1./taue) : siemens
                dgi/dt = -gi*(1./taui) : siemens
                alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
                beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
                alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
                beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
                alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
                beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
                """).constant("area", "20000*umetre**2").constant("Cm", "(1*ufarad*cm**-2) * 20000*umetre**2")
                .constant("gl", "(5e-5*siemens*cm**-2) * 20000*umetre**2").constant("El", "-60*mV")
                .constant("EK", "-90*mV").constant("ENa", "50*mV")
                .constant("g_na", "(100*msiemens*cm**-2) * 20000*umetre**2")
                .constant("g_kd", "(30*msiemens*cm**-2) * 20000*umetre**2").constant("VT", "-63*mV")
                .constant("taue", "5*ms").constant("taui", "10*ms").constant("Ee", "0*mV").constant("Ei", "-80*mV")
                .threshold("v>-20*mV").refractory("3*ms").method("exponential_euler").build();
    }

    @Test
    void brian2sCobahhFromEquationsFiresAtTheBuiltInCobahhsRate() {
        int excitatory = (int) Math.round(0.8 * N);
        double p = BenchmarkNetworks.IN_DEGREE / N;
        Network net = new Network(DT, KernelProvider.get()).seed(SEED);
        NeuronPopulation cells = net.addNeurons("cobahh", N, cobahh());
        SplitMix64 init = SplitMix64.stream(SEED, -1);
        cells.set("V", i -> -60 + 5 * init.nextGaussian() - 5);
        cells.set("ge", i -> (1.5 * init.nextGaussian() + 4) * 10);
        cells.set("gi", i -> (12 * init.nextGaussian() + 20) * 10);
        net.connect(cells.range(0, excitatory), new OnPre(cells, "Ce", "ge += w")).name("E")
                .connector(Connectors.fixedProbability(p, true)).weight(6).build();
        net.connect(cells.range(excitatory, N), new OnPre(cells, "Ci", "gi += w")).name("I")
                .connector(Connectors.fixedProbability(p, true)).weight(67).build();
        SpikeMonitor eq = net.addMonitor(new SpikeMonitor(cells));
        EiNetwork builtIn = BenchmarkNetworks.cobahh(N, DT, SEED, KernelProvider.get());
        SpikeMonitor bi = builtIn.network().addMonitor(new SpikeMonitor(builtIn.neurons()));
        net.run(500, ProgressListener.SILENT);
        builtIn.network().run(500, ProgressListener.SILENT);
        double rateEq = eq.meanRate(0, N, 500);
        double rateBuiltIn = bi.meanRate(0, N, 500);
        int same = 0;
        while (same < Math.min(eq.count(), bi.count()) && eq.steps()[same] == bi.steps()[same]
                && eq.units()[same] == bi.units()[same]) {
            same++;
        }
        System.out.printf("COBAHH N=%d, 0.5 s: rate %.2f Hz from equations, %.2f Hz built-in; the first %d spikes"
                + " the same%n", N, rateEq, rateBuiltIn, same);
        assertTrue(rateBuiltIn > 1, "the built-in COBAHH fires: " + rateBuiltIn);
        assertEquals(rateBuiltIn, rateEq, 0.05 * rateBuiltIn, "rates within 5 %");
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
