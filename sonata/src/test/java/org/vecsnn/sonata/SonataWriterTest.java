package org.vecsnn.sonata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecsnn.core.Network;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.core.synapse.VoltageJump;
import org.vecsnn.models.neuron.AdEx;
import org.vecsnn.models.neuron.Izhikevich;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.DualExponentialReceptor;
import org.vecsnn.models.synapse.ExponentialReceptor;
import org.vecsnn.networks.BenchmarkNetworks;

/**
 * What the writer puts in the files for the NEST templates, against NEST's parameters worked out here by hand, and
 * what it refuses, each naming the population or projection, what it is, and what the writer takes instead.
 */
class SonataWriterTest {
    private static final double DT = 0.1;
    private static final DualExponentialReceptor.Normalisation PEAK = DualExponentialReceptor.Normalisation.PEAK;

    @TempDir
    Path dir;

    /** AdEx of Naud et al.'s C = 281 pF, g_L = 30 nS with NEST's t_ref 2 ms, driven from a one-neuron source. */
    private static Network adex(double tRef) {
        Network net = new Network(DT, KernelProvider.get());
        NeuronPopulation drive = net.addNeurons("drive", 1, new Lif(-70, -70, -55, 10, 1, 0, Integrator.EXACT));
        new ExponentialReceptor(drive, "syn", 5, SynapticOutput.current());
        NeuronPopulation cells = net.addNeurons("adex", 3, new AdEx(-70.6, -60, 0, -50.4, 2, 4, 80.5, 281 / 30.0, 144,
                1 / 30.0, tRef, Integrator.EXPONENTIAL_EULER));
        DualExponentialReceptor.alpha(cells, "ex", 0.2, PEAK, SynapticOutput.conductance(0));
        DualExponentialReceptor.alpha(cells, "in", 2, PEAK, SynapticOutput.conductance(-85));
        cells.set("w", i -> 10 * i);
        net.connect(drive, cells.synapticInputs().get(0)).name("ex").connector(Connectors.allToAll(true))
                .weight(1.5).delaySteps(3).build();
        net.connect(drive, cells.synapticInputs().get(1)).name("in").connector(Connectors.allToAll(true))
                .weight(2.5).delaySteps(1).build();
        net.addCurrent(TimedCurrent.constant(cells.all(), 150));
        return net;
    }

    @Test
    void anAdExPopulationIsWrittenInNestsUnitsWithNestsDelaysAndSign() throws IOException {
        SonataWriter.write(adex(2.1), dir);
        JsonNode p = new ObjectMapper().readTree(dir.resolve("components/point_neuron_dynamics/adex.json").toFile());
        // C_m = τ·g_L, g_L = 1/R, NEST's t_ref = t_ref here − dt, V_peak the threshold and V_th NEST's V_T
        assertEquals(281, p.get("C_m").asDouble(), 1e-12);
        assertEquals(30, p.get("g_L").asDouble(), 1e-12);
        assertEquals(2.0, p.get("t_ref").asDouble(), 1e-12);
        assertEquals(0, p.get("V_peak").asDouble());
        assertEquals(-50.4, p.get("V_th").asDouble());
        assertEquals(150, p.get("I_e").asDouble());
        assertEquals(-85, p.get("E_in").asDouble());
        assertTrue(Files.readString(dir.resolve("network/node_types.csv")).contains(
                "1 point_neuron nest:aeif_cond_alpha adex.json adex"));
        try (HdfFile h = new HdfFile(dir.resolve("network/nodes_1.h5"))) {
            assertArrayEquals(new float[] {0, 10, 20}, (float[]) h.getDatasetByPath("/nodes/adex/0/w").getData());
        }
        // NEST delivers one step later: 3 steps here are NEST's 2 (0.2 ms), 1 step NEST's 0; in's weights negative
        try (HdfFile h = new HdfFile(dir.resolve("network/edges_0.h5"))) {
            assertArrayEquals(new double[] {0.2, 0.2, 0.2}, (double[]) h.getDatasetByPath("/edges/ex/0/delay").getData(),
                    1e-12);
            assertArrayEquals(new float[] {1.5f, 1.5f, 1.5f}, (float[]) h.getDatasetByPath("/edges/ex/0/syn_weight")
                    .getData());
        }
        try (HdfFile h = new HdfFile(dir.resolve("network/edges_1.h5"))) {
            assertArrayEquals(new double[] {0, 0, 0}, (double[]) h.getDatasetByPath("/edges/in/0/delay").getData());
            assertArrayEquals(new float[] {-2.5f, -2.5f, -2.5f}, (float[]) h.getDatasetByPath("/edges/in/0/syn_weight")
                    .getData());
        }
    }

