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
import org.vecsnn.core.neuron.NeuronKernel;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.neuron.NeuronState;
import org.vecsnn.core.plasticity.PlasticityKernel;
import org.vecsnn.core.state.StateSpec;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.core.synapse.VoltageJump;
import org.vecsnn.models.neuron.AdEx;
import org.vecsnn.models.neuron.ExpIf;
import org.vecsnn.models.neuron.HodgkinHuxley;
import org.vecsnn.models.neuron.Qif;
import org.vecsnn.models.neuron.Izhikevich;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.synapse.DualExponentialReceptor;
import org.vecsnn.models.synapse.ExponentialReceptor;

/**
 * What the writer puts in the files for the NEST templates, against NEST's parameters worked out here by hand, and
 * what it refuses, each naming the population, projection or current, what it is, and what the writer takes
 * instead; what it refused before this project's templates is now written as them.
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

    /** A model of the user's own: the writer cannot know its equations. */
    record OwnModel(Lif lif) implements NeuronModel {
        @Override
        public Integrator method() {
            return lif.method();
        }

        @Override
        public double tRef() {
            return lif.tRef();
        }

        @Override
        public double initialV() {
            return lif.initialV();
        }

        @Override
        public StateSpec state() {
            return lif.state();
        }

        @Override
        public NeuronKernel bind(NeuronState state, double dt, int refractorySteps) {
            return lif.bind(state, dt, refractorySteps);
        }
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refused("a neuron model of the user's own", net -> net.addNeurons("own", 2,
                        new OwnModel(Lif.defaults())), "population 'own'", "model " + OwnModel.class.getName()
                        + " is not one of the core's neuron models; the writer takes neuron populations of the"
                        + " built-in models (Lif, HodgkinHuxley, ExpIf, AdEx, Izhikevich, Qif)"),
                refused("a plasticity rule of the user's own", net -> {
                    NeuronPopulation lif = (NeuronPopulation) net.populations().get(0);
                    net.connect(lif, lif.synapticInputs().get(0)).name("learning")
                            .connector(Connectors.allToAll(true)).plasticity((synapses, dt) -> new PlasticityKernel() {
                            }).build();
                }, "projection 'learning': plasticity rule", "has no SONATA form here: the writer takes"
                        + " ShortTermPlasticity (as vecsnn:tsodyks_markram)"),
                refused("a synaptic output of the user's own", net -> new ExponentialReceptor(
                        net.addNeurons("outputs", 2, Lif.defaults()), "own", 5, new SynapticOutput() {
                            @Override
                            public void apply(org.vecsnn.core.simd.Kernels kernels, float[] g,
                                              org.vecsnn.core.synapse.TargetMembrane target, int from, int to) {
                                kernels.axpy(g, 2f, target.input(), from, to);
                            }

                            @Override
                            public double current(double g, double v) {
                                return 2 * g;
                            }
                        }), "population 'outputs'", "synapse 'own'"),
                refused("a current as a function of time", net -> net.addCurrent(TimedCurrent.of(
                        net.populations().get(0).all(), t -> Math.sin(t))), "current 'current into lif [0, 1), a"
                        + " function of time'", "has no SONATA form here: the writer takes constant currents"),
                refused("Poisson rates per unit", net -> net.add(new PoissonSource("poisson", new double[] {5, 6}, 1)),
                        "population 'poisson'", "a Poisson input (module poisson) has one positive rate"),
                refused("a network that has run", net -> net.run(1), "the network has run 10 steps",
                        "the writer takes a network as built"));
    }

    /** A change to the network of one LIF, and the template the population it adds is written as. */
    private static Arguments template(String name, Consumer<Network> change, String template) {
        return Arguments.of(name, change, template);
    }

    /** What the writer refused before this project's templates: each now written, and read back as the same model. */
    static Stream<Arguments> formerlyRefused() {
        return Stream.of(
                template("Hodgkin-Huxley", net -> net.addNeurons("x", 2, HodgkinHuxley.traubMiles()),
                        "vecsnn:hodgkin_huxley"),
                template("Izhikevich by exponential Euler", net -> {
                    NeuronPopulation c = net.addNeurons("x", 2, Izhikevich.of(0.02, 0.2, -65, 8));
                    new VoltageJump(c, "ex", false);
                    new VoltageJump(c, "in", false);
                }, "vecsnn:izhikevich"),
                template("Izhikevich without synapses", net -> net.addNeurons("x", 2, new Izhikevich(0.02, 0.2, -65,
                        8, 30, 0, -70, Integrator.EULER)), "vecsnn:izhikevich"),
                template("AdEx without refractory period", net -> net.addNeurons("x", 1, new AdEx(-70.6, -60, 0,
                        -50.4, 2, 4, 80.5, 9, 144, 1 / 30.0, 0, Integrator.EXPONENTIAL_EULER)), "vecsnn:adex"),
                template("alpha synapses of other names", net -> {
                    NeuronPopulation c = net.addNeurons("x", 2, new Lif(-70, -70, -55, 10, 0.04, 2.1,
                            Integrator.EXPONENTIAL_EULER));
                    DualExponentialReceptor.alpha(c, "ampa", 1, PEAK, SynapticOutput.current());
                    DualExponentialReceptor.alpha(c, "gaba", 2, PEAK, SynapticOutput.current());
                }, "vecsnn:lif"),
                template("an NMDA synapse", net -> new ExponentialReceptor(net.addNeurons("x", 2, Lif.defaults()),
                        "nmda", 100, new SynapticOutput.MgBlock(0, 1, 0.062, 3.57)), "vecsnn:lif"),
                template("a positive weight into NEST's in", net -> {
                    NeuronPopulation c = net.addNeurons("x", 2, new Lif(-70, -70, -55, 10, 0.04, 2.1,
                            Integrator.EXPONENTIAL_EULER));
                    DualExponentialReceptor.alpha(c, "ex", 1, PEAK, SynapticOutput.current());
                    net.connect(net.populations().get(0), DualExponentialReceptor.alpha(c, "in", 2, PEAK,
                            SynapticOutput.current())).name("wrong").connector(Connectors.allToAll(true)).weight(3)
                            .build();
                }, "vecsnn:lif"),
                template("QIF", net -> net.addNeurons("x", 2, Qif.defaults()), "vecsnn:qif"),
                template("ExpIF", net -> net.addNeurons("x", 2, ExpIf.defaults()), "vecsnn:expif"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formerlyRefused")
    void isWrittenAsThisProjectsTemplateAndReadBackAsTheSameModel(String name, Consumer<Network> change,
                                                                  String template) throws IOException {
        Network net = new Network(DT, KernelProvider.get());
        new ExponentialReceptor(net.addNeurons("lif", 1, Lif.defaults()), "syn", 5, SynapticOutput.current());
        change.accept(net);
        SonataWriter.write(net, dir);
        assertTrue(Files.readString(dir.resolve("network/node_types.csv")).contains(" " + template + " x.json x"),
                name);
        Network copy = new Network(DT, KernelProvider.get());
        SonataCircuit.read(dir.resolve(SonataWriter.CIRCUIT), copy, SonataCircuit.SILENT);
        NeuronPopulation a = (NeuronPopulation) net.populations().get(1);
        NeuronPopulation b = (NeuronPopulation) copy.populations().get(1);
        assertEquals(a.model(), b.model());
        assertEquals(a.synapticInputs().stream().map(SynapticInput::description).toList(),
                b.synapticInputs().stream().map(SynapticInput::description).toList());
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
