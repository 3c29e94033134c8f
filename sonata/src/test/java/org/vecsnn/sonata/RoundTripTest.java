package org.vecsnn.sonata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vecsnn.core.Network;
import org.vecsnn.core.Population;
import org.vecsnn.core.Projection;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.connect.SplitMix64;
import org.vecsnn.core.input.PoissonDrive;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.neuron.Integrator;
import org.vecsnn.core.neuron.NeuronModel;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.plasticity.PlasticityRule;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.state.StateVariable;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.core.synapse.SynapticOutput;
import org.vecsnn.core.synapse.VoltageJump;
import org.vecsnn.models.neuron.AdEx;
import org.vecsnn.models.neuron.ExpIf;
import org.vecsnn.models.neuron.HodgkinHuxley;
import org.vecsnn.models.neuron.Izhikevich;
import org.vecsnn.models.neuron.Lif;
import org.vecsnn.models.neuron.Qif;
import org.vecsnn.models.synapse.DualExponentialReceptor;
import org.vecsnn.models.synapse.ExponentialReceptor;
import org.vecsnn.models.synapse.KineticModel;
import org.vecsnn.models.synapse.KineticReceptor;
import org.vecsnn.models.synapse.ShortTermPlasticity;
import org.vecsnn.networks.BenchmarkNetworks;
import org.vecsnn.networks.Microcircuit;

/**
 * A network written as SONATA and read back is the same network: the same CSR, parameters, state and spikes, bit for
 * bit, compared with the network the core built (not with what the writer wrote).
 */
class RoundTripTest {
    private static final double DT = 0.1;

    @TempDir
    Path dir;

    @Test
    void coba4000ReadsBackIdenticalAndFiresTheSameSpikes() throws IOException {
        Network original = BenchmarkNetworks.coba(4000, 0.1, 7, KernelProvider.get()).network();
        SonataWriter.write(original, dir);
        assertSame(original, readCircuit(original), 300);
    }

    /** COBAHH (Traub–Miles neurons, written as vecsnn:hodgkin_huxley) and CUBA. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cobahh", "cuba"})
    void cobahhAndCubaReadBackIdenticalAndFireTheSameSpikes(String name) throws IOException {
        Network original = (name.equals("cobahh") ? BenchmarkNetworks.cobahh(1000, 0.1, 7, KernelProvider.get())
                : BenchmarkNetworks.cuba(1000, 0.1, 7, KernelProvider.get())).network();
        SonataWriter.write(original, dir);
        assertSame(original, readCircuit(original), 300, 500);
    }

    @Test
    void microcircuitAtScaleOneTenthReadsBackIdenticalAndFiresTheSameSpikes() throws IOException {
        Network original = Microcircuit.build(0.1, 0.1, 3, KernelProvider.get(), Microcircuit.Drive.DC).network();
        SonataWriter.write(original, dir);
        assertSame(original, readCircuit(original), 200);
    }

    /** The microcircuit with its Poisson drive (a PoissonDrive per population, in the circuit's current list). */
    @Test
    void microcircuitWithPoissonDriveReadsBackIdenticalAndFiresTheSameSpikes() throws IOException {
        Network original = Microcircuit.build(0.02, 0.1, 5, KernelProvider.get(), Microcircuit.Drive.POISSON)
                .network();
        SonataWriter.write(original, dir);
        assertSame(original, readCircuit(original), 150, 500);
    }

