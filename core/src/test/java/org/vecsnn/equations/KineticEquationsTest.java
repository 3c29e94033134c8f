package org.vecsnn.equations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecsnn.core.Network;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.KineticModel;
import org.vecsnn.models.synapse.KineticReceptor;
import org.vecsnn.networks.BrunelWang2001;

/**
 * The seed's kinetic synapses written as Brian2 synapse strings ({@code (clock-driven)} equations, {@code on_pre},
 * a {@code (summed)} conductance) against the built-in schemes with BrainPy's defaults: the same spikes through the
 * same receptor, the summed conductance step by step within 1e-5 of its peak (both step each variable by exponential
 * Euler with the others held; they round differently: the built-in precomputes its decays in double and carries
 * AMPA's rounding error).
 */
class KineticEquationsTest {
    private static final double DT = 0.1;
    /** Spikes in ms: lone ones, one during a pulse (which restarts it), a burst. */
    private static final double[] SPIKES = {1.0, 1.2, 5.0, 20.0, 20.3, 60.0, 61.0, 62.0, 63.0, 150.0};

    static Stream<Arguments> seedModels() {
        return Stream.of(
                Arguments.of("AMPA", KineticModel.ampa(), KineticStrings.ampa()),
                Arguments.of("GABA_A", KineticModel.gabaA(), KineticStrings.gabaA()),
                Arguments.of("NMDA", KineticModel.nmda(), KineticStrings.nmda()),
                Arguments.of("BioNMDA", KineticModel.bioNmda(), KineticStrings.bioNmda()),
                Arguments.of("GABA_B", KineticModel.gabaB(), KineticStrings.gabaB()),
                Arguments.of("GABA_B (Destexhe)", KineticModel.gabaBDesensitized(),
                        KineticStrings.gabaBDesensitized()));
    }

