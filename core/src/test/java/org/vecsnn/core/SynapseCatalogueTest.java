package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.simd.PlainKernels;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.core.synapse.VoltageJump;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.DualExponentialReceptor;
import org.vecsnn.models.synapse.DualExponentialReceptor.Normalisation;
import org.vecsnn.models.synapse.ExponentialReceptor;
import org.vecsnn.models.synapse.KineticModel;
import org.vecsnn.models.synapse.KineticReceptor;
import org.vecsnn.models.synapse.ShortTermPlasticity;

/** Behaviour of the synapse catalogue that is not a trace: blocks, gaps, gating, delays, plasticity, refusals. */
class SynapseCatalogueTest {
    private static final double DT = 0.1;

    static final String[] MODELS = {"exponential", "dual", "alpha", "AMPA", "GABA_A", "NMDA", "BioNMDA", "GABA_B",
        "GABA_B_DESENSITIZED"};

    static SynapticInput receptor(NeuronPopulation post, String model) {
        return switch (model) {
            case "exponential" -> new ExponentialReceptor(post, "s", 5, SynapticOutput.conductance(0));
            case "dual" -> DualExponentialReceptor.dualExponential(post, "s", 1, 10, Normalisation.PEAK,
                    SynapticOutput.conductance(0));
            case "alpha" -> DualExponentialReceptor.alpha(post, "s", 2, Normalisation.JUMP, SynapticOutput.current());
            case "AMPA" -> new KineticReceptor(post, "s", KineticModel.ampa());
            case "GABA_A" -> new KineticReceptor(post, "s", KineticModel.gabaA());
            case "NMDA" -> new KineticReceptor(post, "s", KineticModel.nmda());
            case "BioNMDA" -> new KineticReceptor(post, "s", KineticModel.bioNmda());
            case "GABA_B" -> new KineticReceptor(post, "s", KineticModel.gabaB());
            default -> new KineticReceptor(post, "s", new KineticModel.GabaBDesensitized(0.66, 0.02, 0.0053, 0.017,
                    8.3e-5, 7.9e-3, 1e-20, 0.5, 0.5, -95, 0.02));
        };
    }

    @Test
    void mgBlockMatchesTheDefaultsPublishedValues() {
        var block = (SynapticOutput.MgBlock) SynapticOutput.mgBlock();
        double[] v = {-65, -60, -20, 0};
        double[] expected = {0.0502, 0.0672, 0.4626, 0.7484};
        for (int k = 0; k < v.length; k++) {
            assertEquals(expected[k], block.unblocked(v[k]), 5e-5, "g∞(" + v[k] + ")");
        }
        // and through the kernels: I = g·(E − V)·g∞(V) with g = 1, E = 0
        float[] g = new float[16];
        float[] vs = new float[16];
        float[] input = new float[16];
        java.util.Arrays.fill(g, 1f);
        for (int k = 0; k < v.length; k++) {
            vs[k] = (float) v[k];
        }
        KernelProvider.get().mgBlockOutput(g, vs, input, 0f, (float) (1.2 / 3.57), 0.062f, 0, 16);
        for (int k = 0; k < v.length; k++) {
            assertEquals(-v[k] * expected[k], input[k], 5e-5 * Math.abs(v[k]) + 1e-6, "I at V = " + v[k]);
        }
    }

    @Test
    void symmetricGapJunctionsConserveCurrent() {
        Network net = new Network(DT, KernelProvider.get());
        Lif passive = new Lif(-60, -70, 1e6, 10, 1, 0, Integrator.EXPONENTIAL_EULER);
        NeuronPopulation a = net.addNeurons("a", 5, passive);
        NeuronPopulation b = net.addNeurons("b", 7, passive);
        a.set("V", i -> -70 + 3 * i);
        b.set("V", i -> -50 - 2 * i);
        GapJunction gap = net.connectGap(a.all(), b.all()).connector(Connectors.fixedProbability(0.6, true))
                .weight(0.3).symmetric(true).seed(4).build();
        net.prepare();
        gap.apply(0, net.grid(), net.kernels(), 0, 0);
        double total = 0;
        for (int i = 0; i < 5; i++) {
            total += a.input()[i];
        }
        for (int j = 0; j < 7; j++) {
            total += b.input()[j];
        }
        assertTrue(gap.csr().synapseCount() > 5);
        assertEquals(0, total, 1e-4, "the currents through symmetric junctions sum to zero");
        // one-way (the seed's form): only the postsynaptic side receives, I_j = Σ w(V_i − V_j)
        Network oneWay = new Network(DT, KernelProvider.get());
        NeuronPopulation c = oneWay.addNeurons("c", 2, passive);
        NeuronPopulation d = oneWay.addNeurons("d", 1, passive);
        c.set("V", i -> -40 - 10 * i);
        d.set("V", i -> -65);
        GapJunction seed = oneWay.connectGap(c.all(), d.all()).weight(0.5).build();
        oneWay.prepare();
        seed.apply(0, oneWay.grid(), oneWay.kernels(), 0, 0);
        assertEquals(0.5 * (25 + 15), d.input()[0], 1e-5);
        assertEquals(0f, c.input()[0]);
    }

