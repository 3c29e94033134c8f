package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.monitor.RateMonitor;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.core.synapse.VoltageJump;
import org.vecsnn.models.neuron.HodgkinHuxley;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.DualExponentialReceptor;
import org.vecsnn.models.synapse.DualExponentialReceptor.Normalisation;
import org.vecsnn.models.synapse.ExponentialReceptor;
import org.vecsnn.models.synapse.KineticModel;
import org.vecsnn.models.synapse.KineticReceptor;
import org.vecsnn.models.synapse.ShortTermPlasticity;
import org.vecsnn.networks.BenchmarkNetworks;
import org.vecsnn.networks.EiNetwork;

/**
 * Stepping on several threads gives the same spikes and the same state, bit for bit, as one thread: for the
 * benchmark networks and for a network with every part that steps by range (Poisson and given spikes, per-synapse
 * delays, dual exponential and voltage-jump inputs, HH neurons, currents on part of a population, a state monitor),
 * with spikes exchanged every step and every few steps.
 */
class ThreadedSteppingTest {
    private record Run(long[] steps, int[] units, float[] v, float[] g, float[] trace) {}

    private static Run mixed(int threads, int minDelaySteps, boolean stateMonitor) {
        Network net = new Network(0.1, KernelProvider.get()).seed(11).threads(threads);
        PoissonSource drive = net.add(new PoissonSource("drive", 300, 20, 4));
        SpikeTimesSource given = net.add(new SpikeTimesSource("given", 5, new int[] {0, 4, 2, 1},
                new double[] {3, 3, 17.5, 40}));
        NeuronPopulation lif = net.addNeurons("lif", 1000, new Lif(-60, -60, -50, 20, 1, 2, Integrator.EULER));
        lif.set("V", i -> -60 + (i * 7919 % 100) / 10.0);
        NeuronPopulation hh = net.addNeurons("hh", 333, HodgkinHuxley.traubMiles());
        var ge = new ExponentialReceptor(lif, "ge", 5, SynapticOutput.conductance(0));
        var gi = new ExponentialReceptor(lif, "gi", 10, SynapticOutput.conductance(-80));
        var dual = DualExponentialReceptor.dualExponential(lif, "dual", 1, 5, Normalisation.PEAK,
                SynapticOutput.current());
        var jump = new VoltageJump(lif, "jump", true);
        var hhIn = new ExponentialReceptor(hh, "g", 5, SynapticOutput.conductance(0));
        net.connect(drive, ge).connector(Connectors.fixedProbability(0.05, true)).weight(0.4)
                .delaySteps(minDelaySteps).build();
        net.connect(lif.range(0, 800), ge).connector(Connectors.fixedProbability(0.02, true)).weight(0.5)
                .delaySteps(minDelaySteps).build();
        net.connect(lif.range(800, 1000), gi).connector(Connectors.fixedProbability(0.05, true)).weight(4)
                .delaySteps(minDelaySteps + 2).build();
        int n = 2000;
        int[] pre = new int[n];
        int[] post = new int[n];
        double[] delays = new double[n];
        for (int s = 0; s < n; s++) {
            pre[s] = (s * 31) % 1000;
            post[s] = (s * 17) % 1000;
            delays[s] = 0.1 * (minDelaySteps + s % 13);
        }
        net.connect(lif, dual).connector(Connectors.fromList(pre, post, null, delays)).weight(0.8).build();
        net.connect(given, jump).connector(Connectors.allToAll(true)).weight(3).delaySteps(minDelaySteps).build();
        net.connect(lif, hhIn).connector(Connectors.fixedProbability(0.05, true)).weight(20)
                .delaySteps(minDelaySteps).build();
        net.addCurrent(TimedCurrent.constant(lif.range(100, 700), 6));
        net.addCurrent(TimedCurrent.of(hh.all(), t -> t > 20 ? 150 : 0));
        SpikeMonitor spikes = net.addMonitor(new SpikeMonitor(lif));
        StateMonitor trace = stateMonitor ? net.addMonitor(new StateMonitor(hh, "V", new int[] {5, 300}, 0.1)) : null;
        net.run(150, ProgressListener.SILENT);
        assertEquals(threads, net.threads());
        return new Run(spikes.steps(), spikes.units(), lif.v().clone(), hh.state("g").clone(),
                trace == null ? new float[0] : trace.trace(1));
    }

