package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.core.synapse.VoltageJump;
import org.vecsnn.models.neuron.AdEx;
import org.vecsnn.models.neuron.ExpIf;
import org.vecsnn.models.neuron.HodgkinHuxley;
import org.vecsnn.models.neuron.Izhikevich;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.neuron.Qif;
import org.vecsnn.models.synapse.ExponentialReceptor;
import org.vecsnn.models.synapse.ShortTermPlasticity;
import org.vecsnn.networks.BenchmarkNetworks;
import org.vecsnn.networks.Microcircuit;

/**
 * Golden runs: fingerprints (every spike's step and unit, and every state array after the run) of the benchmark
 * networks, the microcircuit at scale 0.1, every synapse model and every neuron model, recorded before the
 * open-core redesign (issue 15) so that the redesign can show it keeps every result bit for bit. The kernels are
 * bit-identical at every width and cold or warm, so one fingerprint holds everywhere. A change here must come with
 * a reason in its commit (a deliberate change of arithmetic), and the new fingerprint recorded from the run.
 */
class GoldenRunsTest {
    /** The fingerprint of a network after {@code steps}: spike count, hashes of the spike list and of the state. */
    static String fingerprint(Network net, SpikeMonitor spikes, long steps) {
        net.runSteps(steps, ProgressListener.SILENT);
        long state = 17;
        for (Population p : net.populations()) {
            for (StateArray a : p.stateArrays()) {
                state = 31 * state + Arrays.hashCode(Arrays.copyOf(a.values(), a.length()));
            }
        }
        return spikes.count() + " spikes " + Integer.toHexString(Arrays.hashCode(spikes.steps())) + "/"
                + Integer.toHexString(Arrays.hashCode(spikes.units())) + " state " + Long.toHexString(state);
    }

    private static String benchmark(String name, long steps) {
        var ei = BenchmarkNetworks.byName(name, 4000, 0.1, 1, KernelProvider.get());
        return fingerprint(ei.network(), ei.network().addMonitor(new SpikeMonitor(ei.neurons())), steps);
    }

    private static String microcircuit() {
        Network net = Microcircuit.build(0.1, 0.1, 1, KernelProvider.get(), Microcircuit.Drive.POISSON).network();
        SpikeMonitor[] all = net.populations().stream().filter(p -> p instanceof NeuronPopulation)
                .map(p -> net.addMonitor(new SpikeMonitor(p))).toArray(SpikeMonitor[]::new);
        String last = fingerprint(net, all[0], 1000);
        StringBuilder s = new StringBuilder(last);
        for (int k = 1; k < all.length; k++) {
            s.append(" | ").append(all[k].count()).append(' ')
                    .append(Integer.toHexString(Arrays.hashCode(all[k].units())));
        }
        return s.toString();
    }

    /** Poisson drive through {@code model} onto LIF neurons, with per-synapse delays on half the synapses. */
    private static Network synapse(String model) {
        Network net = new Network(0.1, KernelProvider.get()).seed(8);
        PoissonSource drive = net.add(new PoissonSource("drive", 100, 40, 3));
        NeuronPopulation post = net.addNeurons("post", 200, new Lif(-65, -65, -50, 10, 1, 2,
                Integrator.EXPONENTIAL_EULER));
        var input = SynapseCatalogueTest.receptor(post, model);
        net.connect(drive.range(0, 50), input).connector(Connectors.fixedProbability(0.2, true))
                .weight(model.startsWith("GABA_B") ? 0.02 : 1).delaySteps(3).build();
        int[] pre = new int[400];
        int[] target = new int[400];
        double[] delays = new double[400];
        for (int s = 0; s < 400; s++) {
            pre[s] = s % 50;
            target[s] = (s * 37) % 200;
            delays[s] = 0.1 * (1 + s % 9);
        }
        net.connect(drive.range(50, 100), input).connector(Connectors.fromList(pre, target, null, delays))
                .weight(model.startsWith("GABA_B") ? 0.02 : 1).build();
        net.addCurrent(TimedCurrent.constant(post.all(), 18));
        return net;
    }

    /** The seed chapter's other mechanisms: short-term plasticity, the Mg block, voltage jumps, gap junctions. */
    private static Network seed(String what) {
        Network net = new Network(0.1, KernelProvider.get()).seed(8);
        PoissonSource drive = net.add(new PoissonSource("drive", 100, 40, 3));
        NeuronPopulation post = net.addNeurons("post", 200, new Lif(-65, -65, -50, 10, 1, 2,
                Integrator.EXPONENTIAL_EULER));
        SynapticInput input = switch (what) {
            case "Mg block" -> new ExponentialReceptor(post, "s", 5, SynapticOutput.mgBlock());
            case "voltage jump" -> new VoltageJump(post, "s", true);
            default -> new ExponentialReceptor(post, "s", 5, SynapticOutput.conductance(0));
        };
        ProjectionBuilder b = net.connect(drive, input).connector(Connectors.fixedProbability(0.2, true))
                .weight(what.equals("voltage jump") ? 2 : 1).delaySteps(3);
        if (what.equals("short-term plasticity")) {
            b.plasticity(ShortTermPlasticity.tsodyksMarkram(0.45, 50, 750));
        }
        b.build();
        if (what.equals("gap junctions")) {
            net.connectGap(post.range(0, 100), post.range(100, 200)).connector(Connectors.fixedProbability(0.05, true))
                    .weight(0.02).symmetric(true).spikelet(0.1, false).delay(0.5).build();
        }
        net.addCurrent(TimedCurrent.constant(post.all(), 18));
        return net;
    }

