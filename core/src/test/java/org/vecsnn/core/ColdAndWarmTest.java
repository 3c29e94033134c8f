package org.vecsnn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.models.neuron.AdEx;
import org.vecsnn.models.neuron.HodgkinHuxley;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.ExponentialReceptor;
import org.vecsnn.networks.BenchmarkNetworks;

/**
 * Networks whose kernels use exp give the same spikes and state whether the kernels run interpreted (a child JVM
 * with {@code -Xint}, nothing compiled), compiled by C1 only, or by C2 after a long warm-up in this JVM, with this
 * JVM's kernels (the widest vectors; the twins' tests hold every width to the plain kernels bit for bit).
 */
class ColdAndWarmTest {
    static final List<String> NETWORKS = List.of("NMDA", "HH", "AdEx", "COBAHH");

    /** A fingerprint of a run of 300 steps of {@code name}: every spike (step, unit) and the final state. */
    static String fingerprint(String name) {
        Network net = build(name);
        SpikeMonitor spikes = net.addMonitor(new SpikeMonitor(net.populations().get(net.populations().size() - 1)));
        return name + ": " + GoldenRunsTest.fingerprint(net, spikes, 300);
    }

    static Network build(String name) {
        if (name.equals("COBAHH")) {
            return BenchmarkNetworks.cobahh(200, 0.1, 5, KernelProvider.get()).network();
        }
        Network net = new Network(name.equals("HH") ? 0.01 : 0.1, KernelProvider.get()).seed(4);
        PoissonSource drive = net.add(new PoissonSource("drive", 40, 50, 6));
        NeuronPopulation p = switch (name) {
            case "NMDA" -> net.addNeurons("post", 64, new Lif(-65, -65, -50, 10, 1, 2, Integrator.EXPONENTIAL_EULER));
            case "HH" -> net.addNeurons("post", 64, HodgkinHuxley.squid().withMethod(Integrator.EXPONENTIAL_EULER));
            default -> net.addNeurons("post", 64, AdEx.defaults());
        };
        var receptor = name.equals("NMDA") ? SynapseCatalogueTest.receptor(p, "NMDA")
                : new ExponentialReceptor(p, "g", 5, SynapticOutput.conductance(0));
        net.connect(drive, receptor).connector(Connectors.fixedProbability(0.3, true))
                .weight(name.equals("NMDA") ? 3 : name.equals("HH") ? 0.05 : 0.2).build();
        double current = switch (name) {
            case "NMDA" -> 10;
            case "HH" -> 5;
            default -> 400;
        };
        net.addCurrent(TimedCurrent.constant(p.all(), current));
        return net;
    }

    /** The child JVM: prints the fingerprint of every network. */
    public static void main(String[] args) {
        for (String name : NETWORKS) {
            System.out.println(fingerprint(name));
        }
    }

    private static List<String> child(String... jitFlags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector"));
        command.addAll(List.of(jitFlags));
        for (String property : new String[] {"vecsnn.vectorBits", "vecsnn.kernels"}) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:MaxVectorSize")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ColdAndWarmTest.class.getName()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .toList();
        if (!process.waitFor(240, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("child JVM " + String.join(" ", jitFlags) + " failed: " + lines);
        }
        return lines;
    }

    @Test
    @Timeout(600)
    void interpretedC1AndWarmC2RunsAreIdentical() throws Exception {
        List<String> interpreted = child("-Xint");
        List<String> c1 = child("-XX:TieredStopAtLevel=1");
        for (String name : NETWORKS) { // a long warm-up: every kernel C2-compiled
            Network net = build(name);
            net.runSteps(name.equals("HH") ? 60_000 : 20_000, ProgressListener.SILENT);
        }
        List<String> warm = NETWORKS.stream().map(ColdAndWarmTest::fingerprint).toList();
        assertEquals(interpreted, warm, "interpreted against C2 after warm-up");
        assertEquals(c1, warm, "C1 against C2 after warm-up");
    }
}