    /** A change to a writable network, the name the refusal must give, and what it must say. */
    private static Arguments refused(String name, Consumer<Network> change, String names, String says) {
        return Arguments.of(name, change, names, says);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refused("Hodgkin-Huxley", net -> {
                    NeuronPopulation hh = BenchmarkNetworks.cobahh(10, DT, 1, KernelProvider.get()).neurons();
                    net.addNeurons("hh", 2, hh.model());
                }, "population 'hh'", "model HodgkinHuxley has no template here; the writer takes LIF"),
                refused("Izhikevich by exponential Euler", net -> {
                    NeuronPopulation c = net.addNeurons("izh", 2, Izhikevich.of(0.02, 0.2, -65, 8));
                    new VoltageJump(c, "ex", false);
                    new VoltageJump(c, "in", false);
                }, "population 'izh'", "as nest:izhikevich it would read back as Izhikevich[a=0.02, b=0.2, c=-65.0,"
                        + " d=8.0, vTh=30.0, tRef=0.0, vInit=-70.0, method=EULER]"),
                refused("Izhikevich without synapses", net -> net.addNeurons("izh", 2, new Izhikevich(0.02, 0.2, -65,
                        8, 30, 0, -70, Integrator.EULER)), "population 'izh'",
                        "nest:izhikevich has two synapses, ex and in, not []"),
                refused("AdEx without refractory period", net -> net.addNeurons("adex0", 1, new AdEx(-70.6, -60, 0,
                        -50.4, 2, 4, 80.5, 9, 144, 1 / 30.0, 0, Integrator.EXPONENTIAL_EULER)), "population 'adex0'",
                        "tRef = 0.0 ms is below dt = 0.1 ms"),
                refused("alpha synapses of other names", net -> {
                    NeuronPopulation c = net.addNeurons("alpha", 2, new Lif(-70, -70, -55, 10, 0.04, 2.1,
                            Integrator.EXPONENTIAL_EULER));
                    DualExponentialReceptor.alpha(c, "ampa", 1, PEAK, SynapticOutput.current());
                    DualExponentialReceptor.alpha(c, "gaba", 2, PEAK, SynapticOutput.current());
                }, "population 'alpha'", "nest:iaf_psc_alpha has two synapses, ex and in, not [ampa, gaba]"),
                refused("an NMDA synapse", net -> new ExponentialReceptor(net.addNeurons("nmda", 2, Lif.defaults()),
                        "nmda", 100, new SynapticOutput.MgBlock(0, 1, 0.062, 3.57)), "population 'nmda'",
                        "synapse 'nmda' (exponential tau=100.0 MgBlock"),
                refused("a positive weight into NEST's in", net -> {
                    NeuronPopulation c = net.addNeurons("alpha", 2, new Lif(-70, -70, -55, 10, 0.04, 2.1,
                            Integrator.EXPONENTIAL_EULER));
                    DualExponentialReceptor.alpha(c, "ex", 1, PEAK, SynapticOutput.current());
                    net.connect(net.populations().get(0), DualExponentialReceptor.alpha(c, "in", 2, PEAK, SynapticOutput.current()))
                            .name("wrong").connector(Connectors.allToAll(true)).weight(3).build();
                }, "projection 'wrong', synapse 0 (node 0 to 0)", "weight 3.0 into 'in' cannot be written for"
                        + " nest:iaf_psc_alpha"),
                refused("Poisson rates per unit", net -> net.add(new PoissonSource("poisson", new double[] {5, 6}, 1)),
                        "population 'poisson'", "a Poisson input (module poisson) has one positive rate"),
                refused("a network that has run", net -> net.run(1), "the network has run 10 steps",
                        "the writer takes a network as built"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void isRefusedNamingWhatAndWhatIsTaken(String name, Consumer<Network> change, String names, String says) {
        Network net = new Network(DT, KernelProvider.get());
        new ExponentialReceptor(net.addNeurons("lif", 1, Lif.defaults()), "syn", 5, SynapticOutput.current());
        change.accept(net);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SonataWriter.write(net, dir),
                name);
        assertTrue(e.getMessage().contains(names), e.getMessage());
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }
}