    private static Network neuron(NeuronModel model) {
        boolean hh = model instanceof HodgkinHuxley;
        Network net = new Network(hh ? 0.01 : 0.1, KernelProvider.get()).seed(3);
        NeuronPopulation p = net.addNeurons("n", 48, model);
        PoissonSource drive = net.add(new PoissonSource("drive", 50, 20, 5));
        SynapticOutput output = model.method() == Integrator.EXACT ? SynapticOutput.current()
                : SynapticOutput.conductance(0);
        net.connect(drive, new ExponentialReceptor(p, "g", 5, output))
                .connector(Connectors.fixedProbability(0.1, true)).weight(0.05).build();
        double current = hh ? 8 : model instanceof Izhikevich ? 10 : model instanceof AdEx ? 500 : 25;
        net.addCurrent(TimedCurrent.constant(p.all(), current));
        return net;
    }

    /** The fingerprint of a small network's neurons after 2000 steps. */
    private static String small(Network net) {
        Population neurons = net.populations().stream().filter(p -> p instanceof NeuronPopulation).findFirst()
                .orElseThrow();
        return fingerprint(net, net.addMonitor(new SpikeMonitor(neurons)), 2000);
    }

    /** Every golden run by name. */
    static java.util.Map<String, Run> runs() {
        java.util.Map<String, Run> runs = new java.util.LinkedHashMap<>();
        runs.put("COBA 4000, 1000 steps", () -> benchmark("coba", 1000));
        runs.put("CUBA 4000, 1000 steps", () -> benchmark("cuba", 1000));
        runs.put("COBAHH 4000, 500 steps", () -> benchmark("cobahh", 500));
        runs.put("microcircuit 0.1, Poisson drive, 1000 steps", GoldenRunsTest::microcircuit);
        networks().forEach((name, network) -> runs.put(name, () -> small(network.get())));
        return runs;
    }

    /** The small golden networks (every synapse model, the seed's other mechanisms, every neuron model), as built. */
    static java.util.Map<String, java.util.function.Supplier<Network>> networks() {
        java.util.Map<String, java.util.function.Supplier<Network>> runs = new java.util.LinkedHashMap<>();
        for (String model : List.of("exponential", "dual", "alpha", "AMPA", "GABA_A", "NMDA", "BioNMDA", "GABA_B",
                "GABA_B_DESENSITIZED")) {
            runs.put("synapse " + model, () -> synapse(model));
        }
        for (String what : List.of("short-term plasticity", "Mg block", "voltage jump", "gap junctions")) {
            runs.put("seed " + what, () -> seed(what));
        }
        java.util.Map<String, NeuronModel> models = new java.util.LinkedHashMap<>();
        models.put("LIF", Lif.defaults());
        models.put("HH squid", HodgkinHuxley.squid());
        models.put("HH Traub-Miles", HodgkinHuxley.traubMiles());
        models.put("ExpIF", ExpIf.defaults());
        models.put("AdEx", AdEx.defaults());
        models.put("Izhikevich", Izhikevich.defaults());
        models.put("QIF", Qif.defaults());
        for (var named : models.entrySet()) {
            NeuronModel model = named.getValue();
            List<Integrator> methods = model instanceof Lif
                    ? List.of(Integrator.EULER, Integrator.EXPONENTIAL_EULER, Integrator.EXACT, Integrator.RK4)
                    : List.of(Integrator.EULER, Integrator.EXPONENTIAL_EULER, Integrator.RK4);
            for (Integrator method : methods) {
                NeuronModel m = model instanceof Lif lif ? lif.withMethod(method)
                        : NeuronModelTwinsTest.withMethod(model, method);
                runs.put("neuron " + named.getKey() + " " + method, () -> neuron(m));
            }
        }
        return runs;
    }

    @FunctionalInterface
    interface Run {
        String fingerprint();
    }

    private static final java.nio.file.Path GOLDEN = java.nio.file.Path.of("src", "test", "resources",
            "golden-runs.txt");

    static Stream<Arguments> goldens() throws java.io.IOException {
        java.util.Map<String, Run> runs = runs();
        return java.nio.file.Files.readAllLines(GOLDEN).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split(" = ", 2)).map(kv -> Arguments.of(kv[0], runs.get(kv[0]), kv[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void sameAsRecorded(String name, Run run, String golden) {
        assertEquals(golden, run.fingerprint(), name);
    }

    @org.junit.jupiter.api.Test
    void everyRunHasAGoldenFingerprint() throws java.io.IOException {
        assertEquals(runs().keySet().stream().toList(), goldens().map(a -> (String) a.get()[0]).toList());
    }

    /**
     * Records the fingerprints: run in {@code core} with the test classpath, it rewrites the golden file (about 20 s):
     * {@code java --add-modules jdk.incubator.vector -cp target/test-classes:target/classes
     * org.vecsnn.core.GoldenRunsTest}
     */
    public static void main(String[] args) throws java.io.IOException {
        StringBuilder out = new StringBuilder("# GoldenRunsTest's fingerprints: name = fingerprint (see the test)\n");
        for (var run : runs().entrySet()) {
            out.append(run.getKey()).append(" = ").append(run.getValue().fingerprint()).append('\n');
        }
        java.nio.file.Files.writeString(GOLDEN, out);
    }
}
