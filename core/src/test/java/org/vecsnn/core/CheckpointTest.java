package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.DualExponentialReceptor;
import org.vecsnn.models.synapse.DualExponentialReceptor.Normalisation;
import org.vecsnn.models.synapse.ExponentialReceptor;
import org.vecsnn.models.synapse.KineticModel;
import org.vecsnn.models.synapse.KineticReceptor;
import org.vecsnn.models.synapse.ShortTermPlasticity;

/** Checkpoints resume bit-identically, and bad files are refused without touching the network. */
class CheckpointTest {
    /** Every kind of state: Poisson streams, given spikes, LIF, rings, dual, kinetic channels and events, STP. */
    private record Built(Network net, NeuronPopulation cells, SpikeMonitor spikes, StateMonitor voltage) {}

    private static Built build(int size, long seed) {
        Network net = new Network(0.1, KernelProvider.get()).seed(seed);
        PoissonSource drive = net.add(new PoissonSource("drive", 200, 30, seed));
        SpikeTimesSource given = net.add(new SpikeTimesSource("given", 3, new int[] {0, 1, 2, 0},
                new double[] {5, 12.5, 31, 47}));
        NeuronPopulation cells = net.addNeurons("cells", size, new Lif(-60, -60, -50, 20, 1, 2, Integrator.EULER));
        cells.set("V", i -> -60 + (i % 10));
        var ge = new ExponentialReceptor(cells, "ge", 5, SynapticOutput.conductance(0));
        var dual = DualExponentialReceptor.dualExponential(cells, "dual", 1, 8, Normalisation.PEAK,
                SynapticOutput.current());
        var ampa = new KineticReceptor(cells, "ampa", KineticModel.ampa());
        var nmda = new KineticReceptor(cells, "nmda", KineticModel.nmda());
        var jump = new VoltageJump(cells, "jump", true);
        net.connect(drive, ge).connector(Connectors.fixedProbability(0.1, true)).weight(0.3)
                .plasticity(ShortTermPlasticity.tsodyksMarkram()).build();
        net.connect(cells, dual).connector(Connectors.fixedProbability(0.1, false)).weight(1.5).delaySteps(7).build();
        int n = 300;
        int[] pre = new int[n];
        int[] post = new int[n];
        double[] delays = new double[n];
        for (int s = 0; s < n; s++) {
            pre[s] = s % 200;
            post[s] = (s * 13) % size;
            delays[s] = 0.1 * (1 + s % 11);
        }
        net.connect(drive, ampa).connector(Connectors.fromList(pre, post, null, delays)).weight(0.5).build();
        net.connect(cells, nmda).connector(Connectors.fixedOutDegree(5, false, false)).weight(0.2).build();
        net.connect(given, jump).connector(Connectors.allToAll(true)).weight(3).build();
        // the rest of the catalogue, so that every model's state goes through the checkpoint
        var alpha = DualExponentialReceptor.alpha(cells, "alpha", 2, Normalisation.JUMP, SynapticOutput.mgBlock());
        net.connect(drive, alpha).connector(Connectors.fixedInDegree(3, true, false)).weight(0.2).delaySteps(4).build();
        String[] kinetic = {"gabaA", "bioNmda", "gabaB", "gabaBD"};
        KineticModel[] models = {KineticModel.gabaA(), KineticModel.bioNmda(), KineticModel.gabaB(),
            new KineticModel.GabaBDesensitized(0.66, 0.02, 0.0053, 0.017, 8.3e-5, 7.9e-3, 1e-16, 0.5, 0.5, -95, 0.02)};
        for (int k = 0; k < kinetic.length; k++) {
            net.connect(drive, new KineticReceptor(cells, kinetic[k],
                    models[k])).connector(Connectors.fixedProbability(0.05,
                    true)).weight(0.01).plasticity(ShortTermPlasticity.depression()).build();
        }
        net.connectGap(cells.range(0, size / 2), cells.range(size / 2, size))
                .connector(Connectors.fixedProbability(0.05, true)).weight(0.05).symmetric(true).spikelet(2, true)
                .delay(0.3).build();
        net.addCurrent(TimedCurrent.constant(cells.all(), 8));
        SpikeMonitor spikes = net.addMonitor(new SpikeMonitor(cells));
        StateMonitor voltage = net.addMonitor(new StateMonitor(cells, "V", new int[] {3, 7}, 0.5));
        net.addMonitor(new RateMonitor(cells.all(), 1));
        return new Built(net, cells, spikes, voltage);
    }

    private static long[] stepsFrom(SpikeMonitor m, long from) {
        return Arrays.stream(m.steps()).filter(s -> s >= from).toArray();
    }

