package org.vecsnn.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.ExponentialReceptor;

/**
 * The exponential synapse's state after one spike and after a train, and the PSP it causes on an exactly
 * integrated membrane, against their closed forms. A spike emitted in step m with delay k arrives at
 * t_a = (m + k)·dt; the state recorded at the start of step n holds the arrivals of steps up to and including n.
 */
class ExponentialSynapseClosedFormTest {
    private static final double DT = 0.1;

    private record Setup(Network net, NeuronPopulation post, StateMonitor g, StateMonitor v, double[] arrivals) {}

    private static Setup setup(double[] spikeTimes, int delaySteps, double w, double tauS, Lif lif,
                               SynapticOutput output) {
        Network net = new Network(DT, KernelProvider.get());
        SpikeTimesSource pre = net.add(new SpikeTimesSource("pre", 1, new int[spikeTimes.length], spikeTimes));
        NeuronPopulation post = net.addNeurons("post", 1, lif);
        net.connect(pre, new ExponentialReceptor(post, "g", tauS, output)).connector(Connectors.oneToOne()).weight(w)
                .delaySteps(delaySteps).build();
        StateMonitor g = net.addMonitor(new StateMonitor(post, "g", new int[] {0}, DT));
        StateMonitor v = net.addMonitor(new StateMonitor(post, "V", new int[] {0}, DT));
        double[] arrivals = new double[spikeTimes.length];
        for (int s = 0; s < spikeTimes.length; s++) {
            arrivals[s] = (Math.round(spikeTimes[s] / DT) + delaySteps) * DT;
        }
        return new Setup(net, post, g, v, arrivals);
    }

    private static double maxErrorOverPeak(StateMonitor monitor, java.util.function.DoubleUnaryOperator exact) {
        double[] t = monitor.times();
        float[] trace = monitor.trace(0);
        double worst = 0;
        double peak = 0;
        for (int k = 0; k < t.length; k++) {
            double e = exact.applyAsDouble(t[k]);
            worst = Math.max(worst, Math.abs(trace[k] - e));
            peak = Math.max(peak, Math.abs(e));
        }
        assertTrue(peak > 0, "the response must not be empty");
        return worst / peak;
    }

    @ParameterizedTest(name = "τ = {0} ms, delay {1} steps, {2} output")
    @CsvSource({"5,1,current", "10,3,conductance", "2,17,current", "8,2,conductance"})
    void oneSpikeAndARegularTrain(double tau, int delay, String output) {
        SynapticOutput out = output.equals("current") ? SynapticOutput.current() : SynapticOutput.conductance(0);
        Lif passive = new Lif(-60, -70, 1e6, 20, 1, 0, Integrator.EXPONENTIAL_EULER);
        Setup one = setup(new double[] {1.0}, delay, 0.8, tau, passive, out);
        one.net().run(80, ProgressListener.SILENT);
        double oneError = maxErrorOverPeak(one.g(), t -> Analytic.exponentialTrain(0.8, tau, one.arrivals(), t));
        assertTrue(oneError < 1e-5, "one spike: max error / peak = " + oneError);

        double[] train = new double[20];
        for (int s = 0; s < train.length; s++) {
            train[s] = 0.7 * s + 0.5; // every 7 steps
        }
        Setup many = setup(train, delay, 0.3, tau, passive, out);
        many.net().run(80, ProgressListener.SILENT);
        double trainError = maxErrorOverPeak(many.g(),
                t -> Analytic.exponentialTrain(0.3, tau, many.arrivals(), t));
        assertTrue(trainError < 1e-5, "train: max error / peak = " + trainError);
    }

    /** Exact integration of a current-based exponential synapse on LIF: the difference-of-exponentials PSP. */
    @ParameterizedTest(name = "τ_s = {0} ms, τ_m = {1} ms")
    @CsvSource({"5,20", "10,20", "0.5,10", "20,20", "20.001,20"})
    void postsynapticPotentialOnAnExactMembrane(double tauS, double tauM) {
        Lif exact = new Lif(0, -5, 1e6, tauM, 1.5, 0, Integrator.EXACT);
        Setup s = setup(new double[] {2.0}, 1, 1.2, tauS, exact, SynapticOutput.current());
        s.net().run(150, ProgressListener.SILENT);
        double ta = s.arrivals()[0];
        double error = maxErrorOverPeak(s.v(), t -> Analytic.currentPsp(1.2, 1.5, tauS, tauM, t - ta));
        assertTrue(error < 1e-5, "PSP: max error / peak = " + error);
    }
}