    @ParameterizedTest(name = "min delay {0} step(s)")
    @ValueSource(ints = {1, 4})
    void anyNumberOfThreadsGivesTheSameRun(int minDelay) {
        Run one = mixed(1, minDelay, false);
        assertTrue(one.steps().length > 500, "the network fires: " + one.steps().length + " spikes");
        for (int threads : new int[] {2, 3, 4, 16}) {
            Run many = mixed(threads, minDelay, false);
            assertArrayEquals(one.steps(), many.steps(), threads + " threads: spike steps");
            assertArrayEquals(one.units(), many.units(), threads + " threads: spiking units");
            assertArrayEquals(one.v(), many.v(), 0f, threads + " threads: V");
            assertArrayEquals(one.g(), many.g(), 0f, threads + " threads: g");
        }
    }

    @Test
    void stateMonitorsSeeTheSameStateOnAnyNumberOfThreads() {
        Run one = mixed(1, 3, true);
        Run three = mixed(3, 3, true);
        assertArrayEquals(one.trace(), three.trace(), 0f);
        assertArrayEquals(one.units(), three.units());
    }

    /**
     * A spike of step m through delay k acts in step m + k: a voltage jump takes it then, an exponential synapse's g
     * one update earlier (it holds the weights of a step when the step starts), so slices span k and k − 1 steps.
     */
    @Test
    void sliceSpansTheShortestDelayAndStateMonitorsMakeItOneStep() {
        Network net = new Network(0.1, KernelProvider.get()).threads(2);
        NeuronPopulation a = net.addNeurons("a", 100, Lif.defaults());
        net.connect(a, new VoltageJump(a, "jump", false)).connector(Connectors.allToAll(false))
                .weight(0.1).delaySteps(5).build();
        net.prepare();
        assertEquals(5, net.stepsPerExchange());
        Network exponential = new Network(0.1, KernelProvider.get()).threads(2);
        NeuronPopulation e = exponential.addNeurons("e", 100, Lif.defaults());
        exponential.connect(e, new ExponentialReceptor(e, "g", 5, SynapticOutput.current()))
                .connector(Connectors.allToAll(false)).weight(0.1).delaySteps(5).build();
        exponential.prepare();
        assertEquals(4, exponential.stepsPerExchange());
        Network monitored = new Network(0.1, KernelProvider.get()).threads(2);
        NeuronPopulation b = monitored.addNeurons("b", 100, Lif.defaults());
        monitored.connect(b, new ExponentialReceptor(b, "g", 5, SynapticOutput.current()))
                .connector(Connectors.allToAll(false)).weight(0.1).delaySteps(5).build();
        monitored.addMonitor(new StateMonitor(b, "V", new int[] {0}, 0.1));
        monitored.prepare();
        assertEquals(1, monitored.stepsPerExchange());
    }

    @ParameterizedTest
    @ValueSource(strings = {"coba", "cuba", "cobahh"})
    void benchmarkNetworksAreIdenticalOnOneAndTwoThreads(String name) {
        int[][] units = new int[2][];
        float[][] v = new float[2][];
        for (int k = 0; k < 2; k++) {
            EiNetwork e = BenchmarkNetworks.byName(name, 4000, 0.1, 3, KernelProvider.get());
            e.network().threads(k + 1);
            SpikeMonitor m = e.network().addMonitor(new SpikeMonitor(e.neurons()));
            e.network().run(100, ProgressListener.SILENT);
            units[k] = m.units();
            v[k] = e.neurons().v().clone();
        }
        assertTrue(units[0].length > 100);
        assertArrayEquals(units[0], units[1]);
        assertArrayEquals(v[0], v[1], 0f);
    }