    @Test
    void twoCoupledPassiveCellsRelaxWithTheClosedFormTimeConstant() {
        // τ dΔ/dt = −(1 + 2Rw)Δ for Δ = V0 − V1: Δ decays with τ/(1 + 2Rw)
        double tau = 10;
        double w = 0.5;
        double r = 1.5;
        Network net = new Network(0.01, KernelProvider.get());
        NeuronPopulation cells = net.addNeurons("cells", 2, new Lif(-60, -70, 1e6, tau, r, 0,
                Integrator.EXPONENTIAL_EULER));
        cells.set("V", i -> i == 0 ? -50 : -60);
        net.connectGap(cells.range(0, 1), cells.range(1, 2)).weight(w).symmetric(true).build();
        StateMonitor v = net.addMonitor(new StateMonitor(cells, "V", new int[] {0, 1}, 1.0));
        net.run(20, ProgressListener.SILENT);
        float[] v0 = v.trace(0);
        float[] v1 = v.trace(1);
        double rate = (1 + 2 * r * w) / tau;
        for (int k = 1; k < v0.length; k++) {
            double expected = 10 * Math.exp(-rate * k);
            assertEquals(expected, v0[k] - v1[k], 0.002 * 10, "Δ at t = " + k + " ms");
        }
        assertEquals(-55, (v0[5] + v1[5]) / 2, 5 * Math.exp(-0.5) + 1e-3, "the mean relaxes to rest with τ");
    }

