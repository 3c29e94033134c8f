package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.monitor.RateMonitor;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.monitor.StateMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.PlainKernels;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.HodgkinHuxley;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.neuron.RateFunction;
import org.vecsnn.models.synapse.ExponentialReceptor;
import org.vecsnn.models.synapse.KineticReceptor;

/**
 * Every kind of bad input is refused with a message that names the parameter, the value and what is allowed; a
 * network that saw the refused calls runs exactly as its twin that never did.
 */
class BadInputTest {
    /** A small driven network: Poisson input onto LIF neurons with exponential conductances. */
    private record Small(Network net, NeuronPopulation neurons, PoissonSource drive, ExponentialReceptor ge,
                         SpikeMonitor spikes) {}

    private static Small small() {
        Network net = new Network(0.1, new PlainKernels()).seed(3);
        NeuronPopulation neurons = net.addNeurons("neurons", 20, new Lif(-60, -60, -50, 20, 1, 2, Integrator.EULER));
        PoissonSource drive = net.add(new PoissonSource("drive", 50, 40, 9));
        ExponentialReceptor ge = new ExponentialReceptor(neurons, "ge", 5, SynapticOutput.conductance(0));
        net.connect(drive, ge).connector(Connectors.fixedProbability(0.3, true)).weight(0.5).build();
        net.addCurrent(TimedCurrent.constant(neurons.all(), 5));
        SpikeMonitor spikes = net.addMonitor(new SpikeMonitor(neurons));
        return new Small(net, neurons, drive, ge, spikes);
    }