    @Test
    void resumingGivesTheSameSpikesAsNeverStopping(@TempDir Path dir) throws IOException {
        Built a = build(100, 4);
        a.net().runSteps(300, ProgressListener.SILENT);
        Path file = dir.resolve("net.ckpt");
        Checkpoint.save(a.net(), file);
        a.net().runSteps(700, ProgressListener.SILENT);

        Built b = build(100, 4);
        Checkpoint.load(b.net(), file);
        assertEquals(300, b.net().stepIndex());
        b.net().runSteps(700, ProgressListener.SILENT);

        assertTrue(stepsFrom(a.spikes(), 300).length > 50, "the network must be active after the checkpoint");
        // the resumed monitor holds the whole run: the spikes before the checkpoint came with it
        assertArrayEquals(a.spikes().steps(), b.spikes().steps());
        assertArrayEquals(a.spikes().units(), b.spikes().units());
        assertArrayEquals(a.voltage().times(), b.voltage().times(), 0);
        assertArrayEquals(a.voltage().trace(1), b.voltage().trace(1), 0f);
        assertArrayEquals(a.cells().v(), b.cells().v(), 0f);
        for (String variable : new String[] {"ge", "dual", "ampa", "nmda", "alpha", "gabaA", "bioNmda", "gabaB",
            "gabaBD"}) {
            assertArrayEquals(a.cells().state(variable), b.cells().state(variable), 0f, variable);
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    /** Models with their own variables (gates, adaptation) and a conductance accumulator resume exactly too. */
    @Test
    void neuronModelVariablesResume(@TempDir Path dir) throws IOException {
        java.util.function.Supplier<Network> build = () -> {
            Network net = new Network(0.1, KernelProvider.get()).seed(5);
            PoissonSource drive = net.add(new PoissonSource("drive", 100, 40, 5));
            NeuronPopulation hh = net.addNeurons("hh", 40, org.vecsnn.models.neuron.HodgkinHuxley.traubMiles());
            NeuronPopulation adex = net.addNeurons("adex", 40, org.vecsnn.models.neuron.AdEx.defaults());
            net.connect(drive, new ExponentialReceptor(hh, "g", 5, SynapticOutput.conductance(0)))
                    .connector(Connectors.fixedProbability(0.2, true)).weight(30).build();
            net.connect(drive, new ExponentialReceptor(adex, "g", 5, SynapticOutput.conductance(0)))
                    .connector(Connectors.fixedProbability(0.2, true)).weight(0.3).build();
            net.addCurrent(TimedCurrent.constant(adex.all(), 5));
            return net;
        };
        Network a = build.get();
        a.runSteps(500, ProgressListener.SILENT);
        Path file = dir.resolve("models.ckpt");
        Checkpoint.save(a, file);
        a.runSteps(500, ProgressListener.SILENT);
        Network b = build.get();
        Checkpoint.load(b, file);
        b.runSteps(500, ProgressListener.SILENT);
        for (String population : new String[] {"hh", "adex"}) {
            NeuronPopulation pa = find(a, population);
            NeuronPopulation pb = find(b, population);
            assertArrayEquals(pa.v(), pb.v(), 0f, population + " V");
            for (String variable : pa.model().variables()) {
                assertArrayEquals(pa.state(variable), pb.state(variable), 0f, population + " " + variable);
            }
        }
        assertTrue(find(a, "hh").state("m")[0] != 0f);
    }

    private static NeuronPopulation find(Network net, String name) {
        return (NeuronPopulation) net.populations().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void badFilesAreRefusedAndChangeNothing(@TempDir Path dir) throws IOException {
        Built source = build(100, 4);
        source.net().runSteps(200, ProgressListener.SILENT);
        Path good = dir.resolve("good.ckpt");
        Checkpoint.save(source.net(), good);
        byte[] bytes = Files.readAllBytes(good);

        Built target = build(100, 4);
        target.net().runSteps(50, ProgressListener.SILENT);
        float[] v = target.cells().v().clone();

        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 10);
        byte[] corrupted = bytes.clone();
        corrupted[bytes.length / 2] ^= 0x10;
        byte[] otherVersion = bytes.clone();
        ByteBuffer.wrap(otherVersion).putInt(8, 99);
        byte[] foreign = "step,neuron\n1,2\n3,4\nnot a checkpoint at all, but long enough".getBytes();
        Path otherNetwork = dir.resolve("other.ckpt");
        Checkpoint.save(build(120, 4).net(), otherNetwork);
        Path otherSeed = dir.resolve("seed.ckpt");
        Checkpoint.save(build(100, 5).net(), otherSeed);

        String[][] cases = {
            {"truncated", "truncated"}, {"corrupted", "checksum mismatch"}, {"version", "format version 99"},
            {"foreign", "not a vecsnn checkpoint"}, {"tiny", "too short"}};
        byte[][] contents = {truncated, corrupted, otherVersion, foreign, new byte[5]};
        for (int k = 0; k < cases.length; k++) {
            Path f = dir.resolve(cases[k][0]);
            Files.write(f, contents[k]);
            IOException e = assertThrows(IOException.class, () -> Checkpoint.load(target.net(), f), cases[k][0]);
            assertTrue(e.getMessage().contains(cases[k][1]), e.getMessage());
        }
        for (Path f : new Path[] {otherNetwork, otherSeed}) {
            IOException e = assertThrows(IOException.class, () -> Checkpoint.load(target.net(), f));
            assertTrue(e.getMessage().contains("written for another network"), e.getMessage());
        }
        assertEquals(50, target.net().stepIndex());
        assertArrayEquals(v, target.cells().v(), 0f);

        // and it runs on exactly like a twin that saw none of this
        Built twin = build(100, 4);
        twin.net().runSteps(250, ProgressListener.SILENT);
        target.net().runSteps(200, ProgressListener.SILENT);
        assertArrayEquals(twin.spikes().steps(), target.spikes().steps());
        assertArrayEquals(twin.cells().v(), target.cells().v(), 0f);
    }

    /** A small network whose run is shaped by per-synapse weights, a Poisson rate and an injected current. */
    private static Network shaped(double weightMean, double rateHz, double current) {
        Network net = new Network(0.1, KernelProvider.get()).seed(3);
        PoissonSource drive = net.add(new PoissonSource("drive", 50, rateHz, 9));
        NeuronPopulation cells = net.addNeurons("cells", 40, new Lif(-60, -60, -50, 20, 1, 2, Integrator.EULER));
        net.connect(drive, new ExponentialReceptor(cells, "ge", 5, SynapticOutput.conductance(0)))
                .connector(Connectors.fixedProbability(0.2, true))
                .weights(org.vecsnn.core.connect.Distribution.normal(weightMean, 0.1, 0, 100)).build();
        net.addCurrent(TimedCurrent.constant(cells.range(0, 20), current));
        return net;
    }

    /**
     * Issue 21, item 2: a checkpoint loads only into a network with the same parameters — per-synapse weights,
     * Poisson rates and injected currents included — and the refusal names the first difference. A refused load
     * leaves the network unprepared, so its structure can still change.
     */
    @Test
    void aCheckpointLoadsOnlyWhereEveryParameterIsTheSame(@TempDir Path dir) throws IOException {
        Network saved = shaped(3.0, 80, 15);
        saved.runSteps(100, ProgressListener.SILENT);
        Path file = dir.resolve("shaped.ckpt");
        Checkpoint.save(saved, file);

        Object[][] cases = {
            {shaped(0.3, 80, 15), "per-synapse weights differs"},
            {shaped(3.0, 20, 15), "population 'drive' differs: PoissonSource of 50, seed 9, rate 80.0 Hz in the"
                    + " checkpoint, PoissonSource of 50, seed 9, rate 20.0 Hz in this network"},
            {shaped(3.0, 80, 5), "current input 0 into 'cells' differs: current into cells [0, 20), constant 15.0 in"
                    + " the checkpoint, current into cells [0, 20), constant 5.0 in this network"}};
        for (Object[] c : cases) {
            Network other = (Network) c[0];
            IOException e = assertThrows(IOException.class, () -> Checkpoint.load(other, file));
            assertTrue(e.getMessage().contains("written for another network: "), e.getMessage());
            assertTrue(e.getMessage().contains((String) c[1]), e.getMessage());
            assertTrue(!other.isPrepared(), "a refused load does not prepare the network");
            other.addMonitor(new SpikeMonitor(other.populations().get(1))); // the structure is still open
            assertEquals(0, other.stepIndex());
        }
        Network same = shaped(3.0, 80, 15);
        Checkpoint.load(same, file);
        assertEquals(100, same.stepIndex());
    }

    /** A checkpoint with NaN state and a valid checksum is refused; the network stays unprepared. */
    @Test
    void nonFiniteStateIsRefusedOnLoad(@TempDir Path dir) throws IOException {
        Built source = build(100, 4);
        source.net().runSteps(20, ProgressListener.SILENT);
        source.cells().v()[17] = Float.NaN; // as a blow-up between two finite checks leaves it
        Path file = dir.resolve("nan.ckpt");
        Checkpoint.save(source.net(), file);

        Built target = build(100, 4);
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(target.net(), file));
        assertTrue(e.getMessage().contains("V of population 'cells': value 17 = NaN: state must be finite"),
                e.getMessage());
        assertTrue(!target.net().isPrepared(), "a refused load does not prepare the network");
        target.net().runSteps(20, ProgressListener.SILENT); // prepares and runs as if nothing had happened
        assertEquals(20, target.net().stepIndex());
    }

    /**
     * Saving onto a directory or into a missing folder is refused naming the path asked for, and leaves no
     * temporary file behind.
     */
    @Test
    void savingOntoADirectoryOrIntoAMissingFolderNamesTheTarget(@TempDir Path dir) throws IOException {
        Network net = shaped(3.0, 80, 15);
        Path folder = Files.createDirectory(dir.resolve("ckpt"));
        IOException e = assertThrows(IOException.class, () -> Checkpoint.save(net, folder));
        assertTrue(e.getMessage().startsWith(folder + ": is a directory: must be"), e.getMessage());
        Path missing = dir.resolve("missing").resolve("x.ckpt");
        e = assertThrows(IOException.class, () -> Checkpoint.save(net, missing));
        assertTrue(e.getMessage().startsWith(missing + ": folder " + missing.getParent() + " does not exist"),
                e.getMessage());
        try (var files = Files.walk(dir)) {
            assertEquals(java.util.List.of(dir, folder), files.sorted().toList(), "nothing left behind");
        }
    }
}