    /** The largest difference of the two receptors' g over 300 ms, relative to the built-in's peak; and the peak. */
    private static double[] compare(KineticModel builtIn, KineticEquations equations, boolean perSynapseDelays) {
        Network net = new Network(DT, KernelProvider.get());
        double[] times = SPIKES.clone();
        SpikeTimesSource pre = net.add(new SpikeTimesSource("pre", 2, new int[times.length], times));
        NeuronPopulation post = net.addNeurons("post", 3, new Lif(-65, -65, 1e6, 10, 1, 0,
                Integrator.EXPONENTIAL_EULER));
        KineticReceptor a = new KineticReceptor(post, "builtin", builtIn, builtIn.defaultOutput());
        KineticReceptor b = new KineticReceptor(post, "equations", equations);
        for (KineticReceptor r : List.of(a, b)) {
            if (perSynapseDelays) { // two synapses of unit 0 onto neuron 1, delays 0.3 and 1.0 ms
                net.connect(pre, r).connector(Connectors.fromList(new int[] {0, 0}, new int[] {1, 1},
                        new float[] {0.7f, 1.3f}, new double[] {0.3, 1.0})).build();
            } else {
                net.connect(pre, r).connector(Connectors.fromList(new int[] {0}, new int[] {1}, null, null))
                        .weight(0.7).delaySteps(2).build();
            }
        }
        double worst = 0;
        double peak = 0;
        for (int step = 0; step < 3000; step++) {
            net.step();
            float ga = a.state()[1];
            float gb = b.state()[1];
            peak = Math.max(peak, Math.abs(ga));
            worst = Math.max(worst, Math.abs(ga - gb));
            assertEquals(0f, b.state()[0], "neuron 0 receives nothing");
        }
        return new double[] {worst / peak, peak};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedModels")
    void seedKineticModelsFromStringsFollowTheBuiltInOnes(String name, KineticModel builtIn, KineticEquations eq) {
        for (boolean perSynapse : new boolean[] {false, true}) {
            double[] r = compare(builtIn, eq, perSynapse);
            assertTrue(r[1] > 0, name + ": the spikes moved g");
            assertTrue(r[0] <= 1e-5, name + (perSynapse ? " (per-synapse delays)" : "") + ": g differs by "
                    + r[0] + " of its peak " + r[1]);
        }
    }

    /**
     * Brian2's way: NMDA's sum onto a parameter of the neurons' equations, which write the Mg block themselves;
     * against the built-in LIF with the NMDA receptor and its Mg-block output (both Euler, so the same update).
     */
    @Test
    void summedOntoTheNeuronsEquationsActsAsTheBuiltInMgBlockOutput() {
        KineticEquations nmda = BrunelWang2001.nmdaFromBrian2Strings();
        EquationModel neuron = EquationModel.builder("""
                        dv/dt = (El - v + R*g_N*s_NMDA_tot*(E - v)/(1 + Mg*exp(-alpha*v)/beta))/taum : volt
                        s_NMDA_tot : 1""")
                .constant("El", "-65*mV").constant("R", "1000*Mohm").constant("g_N", "1*nS").constant("E", "0*mV")
                .constant("Mg", "1*mM").constant("alpha", "0.062/mV").constant("beta", "3.57*mM")
                .constant("taum", "20*ms").initial("v", "-65*mV").threshold("v > 1*volt").method("euler").build();
        Network net = new Network(DT, KernelProvider.get());
        SpikeTimesSource pre = net.add(new SpikeTimesSource("pre", 1, new int[SPIKES.length], SPIKES.clone()));
        NeuronPopulation builtIn = net.addNeurons("builtin", 1, new Lif(-65, -65, 1e6, 20, 1, 0, Integrator.EULER));
        NeuronPopulation fromStrings = net.addNeurons("equations", 1, neuron);
        KineticReceptor a = new KineticReceptor(builtIn, "NMDA", new KineticModel.Nmda(100, 2, 0.5, 1),
                new SynapticOutput.MgBlock(0, 1, 0.062, 3.57));
        KineticReceptor b = new KineticReceptor(fromStrings, "NMDA", nmda, nmda.summedOnto(fromStrings));
        net.connect(pre, a).connector(Connectors.oneToOne()).weight(3).delaySteps(2).build();
        net.connect(pre, b).connector(Connectors.oneToOne()).weight(3).delaySteps(2).build();
        float[] sum = fromStrings.state("s_NMDA_tot");
        double worstV = 0;
        double worstSum = 0;
        double peakSum = 0;
        double high = -65;
        float acting = 0; // the built-in's g at the step's start, with which its output acts
        for (int step = 0; step < 3000; step++) {
            net.step();
            worstV = Math.max(worstV, Math.abs(builtIn.v()[0] - fromStrings.v()[0]));
            worstSum = Math.max(worstSum, Math.abs(acting - sum[0])); // the sum the equations used in this step
            acting = a.state()[0];
            peakSum = Math.max(peakSum, acting);
            high = Math.max(high, builtIn.v()[0]);
        }
        assertTrue(high > -64, "the NMDA input depolarised the neuron: " + high + " mV");
        assertTrue(worstSum <= 1e-5 * peakSum, "sum differs by " + worstSum / peakSum + " of its peak");
        assertTrue(worstV <= 1e-4 * (high + 65), "V differs by " + worstV + " mV of a deflection of "
                + (high + 65) + " mV");
    }

    @Test
    void summedOntoRefusesATargetWithoutThatParameterOrOneAlreadySummedOnto() {
        KineticEquations nmda = BrunelWang2001.nmdaFromBrian2Strings();
        Network net = new Network(DT, KernelProvider.get());
        NeuronPopulation lif = net.addNeurons("lif", 1, Lif.defaults());
        IllegalArgumentException notEquations = assertThrows(IllegalArgumentException.class,
                () -> nmda.summedOnto(lif));
        assertTrue(notEquations.getMessage().contains("EquationModel"), notEquations.getMessage());
        NeuronPopulation other = withParameter(net, "other", "s_tot");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> nmda.summedOnto(other));
        assertTrue(missing.getMessage().contains("'s_NMDA_tot' as a per-neuron parameter"), missing.getMessage());
        NeuronPopulation cells = withParameter(net, "cells", "s_NMDA_tot");
        new KineticReceptor(cells, "NMDA", nmda, nmda.summedOnto(cells));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> nmda.summedOnto(cells));
        assertTrue(twice.getMessage().contains("synapse 'NMDA' already sums onto 's_NMDA_tot'"), twice.getMessage());
    }

    /** One neuron whose equations read the parameter {@code parameter}. */
    private static NeuronPopulation withParameter(Network net, String name, String parameter) {
        return net.addNeurons(name, 1, EquationModel.builder("dv/dt = -v/(10*ms) + " + parameter + "/ms*mV : volt\n"
                + parameter + " : 1").threshold("v > 1*volt").build());
    }

    @Test
    void pulseLastsItsWholeStepsAndARestartExtendsIt() {
        // ds/dt = T/ms: s counts the steps (×dt) its transmitter was on; 1 mM for 0.5 ms = 5 steps per pulse
        KineticEquations count = KineticEquations.builder("""
                        ds/dt = T/(mM*ms) : 1
                        T : mM
                        w : 1
                        g_post = w*s : 1 (summed)""")
                .transmitter("T", "1*mM", "0.5*ms").method("euler").output(SynapticOutput.current()).build();
        Network net = new Network(DT, KernelProvider.get());
        // unit 0: spikes at 1.0 and 1.2 ms (restart: on from arrival of the first to 5 steps after the second);
        // unit 1: one spike
        SpikeTimesSource pre = net.add(new SpikeTimesSource("pre", 2, new int[] {0, 0, 1},
                new double[] {1.0, 1.2, 3.0}));
        NeuronPopulation post = net.addNeurons("post", 2, new Lif(-65, -65, 1e6, 10, 1, 0,
                Integrator.EXPONENTIAL_EULER));
        KineticReceptor r = new KineticReceptor(post, "count", count);
        net.connect(pre, r).connector(Connectors.oneToOne()).delaySteps(1).build();
        net.run(10);
        assertEquals(7 * DT, r.state()[0], 1e-6, "2 steps, restarted, then 5");
        assertEquals(5 * DT, r.state()[1], 1e-6, "5 steps");
    }

    @Test
    void compilesOnceForTheSameModelAndGrid() {
        KineticEquations a = KineticStrings.ampa();
        KineticEquations b = KineticStrings.ampa();
        a.prepare(new org.vecsnn.core.TimeGrid(DT), "a");
        b.prepare(new org.vecsnn.core.TimeGrid(DT), "b");
        assertEquals(a.source(), b.source());
        assertTrue(a.source().contains("implements KineticEquations.Kernel"));
    }

    private static final String MODEL = """
            dg/dt = -g/tau_decay + a*x*(1 - g) : 1 (clock-driven)
            dx/dt = -x/tau_rise : 1 (clock-driven)
            w : 1
            g_post = w*g : 1 (summed)""";

    private static KineticEquations build(UnaryOperator<String> model, UnaryOperator<KineticEquations.Builder> more) {
        return more.apply(KineticEquations.builder(model.apply(MODEL)).onPre("x += 1")
                .constant("tau_decay", "100*ms").constant("tau_rise", "2*ms").constant("a", "0.5/ms")).build();
    }

    static Stream<Arguments> badModels() {
        UnaryOperator<KineticEquations.Builder> same = b -> b;
        return Stream.of(
                Arguments.of("no summed variable", (UnaryOperator<String>) m -> m.replace(" (summed)", ""), same,
                        "one (summed) variable"),
                Arguments.of("two summed", (UnaryOperator<String>) m -> m + "\nh_post = w*x : 1 (summed)", same,
                        "found 2"),
                Arguments.of("summed not w*s", (UnaryOperator<String>) m -> m.replace("w*g : 1", "w*g*g : 1"),
                        same, "must be 'g_post = w*s'"),
                Arguments.of("summed without _post", (UnaryOperator<String>) m -> m.replace("g_post", "gsyn"),
                        same, "end it with _post"),
                Arguments.of("another parameter", (UnaryOperator<String>) m -> m + "\np : 1", same,
                        "parameter 'p'|external constant"),
                Arguments.of("reads t", (UnaryOperator<String>) m -> m.replace("-x/tau_rise", "-x/tau_rise*t/ms"),
                        same, "the time t"),
                Arguments.of("noise", (UnaryOperator<String>) m -> m.replace("-x/tau_rise", "-x/tau_rise + xi/ms**0.5"),
                        same, "noise"),
                Arguments.of("event-driven", (UnaryOperator<String>) m -> m.replace("1 (clock-driven)\ndx",
                        "1 (event-driven)\ndx"), same, "flag 'event-driven' is not allowed|SynapseModel"),
                Arguments.of("units", (UnaryOperator<String>) m -> m.replace("-x/tau_rise", "-x"), same,
                        "units do not match"),
                Arguments.of("unknown name", (UnaryOperator<String>) m -> m.replace("-x/tau_rise", "-y/tau_rise"),
                        same, "'y'"),
                Arguments.of("weight in the dynamics", (UnaryOperator<String>) m -> m.replace("-x/tau_rise",
                        "-x*w/tau_rise"), same, "the weight w"),
                Arguments.of("on_pre assigns w", (UnaryOperator<String>) m -> m,
                        (UnaryOperator<KineticEquations.Builder>) b -> b.onPre("w += 1"), "on_pre assigns to 'w'"),
                Arguments.of("on_pre assigns the summed variable", (UnaryOperator<String>) m -> m,
                        (UnaryOperator<KineticEquations.Builder>) b -> b.onPre("g_post += 1"), "subexpression"),
                Arguments.of("nothing on a spike", (UnaryOperator<String>) m -> m,
                        (UnaryOperator<KineticEquations.Builder>) b -> b.onPre(null), "a spike would change nothing"),
                Arguments.of("transmitter not a parameter", (UnaryOperator<String>) m -> m,
                        (UnaryOperator<KineticEquations.Builder>) b -> b.transmitter("T", "1*mM", "1*ms"),
                        "transmitter 'T'"),
                Arguments.of("transmitter in the wrong unit", (UnaryOperator<String>) m -> m + "\nT : mM",
                        (UnaryOperator<KineticEquations.Builder>) b -> b.transmitter("T", "1*mV", "1*ms"),
                        "has unit"),
                Arguments.of("transmitter duration not a time", (UnaryOperator<String>) m -> m + "\nT : mM",
                        (UnaryOperator<KineticEquations.Builder>) b -> b.transmitter("T", "1*mM", "1*mV"),
                        "positive time"),
                Arguments.of("unknown method", (UnaryOperator<String>) m -> m,
                        (UnaryOperator<KineticEquations.Builder>) b -> b.method("midpoint"), "must be one of"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badModels")
    void badModelsAreRefusedWithTheReason(String what, UnaryOperator<String> model,
                                          UnaryOperator<KineticEquations.Builder> more, String says) {
        EquationException e = assertThrows(EquationException.class, () -> build(model, more));
        for (String s : says.split("\\|")) {
            assertTrue(e.getMessage().contains(s), what + ": '" + e.getMessage() + "' should say '" + s + "'");
        }
    }

    @Test
    void methodsThatCannotApplyAreRefusedWhenBuiltAndPulsesOffTheGridWhenTheGridIsKnown() {
        EquationException e = assertThrows(EquationException.class, () -> build(m -> m, b -> b.method("exact")));
        assertTrue(e.getMessage().contains("method 'exact' cannot"), e.getMessage());
        KineticEquations offGrid = KineticStrings.markov("0.98/mM/ms", "0.18/ms", "0.5*mM", "0.25*ms", 0);
        IllegalArgumentException off = assertThrows(IllegalArgumentException.class,
                () -> offGrid.prepare(new org.vecsnn.core.TimeGrid(DT), "ampa"));
        assertTrue(off.getMessage().contains("transmitter duration of synapse 'ampa'"), off.getMessage());
    }
}