    /**
     * Each model the writer writes as a NEST template, driven by a spike-file input population and a Poisson input
     * population, with recurrent synapses into ex and in of per-synapse weights and delays, and a constant current:
     * written with its simulation config, loaded from that, the same network, firing the same spikes.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nest:iaf_psc_alpha", "nest:aeif_cond_alpha", "nest:izhikevich"})
    void aNestModelWithSpikeFileAndPoissonInputsReadsBackIdenticalAndFiresTheSameSpikes(String template)
            throws IOException {
        Network original = withInputs(template);
        SonataWriter.write(original, dir);
        SonataWriter.writeSimulation(original, dir, 500);
        assertTrue(Files.readString(dir.resolve("network/node_types.csv")).contains(" " + template + " "));
        SonataSimulation simulation = SonataSimulation.load(dir.resolve("simulation_config.json"),
                original.kernels());
        assertTrue(simulation.network().populations().get(0) instanceof SpikeTimesSource);
        assertTrue(simulation.network().populations().get(1) instanceof PoissonSource);
        assertSame(original, simulation.network(), simulation.tstop());
    }

    /** stim (12 units, a spike file), noise (30 units at 40 Hz) and 60 neurons of the template's model. */
    private static Network withInputs(String template) {
        Network net = new Network(DT, KernelProvider.get());
        SplitMix64 rng = new SplitMix64(19);
        int[] units = new int[200];
        double[] times = new double[200];
        for (int s = 0; s < units.length; s++) { // unsorted, off the grid: written as given
            units[s] = s % 12;
            times[s] = 480 * rng.nextDouble();
        }
        Population stim = net.add(new SpikeTimesSource("stim", 12, units, times));
        Population noise = net.add(new PoissonSource("noise", 30, 40, 5));
        NeuronPopulation cells;
        double ex;
        double in; // the scale of the weights into ex and in; in's sign is NEST's
        double bias;
        switch (template) {
            case "nest:iaf_psc_alpha" -> {
                cells = net.addNeurons("cells", 60, new Lif(-70, -70, -55, 10, 10 / 250.0, 2.1,
                        Integrator.EXPONENTIAL_EULER));
                DualExponentialReceptor.alpha(cells, "ex", 0.5, DualExponentialReceptor.Normalisation.PEAK, SynapticOutput.current());
                DualExponentialReceptor.alpha(cells, "in", 2, DualExponentialReceptor.Normalisation.PEAK, SynapticOutput.current());
                ex = 300;
                in = -300;
                bias = 350;
            }
            case "nest:aeif_cond_alpha" -> {
                cells = net.addNeurons("cells", 60, new AdEx(-70.6, -60, 0, -50.4, 2, 4, 80.5, 281 / 30.0, 144,
                        1 / 30.0, 2.1, Integrator.EXPONENTIAL_EULER));
                DualExponentialReceptor.alpha(cells, "ex", 0.2, DualExponentialReceptor.Normalisation.PEAK,
                        SynapticOutput.conductance(0));
                DualExponentialReceptor.alpha(cells, "in", 2, DualExponentialReceptor.Normalisation.PEAK,
                        SynapticOutput.conductance(-85));
                ex = 20;
                in = 5;
                bias = 700;
            }
            default -> {
                cells = net.addNeurons("cells", 60, new Izhikevich(0.02, 0.2, -65, 8, 30, 0, -70, Integrator.EULER));
                new VoltageJump(cells, "ex", false);
                new VoltageJump(cells, "in", false);
                ex = 4;
                in = -2;
                bias = 5;
            }
        }
        cells.set("V", i -> cells.model().initialV() + (i % 7));
        for (String variable : cells.model().variables()) { // AdEx's w, Izhikevich's u: per node too
            cells.set(variable, i -> i % 5);
        }
        List<SynapticInput> synapses = cells.synapticInputs();
        net.connect(stim, synapses.get(0)).connector(Connectors.fixedProbability(0.3, true))
                .weights(r -> ex * (0.5 + r.nextDouble())).delays(r -> 0.1 * (1 + r.nextInt(20))).build();
        net.connect(noise, synapses.get(0)).name("noise_to_cells").connector(Connectors.fixedProbability(0.2, true))
                .weight(ex * 0.7).delaySteps(3).build();
        net.connect(cells, synapses.get(0)).connector(Connectors.fixedProbability(0.1, false))
                .weights(r -> ex * 0.3 * r.nextDouble()).delays(r -> 0.1 * (1 + r.nextInt(30))).build();
        net.connect(cells, synapses.get(1)).name("cells_to_cells_in").connector(Connectors.fixedProbability(0.1,
                false)).weights(r -> in * (0.2 + r.nextDouble())).delaySteps(2).build();
        net.addCurrent(TimedCurrent.constant(cells.all(), bias));
        return net;
    }