    /**
     * The same two cells as one population all-to-all: each pair is listed both ways, so a symmetric junction would
     * couple it twice; refused, and the pair listed once relaxes with τ/(1 + 2Rw) as above (Δ after 2 ms checked).
     */
    @Test
    void aSymmetricJunctionListingAPairBothWaysIsRefused() {
        Network net = new Network(0.01, KernelProvider.get());
        NeuronPopulation cells = net.addNeurons("cells", 2, new Lif(-60, -70, 1e6, 10, 1.5, 0,
                Integrator.EXPONENTIAL_EULER));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.connectGap(cells.all(), cells.all()).weight(0.5).symmetric(true).build());
        assertTrue(e.getMessage().contains("the pair 0 - 1 in both directions"), e.getMessage());
        cells.set("V", i -> i == 0 ? -50 : -60);
        net.connectGap(cells.all(), cells.all()).connector(Connectors.fromList(new int[] {0}, new int[] {1}, null,
                null)).weight(0.5).symmetric(true).build();
        StateMonitor v = net.addMonitor(new StateMonitor(cells, "V", new int[] {0, 1}, 1.0));
        net.run(3, ProgressListener.SILENT);
        assertEquals(10 * Math.exp(-(1 + 2 * 1.5 * 0.5) * 2 / 10.0), v.trace(0)[2] - v.trace(1)[2], 0.02);
    }

    /** A post neuron made to spike at step 0, so it holds V in steps 1 … 49 (t_ref 5 ms). */
    private static NeuronPopulation refractoryTarget(Network net) {
        NeuronPopulation post = net.addNeurons("post", 1, new Lif(0, -5, 20, 10, 1, 5, Integrator.EXPONENTIAL_EULER));
        post.input()[0] = 1e5f;
        return post;
    }

    @ParameterizedTest(name = "gated = {0}")
    @ValueSource(booleans = {true, false})
    void voltageJumpsAndSpikeletsAreGatedByRefractoriness(boolean gated) {
        for (String kind : new String[] {"jump", "spikelet"}) {
            Network net = new Network(DT, KernelProvider.get());
            NeuronPopulation pre = net.addNeurons("pre", 1, new Lif(0, -5, 20, 10, 1, 0, Integrator.EXPONENTIAL_EULER));
            NeuronPopulation post = refractoryTarget(net);
            if (kind.equals("jump")) {
                net.connect(pre, new VoltageJump(post, "jump", gated)).connector(Connectors.oneToOne()).weight(2)
                        .delaySteps(3).build();
            } else {
                net.connectGap(pre.all(), post.all()).weight(0.5).spikelet(4, gated).delay(0.3).build();
            }
            pre.input()[0] = 1e5f; // pre spikes in step 0 too; its jump lands in step 3, inside post's hold
            net.step();
            assertEquals(1, post.spikeCount());
            for (int n = 1; n <= 3; n++) {
                net.step();
            }
            float expected = gated ? -5f : -5f + 2f; // the jump is w = 2 (spikelet: 0.5·4)
            assertEquals(expected, post.v()[0], 1e-6, kind + " gated = " + gated);
        }
    }

    /** The first start-of-step sample in which the state of post neuron j is nonzero. */
    private static int[] firstResponseSteps(String model, boolean perSynapse, int[] delays) {
        Network net = new Network(DT, KernelProvider.get());
        SpikeTimesSource pre = net.add(new SpikeTimesSource("pre", 1, new int[] {0}, new double[] {0.5}));
        NeuronPopulation post = net.addNeurons("post", delays.length,
                new Lif(-65, -70, 1e6, 10, 1, 0, Integrator.EXPONENTIAL_EULER));
        SynapticInput input = receptor(post, model);
        int[] targets = new int[delays.length];
        double[] delayMs = new double[delays.length];
        for (int j = 0; j < delays.length; j++) {
            targets[j] = j;
            delayMs[j] = delays[j] * DT;
        }
        if (perSynapse) {
            net.connect(pre, input).connector(Connectors.fromList(new int[delays.length], targets, null, delayMs))
                    .build();
        } else {
            for (int j = 0; j < delays.length; j++) {
                net.connect(pre, input).toRange(j, j + 1).connector(Connectors.oneToOne()).delaySteps(delays[j])
                        .build();
            }
        }
        int[] first = new int[delays.length];
        java.util.Arrays.fill(first, -1);
        float[] state = post.state("s");
        for (int n = 0; n < 60; n++) {
            for (int j = 0; j < delays.length; j++) {
                if (first[j] < 0 && state[j] != 0f) {
                    first[j] = n;
                }
            }
            net.step();
        }
        return first;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exponential", "dual", "alpha", "AMPA", "GABA_A", "NMDA", "BioNMDA", "GABA_B",
        "GABA_B_DESENSITIZED"})
    void heterogeneousPerSynapseDelaysWorkForEveryModel(String model) {
        int[] delays = {1, 4, 13, 7};
        int[] perSynapse = firstResponseSteps(model, true, delays);
        int[] perProjection = firstResponseSteps(model, false, delays);
        // emitted in step 5, acts in step 5 + k: the exponential synapse's g holds it from the start of that step
        // (the value the step acts with); the other models' conductance shows it after that step, one step later
        // where the pulse drives a first variable that drives the conductance (BioNMDA x → g, GABA_B R → G)
        int chain = model.equals("exponential") ? 0 : model.equals("BioNMDA") || model.startsWith("GABA_B") ? 2 : 1;
        int[] expected = new int[delays.length];
        for (int j = 0; j < delays.length; j++) {
            expected[j] = 5 + delays[j] + chain;
        }
        assertArrayEquals(expected, perSynapse, model + " with per-synapse delays");
        assertArrayEquals(expected, perProjection, model + " with one delay per projection");
    }

    /**
     * Markov kinetics keep their conductance as on/off sums per postsynaptic neuron; at every step they must equal
     * the plain sum Σ w·r·s over the synapses (busy Poisson input, so pulses restart and overlap; plasticity, so
     * efficacies change; one delay and per-synapse delays).
     */
    @Test
    void summedMarkovConductanceEqualsTheSumOverSynapses() {
        Network net = new Network(DT, KernelProvider.get());
        var drive = net.add(new org.vecsnn.core.input.PoissonSource("drive", 40, 150, 7));
        NeuronPopulation post = net.addNeurons("post", 50, new Lif(-65, -70, 1e6, 10, 1, 0,
                Integrator.EXPONENTIAL_EULER));
        var ampa = new KineticReceptor(post, "ampa", KineticModel.ampa());
        Projection one = net.connect(drive, ampa).connector(Connectors.fixedProbability(0.3, true)).weight(0.7)
                .delaySteps(2).plasticity(ShortTermPlasticity.tsodyksMarkram(0.3, 50, 100)).build();
        int n = 400;
        int[] pre = new int[n];
        int[] to = new int[n];
        double[] delays = new double[n];
        float[] weights = new float[n];
        for (int s = 0; s < n; s++) {
            pre[s] = s % 40;
            to[s] = (s * 7) % 50;
            delays[s] = 0.1 * (1 + s % 6);
            weights[s] = 0.1f + (s % 5) * 0.2f;
        }
        Projection many = net.connect(drive, ampa).connector(Connectors.fromList(pre, to, weights, delays)).build();
        net.prepare();
        assertTrue(channelsOf(one).summedPerNeuron() && channelsOf(many).summedPerNeuron());
        double worst = 0;
        double peak = 0;
        for (int step = 0; step < 3000; step++) {
            net.step();
            double[] brute = new double[50];
            for (Projection p : new Projection[] {one, many}) {
                var csr = p.csr();
                var ch = channelsOf(p);
                for (int i = 0; i < csr.rows(); i++) {
                    for (int syn = csr.rowStart()[i]; syn < csr.rowStart()[i + 1]; syn++) {
                        int c = ch.perSynapse() ? syn : i;
                        float w = csr.weights() == null ? p.weight() : csr.weights()[syn];
                        brute[csr.targets()[syn]] += (double) w * ch.efficacy(c) * ch.variable(0)[c];
                    }
                }
            }
            for (int j = 0; j < 50; j++) {
                worst = Math.max(worst, Math.abs(ampa.state()[j] - brute[j]));
                peak = Math.max(peak, brute[j]);
            }
        }
        assertTrue(peak > 0.5, "the synapses must be busy: peak " + peak);
        assertTrue(worst < 1e-5 * peak, "max |summed − Σ w·r·s| = " + worst + " for a peak of " + peak);
    }

    @Test
    void kineticStateIsPerNeuronForOneDelayAndPerSynapseForMany() {
        Network net = new Network(DT, KernelProvider.get());
        NeuronPopulation a = net.addNeurons("a", 30, Lif.defaults());
        var ampa = new KineticReceptor(a, "ampa", KineticModel.ampa());
        Projection one = net.connect(a, ampa).connector(Connectors.fixedProbability(0.5, false)).build();
        Projection many = net.connect(a, ampa).connector(Connectors.fromList(new int[] {0, 1, 2},
                new int[] {3, 4, 5}, null, new double[] {0.1, 0.2, 0.3})).build();
        net.prepare();
        assertEquals(30, channelsOf(one).count());
        assertTrue(!channelsOf(one).perSynapse());
        assertEquals(3, channelsOf(many).count());
        assertTrue(channelsOf(many).perSynapse());
    }

    @Test
    void shortTermPlasticityScalesEachSpikesWeight() {
        ShortTermPlasticity tm = ShortTermPlasticity.tsodyksMarkram(0.2, 50, 100);
        ShortTermPlasticity std = ShortTermPlasticity.depression(0.3, 80);
        for (ShortTermPlasticity stp : new ShortTermPlasticity[] {tm, std}) {
            double[] times = {1, 11, 21, 31, 121};
            Network net = new Network(DT, KernelProvider.get());
            SpikeTimesSource pre = net.add(new SpikeTimesSource("pre", 1, new int[times.length], times));
            NeuronPopulation post = net.addNeurons("post", 1, new Lif(-65, -70, 1e6, 10, 1, 0, Integrator.EULER));
            var jump = new VoltageJump(post, "jump", false);
            net.connect(pre, jump).connector(Connectors.oneToOne()).weight(1).plasticity(stp).build();
            // hand-derived Tsodyks–Markram recurrence in double, from u = 0, x = 1
            double u = 0;
            double x = 1;
            double last = Double.NaN;
            double[] expected = new double[times.length];
            for (int k = 0; k < times.length; k++) {
                if (!Double.isNaN(last)) {
                    double elapsed = times[k] - last;
                    u = stp.facilitating() ? u * Math.exp(-elapsed / stp.tauF()) : 0;
                    x = 1 - (1 - x) * Math.exp(-elapsed / stp.tauD());
                }
                double uPlus = stp.facilitating() ? u + stp.u() * (1 - u) : stp.u();
                expected[k] = uPlus * x;
                x -= uPlus * x;
                u = uPlus;
                last = times[k];
            }
            int k = 0;
            for (int n = 0; n < 1300 && k < times.length; n++) {
                float before = post.v()[0];
                net.step();
                float jumped = post.v()[0] - before;
                // Euler with no input: the jump lands before the update, so V + jump relaxes by dt/τ·(V_rest − V)
                double leak = DT / 10 * (-65 - before);
                if (n == Math.round(times[k] / DT) + 1) {
                    assertEquals(expected[k] * (1 - DT / 10), jumped - leak, 1e-4, "efficacy of spike " + k);
                    k++;
                }
            }
            assertEquals(times.length, k);
        }
    }

    @Test
    void badSynapseParametersAreRefusedByName() {
        Network net = new Network(DT, new PlainKernels());
        NeuronPopulation p = net.addNeurons("p", 3, Lif.defaults());
        Function<Executable, String> message = call -> assertThrows(IllegalArgumentException.class, call::run)
                .getMessage();
        assertTrue(message.apply(() -> DualExponentialReceptor.dualExponential(p, "d", 5, 5, Normalisation.PEAK,
                SynapticOutput.current()))
                .contains("tauRise of synapse 'd' = 5.0 ms: must be below tauDecay"));
        assertTrue(message.apply(() -> DualExponentialReceptor.dualExponential(p, "d", -1, 5, Normalisation.PEAK,
                SynapticOutput.current()))
                .contains("tauRise of synapse 'd' (ms) = -1.0"));
        assertTrue(message.apply(() -> DualExponentialReceptor.alpha(p, "a", 0, Normalisation.JUMP,
                SynapticOutput.current()))
                .contains("tau of alpha synapse 'a' (ms) = 0.0"));
        assertTrue(message.apply(() -> new KineticModel.Markov("AMPA", -0.98, 0.18, 0.5, 0.5, 0, 1))
                .contains("AMPA alpha = -0.98"));
        assertTrue(message.apply(() -> new KineticModel.Markov("AMPA", 0.98, 0.18, 0.5, -0.5, 0, 1))
                .contains("AMPA T_duration = -0.5"));
        assertTrue(message.apply(() -> new KineticModel.Nmda(100, 0, 0.5, 1)).contains("NMDA tauRise = 0.0"));
        assertTrue(message.apply(() -> new KineticModel.GabaB(0.18, 0.034, 0.09, 0.0012, 0, 0.5, 0.3, -95, 1))
                .contains("GABA_B K_d = 0.0"));
        assertTrue(message.apply(() -> new KineticModel.GabaB(0.18, 0.034, 0.09, 0.0012, 100, 0.5, 0.3, Double.NaN,
                1)).contains("GABA_B reversal potential E (mV) = NaN"));
        assertTrue(message.apply(() -> new SynapticOutput.MgBlock(0, 1.2, 0.062,
                0)).contains("Mg block beta (mM) = 0.0"));
        assertTrue(message.apply(() -> SynapticOutput.conductance(Double.NaN))
                .contains("reversal potential E (mV) = NaN"));
        assertTrue(message.apply(() -> new KineticReceptor(p, "k", KineticModel.ampa(),
                null)).contains("output of synapse 'k' = null"));
        assertTrue(message.apply(() -> ShortTermPlasticity.tsodyksMarkram(1.5, 100, 100))
                .contains("short-term plasticity U = 1.5"));
        // a pulse that is not a whole number of steps is refused when the network prepares
        Network coarse = new Network(0.2, new PlainKernels());
        NeuronPopulation q = coarse.addNeurons("q", 2, Lif.defaults());
        new KineticReceptor(q, "ampa", KineticModel.ampa()); // T_duration 0.5 ms = 2.5 steps of 0.2 ms
        assertTrue(message.apply(coarse::step).contains("T_duration of synapse 'ampa' = 0.5 ms"));
    }

    @FunctionalInterface
    private interface Executable {
        void run();
    }

    private static org.vecsnn.models.synapse.KineticReceptor.Channels channelsOf(Projection p) {
        return (org.vecsnn.models.synapse.KineticReceptor.Channels) p.channels();
    }
}
