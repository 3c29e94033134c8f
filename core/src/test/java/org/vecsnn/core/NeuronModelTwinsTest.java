package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.simd.Kernels;
import org.vecsnn.core.simd.PlainKernels;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.AdEx;
import org.vecsnn.models.neuron.ExpIf;
import org.vecsnn.models.neuron.HodgkinHuxley;
import org.vecsnn.models.neuron.Izhikevich;
import org.vecsnn.models.neuron.Qif;
import org.vecsnn.models.synapse.ExponentialReceptor;

/**
 * Every neuron model under every general integrator on the JVM's kernels and on the plain twin, bit for bit: 48
 * neurons, each under its own constant current (from below to well above rheobase), with Poisson input through
 * conductance synapses. Both twins take exp from {@link org.vecsnn.core.simd.Exp}, so spikes and state are identical
 * even for a neuron that lingers near its threshold's saddle, where a last-bit difference would grow.
 */
@Tag("kernels")
class NeuronModelTwinsTest {
    static Stream<Arguments> modelsAndMethods() {
        List<NeuronModel> models = List.of(HodgkinHuxley.squid(), HodgkinHuxley.traubMiles(), ExpIf.defaults(),
                AdEx.defaults(), Izhikevich.defaults(), Qif.defaults());
        return models.stream().flatMap(m -> Stream.of(Integrator.EULER, Integrator.EXPONENTIAL_EULER, Integrator.RK4)
                .map(method -> Arguments.of(withMethod(m, method))));
    }

    static NeuronModel withMethod(NeuronModel m, Integrator method) {
        return switch (m) {
            case HodgkinHuxley h -> h.withMethod(method);
            case ExpIf e -> e.withMethod(method);
            case AdEx e -> e.withMethod(method);
            case Izhikevich e -> e.withMethod(method);
            case Qif e -> e.withMethod(method);
            default -> throw new IllegalArgumentException(m.toString());
        };
    }

    private record Run(SpikeMonitor spikes, NeuronPopulation neurons) {}

    private static Run run(NeuronModel model, Kernels kernels) {
        boolean hh = model instanceof HodgkinHuxley;
        // HH under forward Euler or RK4 needs steps below 0.1 ms (unstable at the action potential's peak)
        Network net = new Network(hh ? 0.01 : 0.1, kernels).seed(3);
        NeuronPopulation p = net.addNeurons("n", 48, model);
        double scale = model instanceof HodgkinHuxley h ? (h.c() > 10 ? 40 : 0.4)
                : model instanceof AdEx || model instanceof ExpIf || model instanceof Qif ? 0.25 : 0.5;
        PoissonSource drive = net.add(new PoissonSource("drive", 50, 20, 5));
        net.connect(drive, new ExponentialReceptor(p, "g", 5, SynapticOutput.conductance(0)))
                .connector(Connectors.fixedProbability(0.1, true)).weight(hh ? (scale > 1 ? 5 : 0.05) : 0.05)
                .build();
        SpikeMonitor spikes = net.addMonitor(new SpikeMonitor(p));
        for (int step = 0; step < Math.round(300 / net.grid().dt()); step++) {
            for (int i = 0; i < 48; i++) {
                p.input()[i] += (float) (i * scale);
            }
            net.step();
        }
        return new Run(spikes, p);
    }

    private static int[] counts(SpikeMonitor spikes) {
        int[] counts = new int[48];
        for (int unit : spikes.units()) {
            counts[unit]++;
        }
        return counts;
    }

    @ParameterizedTest
    @MethodSource("modelsAndMethods")
    void vectorAndPlainTwinsAgree(NeuronModel model) {
        Run plain = run(model, new PlainKernels());
        Run vector = run(model, KernelProvider.get());
        int[] plainCounts = counts(plain.spikes());
        int[] vectorCounts = counts(vector.spikes());
        assertTrue(plain.spikes().count() > 0, "some neurons fire");
        assertArrayEquals(plainCounts, vectorCounts, "spike counts");
        assertArrayEquals(plain.spikes().steps(), vector.spikes().steps(), "spike steps");
        assertArrayEquals(plain.neurons().v(), vector.neurons().v(), "V bit-identical");
    }
}