    private static void refused(String expectedInMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, expectedInMessage);
        assertTrue(e.getMessage().contains(expectedInMessage),
                "message '" + e.getMessage() + "' should contain '" + expectedInMessage + "'");
        assertTrue(e.getMessage().contains("must"), "message '" + e.getMessage() + "' should say what is allowed");
    }

    @Test
    void badParametersAreRefusedByName() {
        Small s = small();
        Network net = s.net();
        NeuronPopulation neurons = s.neurons();
        Lif ok = Lif.defaults();

        refused("dt (ms) = 0.0", () -> new Network(0));
        refused("dt (ms) = -0.1", () -> new Network(-0.1));
        refused("dt (ms) = NaN", () -> new Network(Double.NaN));
        refused("LIF tau (ms) = 0.0", () -> ok.withTau(0));
        refused("LIF tau (ms) = -10.0", () -> ok.withTau(-10));
        refused("LIF tau (ms) = Infinity", () -> ok.withTau(Double.POSITIVE_INFINITY));
        refused("LIF vRest (mV) = NaN", () -> ok.withVRest(Double.NaN));
        refused("LIF tRef (ms) = -1.0", () -> ok.withTRef(-1));
        refused("LIF r = 0.0", () -> ok.withR(0));
        refused("LIF vReset = 30.0 mV", () -> ok.withVReset(30));
        refused("LIF method = null", () -> ok.withMethod(null));
        refused("size of population 'empty' = 0", () -> net.addNeurons("empty", 0, ok));
        refused("size of population 'negative' = -3", () -> net.addNeurons("negative", -3, ok));
        refused("population name = neurons", () -> net.addNeurons("neurons", 5, ok));
        refused("tau of exponential synapse 'gx' (ms) = 0.0",
                () -> new ExponentialReceptor(neurons, "gx", 0, SynapticOutput.current()));
        refused("tau of exponential synapse 'gx' (ms) = NaN",
                () -> new ExponentialReceptor(neurons, "gx", Double.NaN, SynapticOutput.current()));
        refused("output of synapse 'gx' = null", () -> new ExponentialReceptor(neurons, "gx", 5, null));
        refused("reversal potential E (mV) = NaN", () -> SynapticOutput.conductance(Double.NaN));
        refused("synaptic input name = ge", () -> new ExponentialReceptor(neurons, "ge", 5, SynapticOutput.current()));
        refused("connection probability p = 1.5", () -> Connectors.fixedProbability(1.5, true));
        refused("connection probability p = -0.1", () -> Connectors.fixedProbability(-0.1, true));
        refused("connection probability p = NaN", () -> Connectors.fixedProbability(Double.NaN, true));
        refused("range of population 'neurons' = [5, 25)", () -> neurons.range(5, 25));
        refused("range of population 'neurons' = [-1, 3)", () -> neurons.range(-1, 3));
        refused("range of population 'neurons' = [4, 4)", () -> neurons.range(4, 4));
        refused("weight = NaN", () -> net.connect(s.drive(), s.ge()).weight(Double.NaN));
        refused("weight = Infinity", () -> net.connect(s.drive(), s.ge()).weight(Double.POSITIVE_INFINITY));
        refused("delay = -0.5 ms", () -> net.connect(s.drive(), s.ge()).delay(-0.5).build());
        refused("delay (steps) = 0", () -> net.connect(s.drive(), s.ge()).delaySteps(0));
        refused("delay (steps) = -2", () -> net.connect(s.drive(), s.ge()).delaySteps(-2));
        refused("delay (ms) = NaN", () -> net.connect(s.drive(), s.ge()).delay(Double.NaN));
        refused("delay = 0.25 ms", () -> net.connect(s.drive(), s.ge()).delay(0.25).build());
        refused("one-to-one: source size 50 and target size 20",
                () -> net.connect(s.drive(), s.ge()).connector(Connectors.oneToOne()).build());
        refused("fixed in-degree k = 60", () -> net.connect(s.drive(), s.ge())
                .connector(Connectors.fixedInDegree(60, true, false)).build());
        refused("fixed out-degree k = -1", () -> Connectors.fixedOutDegree(-1, true, false));
        refused("connection list: pre and post must be arrays of equal length (got 2 and 3)",
                () -> Connectors.fromList(new int[2], new int[3], null, null));
        refused("connection list: weights has 1 values for 2 synapses",
                () -> Connectors.fromList(new int[2], new int[2], new float[1], null));
        refused("weight of listed synapse 1 = NaN",
                () -> Connectors.fromList(new int[2], new int[2], new float[] {1, Float.NaN}, null));
        refused("post index of listed synapse 1 = 20", () -> net.connect(s.drive(), s.ge())
                .connector(Connectors.fromList(new int[] {0, 1}, new int[] {3, 20}, null, null)).build());
        refused("pre index of listed synapse 0 = -1", () -> net.connect(s.drive(), s.ge())
                .connector(Connectors.fromList(new int[] {-1}, new int[] {3}, null, null)).build());
        refused("delay of listed synapse 0 = 0.0 ms", () -> net.connect(s.drive(), s.ge())
                .connector(Connectors.fromList(new int[] {1}, new int[] {3}, null, new double[] {0})).build());
        refused("weight = 2.0: must not be given", () -> net.connect(s.drive(), s.ge()).weight(2)
                .connector(Connectors.fromList(new int[] {1}, new int[] {3}, new float[] {1}, null)).build());
        refused("current amplitude = NaN", () -> TimedCurrent.constant(neurons.all(), Double.NaN));
        refused("current sample 1 = Infinity",
                () -> TimedCurrent.samples(neurons.all(), new double[] {1, Double.POSITIVE_INFINITY}, 0.1));
        refused("rate of Poisson unit 0 of 'bad' (Hz) = -5.0", () -> new PoissonSource("bad", 3, -5, 1));
        refused("unit of spike 1 of 'bad' = 7", () -> new SpikeTimesSource("bad", 5, new int[] {0, 7},
                new double[] {1, 2}));
        refused("time of spike 0 of 'bad' (ms) = -1.0", () -> new SpikeTimesSource("bad", 5, new int[] {0},
                new double[] {-1}));
        refused("variable = W", () -> new StateMonitor(neurons, "W", new int[] {0}, 0.1));
        refused("recorded unit of population 'neurons' = 20",
                () -> new StateMonitor(neurons, "V", new int[] {20}, 0.1));
        refused("recording interval (ms) = 0.0", () -> new StateMonitor(neurons, "V", new int[] {1}, 0));
        refused("rate bin (ms) = -1.0", () -> new RateMonitor(neurons.all(), -1));
        refused("V of neuron 3 of population 'neurons' = NaN",
                () -> neurons.set("V", i -> i == 3 ? Double.NaN : -60));
        // issue 21, item 5: values a float cannot hold, NaN weights, spikelet delays, dt, nulls, repeated monitors
        refused("LIF vRest (mV) = 1.0E39: must be a finite number within float range", () -> ok.withVRest(1e39));
        refused("LIF tau (ms) = 1.0E-300: must be a finite number > 0 within float range", () -> ok.withTau(1e-300));
        refused("LIF r = 1.0E300: must be a finite number > 0 within float range", () -> ok.withR(1e300));
        refused("reversal potential E (mV) = 1.0E39: must be", () -> SynapticOutput.conductance(1e39));
        refused("weight = 1.0E39: must be a finite number within float range",
                () -> net.connect(s.drive(), s.ge()).weight(1e39));
        refused("V of neuron 0 of population 'neurons' = 1.0E39: must be a finite number in [",
                () -> neurons.set("V", i -> 1e39));
        refused("drawn weight of synapse 0 of row", () -> net.connect(s.drive(), s.ge())
                .connector(Connectors.fixedProbability(0.3, true)).weights(rng -> Double.NaN).build());
        refused("current amplitude = 1.0E39", () -> TimedCurrent.constant(neurons.all(), 1e39));
        refused("current samples = []: must hold at least one value",
                () -> TimedCurrent.samples(neurons.all(), new double[0], 0.1));
        refused("spikelet delay (steps) = 50000: must be an integer in [1, 32767]",
                () -> net.connectGap(neurons.all(), neurons.all()).spikelet(1, false).delay(5000).build());
        refused("dt (ms) = 1.0E-300: must be in [1.0E-6, 1000.0] ms", () -> new Network(1e-300));
        refused("dt (ms) = 1.0E300: must be in [1.0E-6, 1000.0] ms", () -> new Network(1e300));
        refused("progress = null: must be a ProgressListener", () -> net.run(100, null));
        refused("rates of Poisson source 'x' = null: must be an array", () -> new PoissonSource("x", null, 1));
        refused("is already added: must be added once", () -> net.addMonitor(s.spikes()));
        HodgkinHuxley squid = HodgkinHuxley.squid();
        refused("HH gate m at vInit = -65.0 mV = NaN: its rate functions must give finite rates there",
                () -> new HodgkinHuxley(squid.c(), squid.gNa(), squid.eNa(), squid.gK(), squid.eK(), squid.gL(),
                        squid.eL(), squid.vTh(), squid.tRef(), squid.vInit(), RateFunction.exponential(1, 0, 1e-3),
                        squid.betaM(), squid.alphaH(), squid.betaH(), squid.alphaN(), squid.betaN(),
                        squid.method()));
        Network hhNet = new Network(0.1, new PlainKernels());
        NeuronPopulation hh = hhNet.addNeurons("hh", 4, squid);
        refused("m of neuron 0 of population 'hh' = -3.0: must be a finite number in [0.0, 1.0]",
                () -> hh.set("m", i -> -3));
        hhNet.addCurrent(TimedCurrent.samples(hh.all(), new double[] {1, 2}, 0.15));
        refused("sample interval of the current into population 'hh' = 0.15 ms: must be a whole number of steps",
                hhNet::step);

        refused("synapse 'gx' on population 'exact' integrated EXACT",
                () -> new ExponentialReceptor(net.addNeurons("exact", 5, ok.withMethod(Integrator.EXACT)), "gx", 5,
                        SynapticOutput.conductance(0)));

        Network other = new Network(0.1, new PlainKernels());
        NeuronPopulation foreign = other.addNeurons("foreign", 5, ok);
        refused("population 'foreign' belongs to another network",
                () -> net.connect(foreign, s.ge()).build());
        refused("population 'foreign' belongs to another network",
                () -> net.addCurrent(TimedCurrent.constant(foreign.all(), 1)));
        refused("population 'foreign' belongs to another network", () -> net.addMonitor(new SpikeMonitor(foreign)));
        refused("population 'neurons' already belongs to a network", () -> other.add(neurons));

        // The network saw all of that and still runs exactly like one that never did.
        Small twin = small();
        twin.net().addNeurons("exact", 5,
                ok.withMethod(Integrator.EXACT)); // added above before its receptor was refused
        net.run(200, ProgressListener.SILENT);
        twin.net().run(200, ProgressListener.SILENT);
        assertTrue(s.spikes().count() > 10, "the network must be active");
        assertArrayEquals(twin.spikes().steps(), s.spikes().steps());
        assertArrayEquals(twin.spikes().units(), s.spikes().units());
        assertArrayEquals(twin.neurons().v(), neurons.v(), 0f);
        assertEquals(1, net.projections().size());
    }

    @Test
    void projectionsThatCannotFitAreRefusedBeforeBuilding() {
        Small s = small();
        Network net = s.net();
        NeuronPopulation big = net.addNeurons("big", 100_000, Lif.defaults());
        var g = new ExponentialReceptor(big, "g", 5, SynapticOutput.current());
        long start = System.nanoTime();
        refused("projection big -> big.g: about 5000000000 synapses: must be fewer than 2^31",
                () -> net.connect(big, g).connector(Connectors.fixedProbability(0.5, true)).build());
        refused("projection big -> big.g: about 10000000000 synapses: must be fewer than 2^31",
                () -> net.connect(big, g).connector(Connectors.allToAll(true)).build());
        // 1.5e9 synapses fit the int CSR but not the test JVM's 2 GiB heap (about 28 GiB to build)
        refused("must fit the", () -> net.connect(big, g).connector(Connectors.fixedInDegree(15_000, true, false))
                .build());
        refused("population 'huge' of 1500000000 units needs about 28610 MiB: must fit the",
                () -> net.addNeurons("huge", 1_500_000_000, Lif.defaults()));
        refused("size of population 'max' = 2147483647: must be at most",
                () -> net.addNeurons("max", Integer.MAX_VALUE, Lif.defaults()));
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "refused before building anything");
        assertEquals(1, net.projections().size());
        net.run(10, ProgressListener.SILENT);
    }

    /**
     * Issue 21, item 4: every allocation a network makes is estimated and refused before it is built, with the size
     * asked for and the heap left (each of these once ended in an OutOfMemoryError or NegativeArraySizeException).
     * Sizes that depend on the heap are chosen from the heap left, so that the old per-neuron figure (16 bytes)
     * would have let them through.
     */
    @Test
    void everyAllocationIsRefusedBeforeItIsBuilt() {
        Network net = new Network(0.1, new PlainKernels());
        int hhSize = (int) Math.min(Integer.MAX_VALUE - 64, heapLeft() / 24); // 16 B fit, the 32 B HH needs do not
        refused("population 'hh' of " + hhSize + " units needs about",
                () -> net.addNeurons("hh", hhSize, HodgkinHuxley.traubMiles()));
        // the neurons fit (16 B each, built on purpose), their synapses' state and rings (16 B more) do not
        int lifSize = (int) Math.min(Integer.MAX_VALUE - 64, heapLeft() / 28);
        refused("must fit the", () -> {
            NeuronPopulation lif = net.addNeurons("lif", lifSize, Lif.defaults());
            new ExponentialReceptor(lif, "ge", 5, SynapticOutput.current());
            new ExponentialReceptor(lif, "gi", 10, SynapticOutput.current());
            net.prepare();
        });
        Network rings = new Network(0.1, new PlainKernels());
        NeuronPopulation targets = rings.addNeurons("targets", 100_000, Lif.defaults());
        var g = new ExponentialReceptor(targets, "g", 5, SynapticOutput.current());
        refused("delay ring of synapse 'g' on population 'targets' (15000 steps × 100000 neurons) needs about 5722 MiB:"
                + " must fit the", () -> rings.connect(targets.range(0, 10), g).connector(Connectors.oneToOne())
                .toRange(0, 10).delaySteps(15_000).build());
        assertEquals(0, rings.projections().size());
        Network kinetic = new Network(0.1, new PlainKernels());
        NeuronPopulation post = kinetic.addNeurons("post", 4096, Lif.defaults());
        var ampa = new KineticReceptor(post, "ampa", org.vecsnn.models.synapse.KineticModel.ampa());
        for (int k = 0; k < 3; k++) { // each event ring: 30,001 slots × room for 4096 events × 8 bytes
            kinetic.connect(post, ampa).connector(Connectors.oneToOne()).delaySteps(30_000).build();
        }
        refused("preparing the network (delay rings and run state on 1 thread(s)) needs about", kinetic::prepare);
        assertTrue(!kinetic.isPrepared());
        Network gaps = new Network(0.1, new PlainKernels());
        NeuronPopulation cells = gaps.addNeurons("cells", 50_000, Lif.defaults());
        refused("gap junctions cells -> cells: about 2500000000 synapses: must be fewer than 2^31",
                () -> gaps.connectGap(cells.all(), cells.all()).connector(Connectors.allToAll(true)).build());
        Network traces = new Network(0.1, new PlainKernels());
        NeuronPopulation traced = traces.addNeurons("traced", 1000, Lif.defaults());
        int[] all = java.util.stream.IntStream.range(0, 1000).toArray();
        StateMonitor v = traces.addMonitor(new StateMonitor(traced, "V", all, 0.1));
        refused("state monitor of V of 1000 units of population 'traced', recording 1000001 samples (use keepLast or"
                + " a longer interval) needs about 3814 MiB: must fit the", () -> traces.run(100_000,
                ProgressListener.SILENT));
        assertEquals(0, traces.stepIndex(), "refused before the first step");
        refused("state monitor of V of 1000 units of population 'traced', keeping the last 1000000000 samples needs"
                + " 1000000000000 entries in one array: must be fewer than 2^31", () -> v.keepLast(1_000_000_000));
        StateMonitor one = new StateMonitor(traced, "V", new int[] {0}, 0.1);
        refused("state monitor of V of 1 units of population 'traced', keeping the last 1000000000 samples needs"
                + " about 3814 MiB: must fit the", () -> one.keepLast(1_000_000_000));
        refused("Poisson source 'many' of 2000000000 units needs about",
                () -> new PoissonSource("many", 2_000_000_000, 1, 1));
    }

    /**
     * Measured after a collection: the garbage earlier tests of this JVM leave counts as used until collected, and
     * the engine's check collects before it refuses, so a size chosen from an uncollected heap could pass that check.
     */
    private static long heapLeft() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    @Test
    void aRunningNetworkKeepsItsStructure() {
        Small s = small();
        s.net().step();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> s.net().addNeurons("late", 3, Lif.defaults()));
        assertTrue(e.getMessage().contains("started running"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> new ExponentialReceptor(s.neurons(), "late", 5, SynapticOutput.current()));
        assertThrows(IllegalStateException.class, () -> s.net().connect(s.drive(), s.ge()).build());
        assertThrows(IllegalStateException.class, () -> s.net().addMonitor(new SpikeMonitor(s.neurons())));
        refused("duration = 0.05 ms", () -> s.net().run(0.05, ProgressListener.SILENT));
        s.net().run(10, ProgressListener.SILENT);
        assertEquals(101, s.net().stepIndex());
    }

    @Test
    void poissonRatesAboveOnePerStepAreRefused() {
        Network net = new Network(0.1, new PlainKernels());
        net.add(new PoissonSource("fast", 2, 20_000, 1));
        refused("rate of Poisson unit 0 of 'fast' = 20000.0 Hz", net::step);
    }
}
