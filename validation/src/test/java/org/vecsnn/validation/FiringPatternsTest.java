package org.vecsnn.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.models.neuron.AdEx;
import org.vecsnn.models.neuron.Izhikevich;

/**
 * The published firing patterns from their published parameter sets, told apart by interspike-interval statistics,
 * 500 ms of constant current at dt = 0.1 ms: Izhikevich (2003, Fig. 2; I = 10) regular spiking, fast spiking,
 * intrinsic bursting and chattering; AdEx (Naud et al. 2008, Table 1; spike cut at V_T + 5·Δ_T as in Brian2)
 * tonic spiking, adaptation, initial burst and regular bursting.
 */
class FiringPatternsTest {
    private static double[] isis(NeuronModel model, double current) {
        Network net = new Network(0.1, KernelProvider.get());
        NeuronPopulation p = net.addNeurons("n", 1, model);
        net.addCurrent(TimedCurrent.constant(p.all(), current));
        SpikeMonitor spikes = net.addMonitor(new SpikeMonitor(p));
        net.run(500, ProgressListener.SILENT);
        double[] t = spikes.timesOf(0);
        double[] isi = new double[Math.max(t.length - 1, 0)];
        for (int k = 0; k < isi.length; k++) {
            isi[k] = t[k + 1] - t[k];
        }
        return isi;
    }

    private static Izhikevich izhikevich(double a, double b, double c, double d, Integrator method) {
        return Izhikevich.of(a, b, c, d).withMethod(method);
    }

    private static AdEx naud(double c, double gL, double eL, double a, double tauW, double b, double vReset,
                             Integrator method) {
        return AdEx.fromConductances(c, gL, eL, -50, 2, a, tauW, b, vReset, -40, method);
    }

    /** Coefficient of variation of {@code isi[from…]}. */
    private static double cv(double[] isi, int from) {
        double[] x = Arrays.copyOfRange(isi, from, isi.length);
        double mean = Arrays.stream(x).average().orElseThrow();
        double var = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / x.length;
        return Math.sqrt(var) / mean;
    }

    private static long count(double[] isi, Function<Double, Boolean> test) {
        return Arrays.stream(isi).filter(test::apply).count();
    }

    private static String show(double[] isi) {
        return Arrays.toString(Arrays.stream(isi).map(x -> Math.round(x * 10) / 10.0).toArray());
    }

    @ParameterizedTest
    @EnumSource(value = Integrator.class, names = {"EULER", "EXPONENTIAL_EULER", "RK4"})
    void izhikevichPatterns(Integrator method) {
        double[] rs = isis(izhikevich(0.02, 0.2, -65, 8, method), 10);
        assertTrue(rs.length >= 5 && rs[rs.length - 1] > 2 * rs[0] && cv(rs, 2) < 0.05,
                "regular spiking: adapts, then tonic: " + show(rs));
        double[] fs = isis(izhikevich(0.1, 0.2, -65, 2, method), 10);
        assertTrue(fs.length > 50 && cv(fs, 5) < 0.05 && fs[fs.length - 1] < 2.5 * fs[0],
                "fast spiking: > 100 Hz, regular, little adaptation: " + show(fs));
        double[] ib = isis(izhikevich(0.02, 0.2, -55, 4, method), 10);
        assertTrue(ib.length >= 5 && ib[0] < 5 && ib[1] < 5 && Arrays.stream(ib).skip(2).allMatch(x -> x > 20),
                "intrinsic bursting: an initial burst, then single spikes: " + show(ib));
        double[] ch = isis(izhikevich(0.02, 0.2, -50, 2, method), 10);
        assertTrue(count(ch, x -> x < 6) > ch.length / 2 && count(ch, x -> x > 30) >= 3,
                "chattering: repeated bursts of short intervals separated by long ones: " + show(ch));
    }

    @ParameterizedTest
    @EnumSource(value = Integrator.class, names = {"EULER", "EXPONENTIAL_EULER", "RK4"})
    void adExPatterns(Integrator method) {
        double[] tonic = isis(naud(200, 10, -70, 2, 30, 0, -58, method), 500);
        assertTrue(tonic.length > 20 && cv(tonic, 5) < 0.02 && tonic[tonic.length - 1] < 1.2 * tonic[0],
                "tonic spiking: regular from the start: " + show(tonic));
        double[] adapt = isis(naud(200, 12, -70, 2, 300, 60, -58, method), 500);
        boolean growing = true;
        for (int k = 1; k < adapt.length; k++) {
            growing &= adapt[k] >= adapt[k - 1] - 0.2;
        }
        assertTrue(adapt.length >= 5 && growing && adapt[adapt.length - 1] > 5 * adapt[0],
                "adaptation: intervals grow to several times the first: " + show(adapt));
        double[] initial = isis(naud(130, 18, -58, 4, 150, 120, -50, method), 400);
        assertTrue(initial.length >= 4 && initial[0] < 10 && Arrays.stream(initial).skip(2).allMatch(x -> x > 40)
                        && cv(initial, 3) < 0.05,
                "initial burst, then regular single spikes: " + show(initial));
        double[] bursting = isis(naud(200, 10, -58, 2, 120, 100, -46, method), 210);
        assertTrue(count(bursting, x -> x < 10) >= 3 && count(bursting, x -> x > 100) >= 3,
                "regular bursting: short intra-burst and long inter-burst intervals, repeated: " + show(bursting));
    }
}