    /**
     * Every built-in neuron model with each of its integrators, and every built-in synapse (each output, both
     * normalisations, each kinetic model, gated and plain jumps, short-term plasticity on edges, gap junctions with
     * and without spikelets), each in a small network with per-synapse weights and delays: written as this project's
     * templates (or NEST's where they hold it), read back, the same network, and after the run the same spikes and
     * the same final state, bit for bit.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lif EULER", "lif EXPONENTIAL_EULER", "lif RK4", "lif EXACT",
        "hh-squid EXPONENTIAL_EULER", "hh-squid EULER", "hh-squid RK4", "hh-traub EXPONENTIAL_EULER",
        "hh-traub RK4", "expif EULER", "expif EXPONENTIAL_EULER", "expif RK4", "adex EULER",
        "adex EXPONENTIAL_EULER", "adex RK4", "izhikevich EULER", "izhikevich EXPONENTIAL_EULER", "izhikevich RK4",
        "qif EULER", "qif EXPONENTIAL_EULER", "qif RK4",
        "exponential current", "exponential conductance", "exponential mg-block", "dual-exponential PEAK",
        "dual-exponential JUMP", "alpha PEAK", "alpha JUMP", "ampa", "gaba-a", "nmda", "bio-nmda", "gaba-b",
        "gaba-b-desensitized", "jump plain", "jump gated", "stp facilitating", "stp depressing", "stp ampa",
        "gap symmetric", "gap spikelets", "currents"})
    void eachBuiltInModelReadsBackIdenticalAndRunsIdentically(String name) throws IOException {
        Network original = catalogue(name);
        SonataWriter.write(original, dir);
        SonataWriter.writeSimulation(original, dir, 400);
        SonataSimulation simulation = SonataSimulation.load(dir.resolve("simulation_config.json"),
                original.kernels());
        assertSame(original, simulation.network(), simulation.tstop(), 100);
    }

    /** noise (20 units at 80 Hz) and 40 neurons: the model and synapses the case names, with a constant current. */
    private static Network catalogue(String name) {
        // Hodgkin-Huxley by Euler and RK4 needs a finer step than 0.1 ms
        Network net = new Network(name.startsWith("hh") ? 0.02 : DT, KernelProvider.get());
        Population noise = net.add(new PoissonSource("noise", 20, 80, 11));
        String[] part = name.split(" ");
        Integrator method = part.length > 1 && List.of("EULER", "EXPONENTIAL_EULER", "RK4", "EXACT").contains(part[1])
                ? Integrator.valueOf(part[1]) : Integrator.EXPONENTIAL_EULER;
        NeuronModel model;
        double bias;
        double w; // the scale of the weights of the two current synapses of a neuron case
        switch (part[0]) {
            case "hh-squid" -> {
                model = HodgkinHuxley.squid().withMethod(method);
                bias = 8;
                w = 0.5;
            }
            case "hh-traub" -> {
                model = HodgkinHuxley.traubMiles().withMethod(method);
                bias = 400;
                w = 300;
            }
            case "expif" -> {
                model = ExpIf.defaults().withMethod(method);
                bias = 8;
                w = 3;
            }
            case "adex", "currents" -> {
                model = AdEx.defaults().withMethod(method);
                bias = 12;
                w = 3;
            }
            case "izhikevich" -> {
                model = Izhikevich.of(0.02, 0.2, -65, 8).withMethod(method);
                bias = 8;
                w = 3;
            }
            case "qif" -> {
                model = Qif.defaults().withMethod(method);
                bias = 6;
                w = 3;
            }
            default -> { // LIF, the host of every synapse case
                model = new Lif(-70, -70, -55, 10, 1, 2, method);
                bias = 14;
                w = 3;
            }
        }
        NeuronPopulation cells = net.addNeurons("cells", 40, model);
        cells.set("V", i -> model.initialV() + 0.5 * (i % 5));
        Map<SynapticInput, Double> synapses = new LinkedHashMap<>(); // each with the scale of its weights
        PlasticityRule rule = null;
        DualExponentialReceptor.Normalisation peak = DualExponentialReceptor.Normalisation.PEAK;
        DualExponentialReceptor.Normalisation jump = DualExponentialReceptor.Normalisation.JUMP;
        switch (name) {
            case "exponential current" -> synapses.put(new ExponentialReceptor(cells, "e", 3,
                    SynapticOutput.current()), 3.0);
            case "exponential conductance" -> synapses.put(new ExponentialReceptor(cells, "e", 3,
                    SynapticOutput.conductance(0)), 0.1);
            case "exponential mg-block" -> synapses.put(new ExponentialReceptor(cells, "nmda", 80,
                    SynapticOutput.mgBlock()), 0.02);
            case "dual-exponential PEAK" -> synapses.put(DualExponentialReceptor.dualExponential(cells, "d", 1, 5,
                    peak, SynapticOutput.current()), 3.0);
            case "dual-exponential JUMP" -> synapses.put(DualExponentialReceptor.dualExponential(cells, "d", 1, 5,
                    jump, SynapticOutput.conductance(0)), 0.1);
            case "alpha PEAK" -> synapses.put(DualExponentialReceptor.alpha(cells, "a", 2, peak,
                    SynapticOutput.conductance(0)), 0.1);
            case "alpha JUMP" -> synapses.put(DualExponentialReceptor.alpha(cells, "a", 2, jump,
                    SynapticOutput.current()), 1.5);
            case "ampa", "stp ampa" -> synapses.put(new KineticReceptor(cells, "ampa", KineticModel.ampa()), 0.1);
            case "gaba-a" -> {
                synapses.put(new ExponentialReceptor(cells, "e", 3, SynapticOutput.current()), 3.0);
                synapses.put(new KineticReceptor(cells, "gaba_a", KineticModel.gabaA()), 0.05);
            }
            case "nmda" -> synapses.put(new KineticReceptor(cells, "nmda", KineticModel.nmda()), 0.05);
            case "bio-nmda" -> synapses.put(new KineticReceptor(cells, "nmda", KineticModel.bioNmda()), 0.05);
            case "gaba-b" -> {
                synapses.put(new ExponentialReceptor(cells, "e", 3, SynapticOutput.current()), 3.0);
                synapses.put(new KineticReceptor(cells, "gaba_b", KineticModel.gabaB()), 0.05);
            }
            case "gaba-b-desensitized" -> {
                synapses.put(new ExponentialReceptor(cells, "e", 3, SynapticOutput.current()), 3.0);
                synapses.put(new KineticReceptor(cells, "gaba_b", KineticModel.gabaBDesensitized()), 0.05);
            }
            case "jump plain" -> synapses.put(new VoltageJump(cells, "j", false), 1.0);
            case "jump gated" -> synapses.put(new VoltageJump(cells, "j", true), 1.0);
            default -> { // the neuron cases, STP and gap junctions: a current synapse each way
                synapses.put(new ExponentialReceptor(cells, "ex", 3, SynapticOutput.current()), w);
                synapses.put(new ExponentialReceptor(cells, "in", 6, SynapticOutput.current()), -w);
            }
        }
        if (name.startsWith("stp")) {
            rule = name.equals("stp depressing") ? ShortTermPlasticity.depression()
                    : ShortTermPlasticity.tsodyksMarkram();
        }
        net.addCurrent(TimedCurrent.constant(cells.all(), bias)); // the reader adds I_e before gap junctions
        for (Map.Entry<SynapticInput, Double> e : synapses.entrySet()) {
            double scale = e.getValue() * (rule == null ? 1 : 6); // efficacies of U = 0.15 and less
            net.connect(noise, e.getKey()).connector(Connectors.fixedProbability(0.3, true))
                    .weights(r -> scale * (0.5 + r.nextDouble())).delays(r -> 0.1 * (1 + r.nextInt(20)))
                    .plasticity(rule).build();
            net.connect(cells, e.getKey()).connector(Connectors.fixedProbability(0.1, false))
                    .weights(r -> scale * 0.3 * r.nextDouble()).delays(r -> 0.1 * (1 + r.nextInt(30))).build();
        }
        if (name.equals("gap symmetric")) {
            SplitMix64 rng = new SplitMix64(3);
            int[] pre = new int[60];
            int[] post = new int[60];
            float[] g = new float[60];
            for (int k = 0; k < 60; k++) { // each pair once, i < j, as a symmetric junction needs
                pre[k] = k % 39;
                post[k] = pre[k] + 1 + (int) (rng.nextDouble() * (39 - pre[k]));
                g[k] = (float) (0.05 + 0.1 * rng.nextDouble());
            }
            net.connectGap(cells.all(), cells.all()).connector(Connectors.fromList(pre, post, g, null))
                    .symmetric(true).build();
        } else if (name.equals("currents")) { // AdEx steps its currents in order: each kind, in an order to keep
            net.connectGap(cells.range(0, 20), cells.range(20, 40)).connector(Connectors.fixedProbability(0.2,
                    false)).weight(0.2).symmetric(true).build();
            net.addCurrent(TimedCurrent.constant(cells.range(0, 10), 2));
            net.addCurrent(TimedCurrent.samples(cells.range(5, 30), new double[] {1, -2, 3.5, 0.25}, 50));
            net.addCurrent(new PoissonDrive(cells.synapticInputs().get(0), 400, 0.7, 21));
            // a stimulus: some neurons, for a while
            net.addCurrent(new PoissonDrive(cells.synapticInputs().get(0), 900, 0.4, 22).onNeurons(7, 25)
                    .during(20, 60.5));
            net.addCurrent(TimedCurrent.constant(cells.all(), 1.5));
        } else if (name.equals("gap spikelets")) {
            net.connectGap(cells.range(0, 20), cells.range(20, 40)).connector(Connectors.fixedProbability(0.2,
                    false)).weight(0.1).spikelet(5, true).delay(0.3).build();
        }
        return net;
    }