    /** Plasticity rules run on thread 0 between barriers: short-term plasticity gives the same run on 1–3 threads. */
    @Test
    void shortTermPlasticityRunsIdenticallyOnAnyNumberOfThreads() {
        int[][] units = new int[3][];
        float[][] v = new float[3][];
        for (int threads = 1; threads <= 3; threads++) {
            Network net = new Network(0.1, KernelProvider.get()).threads(threads).seed(7);
            PoissonSource drive = net.add(new PoissonSource("drive", 200, 40, 11));
            NeuronPopulation q = net.addNeurons("q", 300, Lif.defaults());
            net.connect(drive, new ExponentialReceptor(q, "in", 5, SynapticOutput.current()))
                    .connector(Connectors.fixedProbability(0.1, true)).weight(30).delaySteps(2)
                    .plasticity(ShortTermPlasticity.tsodyksMarkram(0.3, 300, 100)).build();
            net.connect(q, new ExponentialReceptor(q, "rec", 5, SynapticOutput.current()))
                    .connector(Connectors.fixedProbability(0.05, false)).weight(2).delaySteps(3)
                    .plasticity(ShortTermPlasticity.depression(0.4, 150)).build();
            SpikeMonitor spikes = net.addMonitor(new SpikeMonitor(q));
            net.runSteps(3000, ProgressListener.SILENT);
            assertEquals(threads, net.threads());
            units[threads - 1] = spikes.units();
            v[threads - 1] = q.v().clone();
        }
        assertTrue(units[0].length > 200, "spikes: " + units[0].length);
        for (int k = 1; k < 3; k++) {
            assertArrayEquals(units[0], units[k], (k + 1) + " threads");
            assertArrayEquals(v[0], v[k], 0f, (k + 1) + " threads");
        }
    }

    @Test
    void partsThatStepOnOneThreadAreNamedWhenMoreAreAskedFor() {
        Network kinetic = new Network(0.1, KernelProvider.get()).threads(2);
        NeuronPopulation p = kinetic.addNeurons("p", 10, Lif.defaults());
        kinetic.connect(p, new KineticReceptor(p, "ampa",
                KineticModel.ampa())).connector(Connectors.allToAll(false)).build();
        String m = assertThrows(IllegalArgumentException.class, kinetic::prepare).getMessage();
        assertTrue(m.startsWith("threads = 2: synapse 'ampa' on population 'p'"), m);
        assertTrue(m.endsWith("steps on one thread; must be 1 for this network"), m);

        for (boolean kineticToo : new boolean[] {false, true}) {
            Network byDefault = new Network(0.1, KernelProvider.get());
            NeuronPopulation r = byDefault.addNeurons("r", 1100, Lif.defaults());
            byDefault.connect(r, new ExponentialReceptor(r, "g", 5, SynapticOutput.current()))
                    .connector(Connectors.allToAll(false)).weight(0.01).build();
            if (kineticToo) {
                byDefault.connect(r, new KineticReceptor(r, "ampa",
                        KineticModel.ampa())).connector(Connectors.oneToOne())
                        .build();
            }
            assertTrue(byDefault.synapseCount() >= Network.THREADED_SYNAPSES);
            byDefault.prepare();
            assertEquals(kineticToo ? 1 : Runtime.getRuntime().availableProcessors(), byDefault.threads(),
                    "by default a large network steps on every core, unless a part needs one thread");
            byDefault.close();
        }
        Network small = new Network(0.1, KernelProvider.get());
        small.addNeurons("s", 10, Lif.defaults());
        small.prepare();
        assertEquals(1, small.threads(), "a small network steps on one thread by default");

        assertEquals("threads = 0: must be an integer in [1, 1024]",
                assertThrows(IllegalArgumentException.class, () -> new Network(0.1).threads(0)).getMessage());
    }

    /** Forward Euler is unstable for HH at 0.1 ms: the neurons driven on the second thread's chunk blow up. */
    @Test
    void aBlowUpOnAWorkerThreadStopsTheRunWithItsMessage() {
        Network net = new Network(0.1, KernelProvider.get()).threads(2);
        NeuronPopulation p = net.addNeurons("hh", 64, HodgkinHuxley.squid().withMethod(Integrator.EULER));
        net.addCurrent(TimedCurrent.constant(p.range(40, 64), 10));
        var e = assertThrows(NonFiniteStateException.class, () -> net.run(50, ProgressListener.SILENT));
        assertTrue(e.getMessage().startsWith("population 'hh', neuron 40: "), e.getMessage());
        assertTrue(e.getMessage().contains("after step 99"), e.getMessage());
        assertEquals(100, net.stepIndex(), "the clock stands after the checked step, with the state");
        net.close();
    }

