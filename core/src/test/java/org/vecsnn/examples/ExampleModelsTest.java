package org.vecsnn.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecsnn.core.Checkpoint;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.Projection;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.core.synapse.VoltageJump;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.ExponentialReceptor;

/**
 * The three example models (a neuron, a synapse and a plasticity rule the catalogue lacks, each in one file that
 * imports only the API) against closed forms and an ODE reference, and in a network: monitors, 1–3 threads with
 * identical results, and checkpoint/resume bit for bit.
 */
class ExampleModelsTest {
    private static final double DT = 0.1;

    @Test
    void theModelsImportOnlyTheApi() throws Exception {
        List<String> api = List.of("org.vecsnn.core.TimeGrid", "org.vecsnn.core.neuron.NeuronModel",
                "org.vecsnn.core.neuron.NeuronKernel", "org.vecsnn.core.neuron.NeuronState",
                "org.vecsnn.core.neuron.NeuronPopulation", "org.vecsnn.core.neuron.Integrator",
                "org.vecsnn.core.synapse.SynapticInput", "org.vecsnn.core.synapse.SynapticOutput",
                "org.vecsnn.core.simd.Lanes", "org.vecsnn.core.simd.Kernels", "org.vecsnn.core.plasticity.",
                "org.vecsnn.core.state.");
        for (String model : List.of("AdaptiveThresholdLif", "SaturatingSynapse", "PrePostPotentiation")) {
            for (String line : Files.readAllLines(Path.of("src/test/java/org/vecsnn/examples/" + model + ".java"))) {
                if (line.startsWith("import org.vecsnn")) {
                    String type = line.substring("import ".length(), line.length() - 1);
                    assertTrue(api.stream().anyMatch(type::startsWith), model + " imports " + type);
                }
            }
        }
    }

    @Test
    void anAdaptiveThresholdSpikesWhereTheClosedFormSays() {
        AdaptiveThresholdLif model = new AdaptiveThresholdLif(-70, -70, -50, 10, 1, 30, 5, 0);
        Network net = new Network(DT, KernelProvider.get());
        NeuronPopulation cell = net.addNeurons("cell", 1, model);
        net.addCurrent(TimedCurrent.constant(cell.all(), 30));
        SpikeMonitor spikes = net.addMonitor(new SpikeMonitor(cell));
        StateMonitor theta = net.addMonitor(new StateMonitor(cell, "theta", new int[] {0}, DT));
        net.runSteps(600, ProgressListener.SILENT);
        // exact stepping: V after step n is V∞ + (V_k − V∞)(1 − a)^(n+1−k) from a reset at step k; θ likewise
        double a = -Math.expm1(-DT / 10);
        double b = -Math.expm1(-DT / 30);
        double vInf = -40;
        List<Long> expected = new java.util.ArrayList<>();
        double vStart = -70;
        double thetaStart = -50;
        long since = 0;
        double closest = Double.MAX_VALUE;
        for (long n = 0; n < 600; n++) {
            long k = n + 1 - since;
            double v = vInf + (vStart - vInf) * Math.pow(1 - a, k);
            double th = -50 + (thetaStart + 50) * Math.pow(1 - b, k);
            closest = Math.min(closest, Math.abs(v - th));
            if (v >= th) {
                expected.add(n);
                vStart = -70;
                thetaStart = th + 5;
                since = n + 1;
            }
        }
        assertTrue(closest > 1e-3, "no crossing within float rounding: " + closest);
        assertTrue(expected.size() >= 3 && expected.get(0) == 109, expected.toString());
        long[] steps = java.util.Arrays.stream(spikes.times()).mapToLong(t -> Math.round(t / DT)).toArray();
        assertArrayEquals(expected.stream().mapToLong(Long::longValue).toArray(), steps);
        // the threshold jumped at the first spike and relaxes back: θ(n) = θ_rest + Δθ·(1 − b)^(n − s)
        float[] th = theta.trace(0);
        long first = expected.get(0);
        for (long n = first + 1; n < expected.get(1); n++) {
            assertEquals(-50 + 5 * Math.pow(1 - b, n - first - 1), th[(int) n], 1e-4, "θ at step " + n);
        }
    }

