package org.vecsnn.equations;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecsnn.core.Network;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.core.synapse.VoltageJump;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.DualExponentialReceptor;
import org.vecsnn.models.synapse.DualExponentialReceptor.Normalisation;
import org.vecsnn.models.synapse.ExponentialReceptor;

/**
 * The seed's linear synapses written as Brian2 writes them — the synapse's variables in the target's equations and
 * {@code on_pre: x_post += w} ({@link OnPre}) — against the built-in receptors: the same spikes, the variable that
 * acts on the neuron (g, or V for the voltage jump) step by step within 1e-5 of its peak. Both integrate exactly
 * (the built-in with its compensated propagators, the equations with {@code exact}); the membrane is left out of
 * the synapse's equations (a passive v), so that exact applies to the whole system.
 */
class LinearSynapseEquationsTest {
    private static final double DT = 0.1;
    private static final double[] SPIKES = {1.0, 1.2, 5.0, 20.0, 20.3, 60.0, 61.0, 62.0, 150.0};
    private static final double W = 0.7;

    /**
     * {@code delaySteps}: both sides hold the weight at the start of its arrival step, but they take it at different
     * moments, which a sample after each step sees: an OnPre weight of one step goes into x after the step before
     * (as the built-in exponential's), a longer one at the start of its step (as the voltage jump's). Each case is
     * compared with a delay at which both take it at the same moment.
     */
    record Case(String equations, String onPre, String variable, Function<NeuronPopulation, SynapticInput> builtIn,
                String builtInVariable, int delaySteps) {}

    static Stream<Arguments> seedModels() {
        return Stream.of(
                Arguments.of("exponential", new Case("""
                        dv/dt = -v/taum : volt
                        dg/dt = -g/tau : 1""", "g += w", "g",
                        p -> new ExponentialReceptor(p, "s", 5, SynapticOutput.conductance(0)), "s.g", 1)),
                Arguments.of("dual exponential", new Case("""
                        dv/dt = -v/taum : volt
                        dg/dt = -g/tau_decay + h : 1
                        dh/dt = -h/tau_rise : 1/second""", "h += w", "g",
                        p -> DualExponentialReceptor.dualExponential(p, "s", 1, 10, Normalisation.JUMP,
                                SynapticOutput.conductance(0)), "s.g", 2)),
                Arguments.of("alpha", new Case("""
                        dv/dt = -v/taum : volt
                        dg/dt = -g/tau_decay + h : 1
                        dh/dt = -h/tau_decay : 1/second""", "h += w", "g",
                        p -> DualExponentialReceptor.alpha(p, "s", 10, Normalisation.JUMP,
                                SynapticOutput.conductance(0)), "s.g", 2)),
                Arguments.of("voltage jump", new Case("""
                        dv/dt = -v/taum : volt""", "v += w", "v",
                        p -> new VoltageJump(p, "s", false), "V", 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedModels")
    void seedLinearSynapsesFromStringsFollowTheBuiltInOnes(String name, Case c) {
        Network net = new Network(DT, KernelProvider.get());
        SpikeTimesSource pre = net.add(new SpikeTimesSource("pre", 1, new int[SPIKES.length], SPIKES.clone()));
        // rest at 0 mV, so that V's deflection is measured with float's precision near 0
        NeuronPopulation builtIn = net.addNeurons("builtin", 1,
                new Lif(0, 0, 1e6, 20, 1, 0, Integrator.EXPONENTIAL_EULER));
        EquationModel model = EquationModel.builder(c.equations())
                .constant("taum", "20*ms").constant("tau", "5*ms").constant("tau_rise", "1*ms")
                .constant("tau_decay", "10*ms").threshold("v > 1*volt").method("exact").build();
        NeuronPopulation fromStrings = net.addNeurons("equations", 1, model);
        net.connect(pre, c.builtIn().apply(builtIn)).connector(Connectors.oneToOne()).weight(W)
                .delaySteps(c.delaySteps()).build();
        net.connect(pre, new OnPre(fromStrings, "s", c.onPre())).connector(Connectors.oneToOne()).weight(W)
                .delaySteps(c.delaySteps()).build();
        float[] a = c.builtInVariable().equals("V") ? builtIn.v() : builtIn.state(c.builtInVariable());
        float[] b = c.variable().equals("v") ? fromStrings.v() : fromStrings.state(c.variable());
        double worst = 0;
        double peak = 0;
        for (int step = 0; step < 3000; step++) {
            net.step();
            peak = Math.max(peak, Math.abs(a[0]));
            worst = Math.max(worst, Math.abs(a[0] - b[0]));
        }
        assertTrue(peak > 0, name + ": the spikes moved it");
        assertTrue(worst <= 1e-5 * peak, name + ": differs by " + worst / peak + " of its peak " + peak);
    }
}