    /**
     * Issue 21, item 3: after a blow-up the step index, the state and the monitors agree, and are the same on any
     * number of threads (they once said step 0 on several threads while state and monitors were at step 499).
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aBlowUpLeavesClockStateAndMonitorsTogetherOnAnyThreadCount() {
        long[] stepIndex = new long[4];
        float[][] v = new float[4][];
        int[] spikeCounts = new int[4];
        int[] samples = new int[4];
        for (int threads = 1; threads <= 3; threads++) {
            Network net = new Network(0.1, KernelProvider.get()).threads(threads).checkFiniteEvery(500);
            NeuronPopulation p = net.addNeurons("hh", 96, HodgkinHuxley.squid().withMethod(Integrator.EULER));
            net.addCurrent(TimedCurrent.of(p.range(70, 96), t -> t >= 30 ? 10 : 0)); // blows up after 30 ms
            SpikeMonitor spikes = net.addMonitor(new SpikeMonitor(p));
            RateMonitor rate = net.addMonitor(new RateMonitor(p.all(), 0.1));
            assertThrows(NonFiniteStateException.class, () -> net.run(200, ProgressListener.SILENT));
            stepIndex[threads] = net.stepIndex();
            v[threads] = p.v().clone();
            spikeCounts[threads] = spikes.count();
            samples[threads] = rate.ratesHz().length;
            net.close();
        }
        assertEquals(500, stepIndex[1], "one thread: after the checked step 499");
        for (int threads = 2; threads <= 3; threads++) {
            assertEquals(stepIndex[1], stepIndex[threads], "step index on " + threads + " threads");
            assertArrayEquals(v[1], v[threads], 0f, "V on " + threads + " threads");
            assertEquals(spikeCounts[1], spikeCounts[threads], "spikes recorded on " + threads + " threads");
            assertEquals(samples[1], samples[threads], "rate bins recorded on " + threads + " threads");
        }
        assertEquals(500, samples[1], "the monitors recorded every step up to the checked one");
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aClosedNetworkStartsNewThreadsWhenItRunsAgain() { // the race this guards against hung the run
        SpikeMonitor[] spikes = new SpikeMonitor[2];
        for (int threads = 1; threads <= 2; threads++) {
            Network net = new Network(0.1, KernelProvider.get()).threads(threads);
            NeuronPopulation p = net.addNeurons("p", 200, Lif.defaults());
            p.set("V", i -> -70 + (i % 20) * 0.5);
            net.addCurrent(TimedCurrent.constant(p.all(), 30));
            net.connect(p, new ExponentialReceptor(p, "g", 5, SynapticOutput.current()))
                    .connector(Connectors.fixedProbability(0.1, false)).weight(-0.5).build();
            spikes[threads - 1] = net.addMonitor(new SpikeMonitor(p));
            for (int k = 0; k < 5; k++) { // a new worker must wait for the next job, not replay the last one
                net.run(8, ProgressListener.SILENT);
                net.close();
            }
            assertEquals(400, net.stepIndex());
        }
        assertTrue(spikes[0].count() > 0);
        assertArrayEquals(spikes[0].steps(), spikes[1].steps(), "spike steps after closing and running again");
        assertArrayEquals(spikes[0].units(), spikes[1].units(), "spiking units after closing and running again");
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void closingWhileInterruptedStillStopsTheWorkersAndKeepsTheInterrupt() {
        Network net = new Network(0.1, KernelProvider.get()).threads(2);
        NeuronPopulation p = net.addNeurons("p", 64, Lif.defaults());
        net.addCurrent(TimedCurrent.constant(p.all(), 30));
        net.run(5, ProgressListener.SILENT);
        Thread.currentThread().interrupt();
        net.close();
        assertTrue(Thread.interrupted(), "the caller's interrupt is kept");
        net.run(5, ProgressListener.SILENT);
        assertEquals(100, net.stepIndex());
        net.close();
    }

    @Test
    void aFailingInputOnAWorkerThreadIsRethrownToTheCaller() {
        Network net = new Network(0.1, KernelProvider.get()).threads(2);
        NeuronPopulation p = net.addNeurons("p", 64, Lif.defaults());
        net.addCurrent(TimedCurrent.of(p.range(40, 64), t -> t > 5 ? Double.NaN : 0));
        var e = assertThrows(IllegalStateException.class, () -> net.run(20, ProgressListener.SILENT));
        assertTrue(e.getMessage().startsWith("current into population 'p' at t = 5.1"), e.getMessage());
    }
}