    @Test
    void aSaturatingSynapseFollowsItsOde() {
        double dt = 0.01;
        Network net = new Network(dt, KernelProvider.get());
        SpikeTimesSource pre = net.add(new SpikeTimesSource("pre", 1, new int[] {0}, new double[] {0.0}));
        NeuronPopulation post = net.addNeurons("post", 1, Lif.defaults().withVTh(1e6));
        SaturatingSynapse sat = new SaturatingSynapse(post, "sat", 5, 0.8, 0.05, 2, SynapticOutput.current());
        net.connect(pre, sat).connector(Connectors.oneToOne()).weight(1.5).delaySteps(1).build();
        StateMonitor s = net.addMonitor(new StateMonitor(post, "sat.s", new int[] {0}, dt));
        StateMonitor g = net.addMonitor(new StateMonitor(post, "sat.I", new int[] {0}, dt));
        net.runSteps(6000, ProgressListener.SILENT);
        // reference: RK4 on dx/dt = −x/τ, ds/dt = α·x·(1 − s) − β·s from x = 1.5, s = 0 at the arrival (step 1)
        double x = 1.5;
        double sr = 0;
        double h = dt / 20;
        float[] recorded = s.trace(0);
        float[] current = g.trace(0);
        double peak = 0;
        double worst = 0;
        for (int n = 1; n < recorded.length; n++) {
            worst = Math.max(worst, Math.abs(recorded[n] - sr));
            assertEquals(2 * recorded[n], current[n], 1e-6, "I = g_max·s (current output) at step " + n);
            peak = Math.max(peak, sr);
            for (int k = 0; k < 20; k++) {
                double[] y = rk4(x, sr, h);
                x = y[0];
                sr = y[1];
            }
        }
        assertTrue(peak > 0.5, "the synapse saturates: peak " + peak);
        assertTrue(worst < 5e-3 * peak, "exponential Euler with held drive vs RK4: " + worst + " of " + peak);
    }