    private Network readCircuit(Network original) throws IOException {
        System.gc(); // the core's heap check before each projection counts the writer's garbage as in use
        Network copy = new Network(original.dt(), original.kernels());
        SonataCircuit.read(dir.resolve(SonataWriter.CIRCUIT), copy, SonataCircuit.SILENT);
        return copy;
    }

    /** The same populations (state too), projections and currents, and the same spikes over {@code ms}. */
    private static void assertSame(Network original, Network copy, double ms) {
        assertSame(original, copy, ms, 1000);
    }

    /** As above, the copy and the original firing at least {@code minSpikes}, and the final state too. */
    private static void assertSame(Network original, Network copy, double ms, int minSpikes) {
        assertEquals(original.populations().size(), copy.populations().size());
        for (int i = 0; i < original.populations().size(); i++) {
            Population a = original.populations().get(i);
            Population b = copy.populations().get(i);
            assertEquals(a.name(), b.name());
            assertEquals(a.description(), b.description()); // a source's too: its spikes, rates and seed
            if (a instanceof NeuronPopulation ca) {
                NeuronPopulation cb = (NeuronPopulation) b;
                assertEquals(ca.model(), cb.model());
                assertEquals(ca.synapticInputs().stream().map(in -> in.name() + " " + in.description()).toList(),
                        cb.synapticInputs().stream().map(in -> in.name() + " " + in.description()).toList());
                assertArrayEquals(ca.v(), cb.v());
                for (String variable : ca.model().variables()) {
                    assertArrayEquals(ca.state(variable), cb.state(variable), variable);
                }
                for (SynapticInput in : ca.synapticInputs()) { // COBAHH starts with conductances
                    for (StateVariable v : in.store().spec().variables()) {
                        if (v.type() == StateVariable.Type.FLOAT) {
                            String variable = in.name() + "." + v.name();
                            assertArrayEquals(ca.state(variable), cb.state(variable), variable);
                        }
                    }
                }
            }
        }
        List<Projection> pa = original.projections();
        List<Projection> pb = copy.projections();
        assertEquals(pa.size(), pb.size());
        for (int i = 0; i < pa.size(); i++) {
            Projection a = pa.get(i);
            Projection b = pb.get(i);
            assertEquals(a.name(), b.name());
            assertEquals(a.source().population().name(), b.source().population().name());
            assertEquals(a.source().from(), b.source().from(), a.name());
            assertEquals(a.source().to(), b.source().to(), a.name());
            assertEquals(a.target().name(), b.target().name());
            assertEquals(a.targetFrom(), b.targetFrom());
            assertEquals(a.weight(), b.weight());
            assertEquals(a.delaySteps(), b.delaySteps());
            assertArrayEquals(a.csr().rowStart(), b.csr().rowStart(), a.name());
            assertArrayEquals(a.csr().targets(), b.csr().targets(), a.name());
            assertArrayEquals(a.csr().weights(), b.csr().weights(), a.name());
            assertArrayEquals(a.csr().delays(), b.csr().delays(), a.name());
        }
        assertEquals(original.currents().stream().map(c -> c.description()).toList(),
                copy.currents().stream().map(c -> c.description()).toList());
        List<SpikeMonitor> ma = original.populations().stream().map(p -> original.addMonitor(new SpikeMonitor(p))).toList();
        List<SpikeMonitor> mb = copy.populations().stream().map(p -> copy.addMonitor(new SpikeMonitor(p))).toList();
        original.run(ms);
        copy.run(ms);
        int spikes = 0;
        for (int i = 0; i < ma.size(); i++) {
            String name = ma.get(i).population().name();
            assertArrayEquals(ma.get(i).steps(), mb.get(i).steps(), name);
            assertArrayEquals(ma.get(i).units(), mb.get(i).units(), name);
            assertTrue(ma.get(i).count() > 0, name + " fired no spike: its comparison would be idle");
            spikes += ma.get(i).count();
        }
        assertTrue(spikes > minSpikes, "the network fired only " + spikes + " spikes: the comparison would be idle");
        for (int i = 0; i < original.populations().size(); i++) {
            if (original.populations().get(i) instanceof NeuronPopulation ca) {
                NeuronPopulation cb = (NeuronPopulation) copy.populations().get(i);
                assertArrayEquals(ca.v(), cb.v(), ca.name() + " V after the run");
                for (String variable : ca.model().variables()) {
                    assertArrayEquals(ca.state(variable), cb.state(variable), variable + " after the run");
                }
                for (int k = 0; k < ca.synapticInputs().size(); k++) {
                    assertArrayEquals(ca.synapticInputs().get(k).state(), cb.synapticInputs().get(k).state(),
                            ca.synapticInputs().get(k).name() + " after the run");
                }
            }
        }
    }
}