    private static double[] rk4(double x, double s, double h) {
        double[] k1 = ode(x, s);
        double[] k2 = ode(x + h / 2 * k1[0], s + h / 2 * k1[1]);
        double[] k3 = ode(x + h / 2 * k2[0], s + h / 2 * k2[1]);
        double[] k4 = ode(x + h * k3[0], s + h * k3[1]);
        return new double[] {x + h / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]),
                s + h / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])};
    }

    private static double[] ode(double x, double s) {
        return new double[] {-x / 5, 0.8 * x * (1 - s) - 0.05 * s};
    }

    @Test
    void theToyRulePotentiatesByThePreTraceAtThePostSpike() {
        Network net = new Network(DT, KernelProvider.get());
        SpikeTimesSource pre = net.add(new SpikeTimesSource("pre", 2, new int[] {0, 1}, new double[] {1.0, 2.5}));
        SpikeTimesSource kick = net.add(new SpikeTimesSource("kick", 1, new int[] {0}, new double[] {3.9}));
        NeuronPopulation post = net.addNeurons("post", 1, Lif.defaults());
        net.connect(kick, new VoltageJump(post, "kick", false)).connector(Connectors.oneToOne()).weight(100)
                .delaySteps(1).build();
        Projection learning = net.connect(pre, new ExponentialReceptor(post, "e", 5, SynapticOutput.current()))
                .connector(Connectors.allToAll(true)).weight(0.01).delaySteps(1)
                .plasticity(new PrePostPotentiation(0.2, 20, 1)).build();
        StateMonitor w = net.addMonitor(new StateMonitor(learning, "w", new int[] {0, 1}, DT));
        net.runSteps(60, ProgressListener.SILENT);
        // pre spikes in steps 10 and 25, the post spike in step 40 (the kick of step 39 lands in step 40)
        double decay = (float) Math.exp(-DT / 20);
        assertEquals(0.01f, w.trace(0)[40]);
        assertEquals(0.01 + 0.2 * Math.pow(decay, 30), w.trace(0)[41], 1e-6);
        assertEquals(0.01 + 0.2 * Math.pow(decay, 15), w.trace(1)[41], 1e-6);
    }

    /** A network of all three: returns its spike units and times, the final weights and V, after {@code steps}. */
    private static Network network(int threads) {
        Network net = new Network(DT, KernelProvider.get()).threads(threads).seed(3);
        PoissonSource drive = net.add(new PoissonSource("drive", 200, 30, 5));
        NeuronPopulation cells = net.addNeurons("cells", 400, new AdaptiveThresholdLif(-70, -70, -50, 10, 1, 50, 2, 1));
        SaturatingSynapse sat = new SaturatingSynapse(cells, "sat", 3, 0.5, 0.1, 8, SynapticOutput.conductance(0));
        net.connect(drive, sat).connector(Connectors.fixedProbability(0.1, true)).weight(1).delaySteps(2).build();
        net.connect(cells, new ExponentialReceptor(cells, "rec", 5, SynapticOutput.current()))
                .connector(Connectors.fixedProbability(0.05, false)).weight(0.5).delaySteps(3).name("rec")
                .plasticity(new PrePostPotentiation(0.01, 20, 3)).build();
        net.addMonitor(new SpikeMonitor(cells));
        net.addMonitor(new StateMonitor(cells, "theta", new int[] {0, 7}, DT));
        net.addMonitor(new StateMonitor(cells, "sat.s", new int[] {0, 7}, DT));
        return net;
    }

    private static SpikeMonitor spikes(Network net) {
        return (SpikeMonitor) net.monitors().get(0);
    }

    @Test
    void theExamplesRunIdenticallyOnOneTwoAndThreeThreads() {
        int[][] units = new int[3][];
        float[][] weights = new float[3][];
        for (int threads = 1; threads <= 3; threads++) {
            Network net = network(threads);
            net.runSteps(2000, ProgressListener.SILENT);
            assertEquals(threads, net.threads());
            units[threads - 1] = spikes(net).units();
            weights[threads - 1] = net.projections().get(1).csr().weights().clone();
        }
        assertTrue(units[0].length > 500, "spikes: " + units[0].length);
        for (int k = 1; k < 3; k++) {
            assertArrayEquals(units[0], units[k], (k + 1) + " threads");
            assertArrayEquals(weights[0], weights[k], 0f, (k + 1) + " threads");
        }
        float[] initial = new float[weights[0].length];
        java.util.Arrays.fill(initial, 0.5f);
        assertTrue(!java.util.Arrays.equals(initial, weights[0]), "the rule changed weights");
    }

    @Test
    void theExamplesResumeFromACheckpointBitForBit(@TempDir Path dir) throws Exception {
        Network first = network(2);
        first.runSteps(700, ProgressListener.SILENT);
        Path file = dir.resolve("examples.ckpt");
        Checkpoint.save(first, file);
        first.runSteps(700, ProgressListener.SILENT);

        Network resumed = network(1);
        Checkpoint.load(resumed, file);
        resumed.runSteps(700, ProgressListener.SILENT);
        assertArrayEquals(spikes(first).units(), spikes(resumed).units());
        assertArrayEquals(spikes(first).times(), spikes(resumed).times());
        assertArrayEquals(first.projections().get(1).csr().weights(), resumed.projections().get(1).csr().weights(),
                0f);
        NeuronPopulation a = (NeuronPopulation) first.populations().get(1);
        NeuronPopulation b = (NeuronPopulation) resumed.populations().get(1);
        assertArrayEquals(a.state("theta"), b.state("theta"), 0f);
        assertArrayEquals(a.state("sat.x"), b.state("sat.x"), 0f);
    }
}
