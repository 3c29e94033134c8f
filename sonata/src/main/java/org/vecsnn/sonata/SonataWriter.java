package org.vecsnn.sonata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.vecsnn.core.GapJunction;
import org.vecsnn.core.Network;
import org.vecsnn.core.Population;
import org.vecsnn.core.Projection;
import org.vecsnn.core.connect.Csr;
import org.vecsnn.core.input.CurrentInput;
import org.vecsnn.core.input.PoissonDrive;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.state.StateVariable;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.models.synapse.ShortTermPlasticity;

/**
 * Writes a network the core built, before it runs, as a SONATA circuit: {@code circuit_config.json} (with a
 * manifest), {@code network/nodes_<k>.h5} (one per population, so that they read back in order) and
 * {@code node_types.csv} (one node type per population). A neuron population's template and parameters are
 * {@link CellModels#written}'s (a NEST template where one holds the population exactly, else this project's template
 * of its model, which holds every parameter and synapse as the core does), in
 * {@code components/point_neuron_dynamics/<population>.json}, with V per node as {@code V_m} and the model's other
 * variables per node by the core's names ({@code w}, {@code u}); a {@link SpikeTimesSource} or a
 * {@link PoissonSource} of one rate is a virtual node population, whose input {@link #writeSimulation} writes. One
 * edges file per projection ({@code network/edges_<k>.h5}: one edge population named as the projection, one edge
 * type naming its receptor and synapse model ({@code static_synapse}, or {@link SonataCircuit#SHORT_TERM} with its
 * parameters in {@code components/synaptic_models/edges_<k>.json}) in {@code edge_types.csv}, per-edge
 * {@code syn_weight} and {@code delay} in ms in group
 * 0, in CSR order, each as the template's reader takes it back; ids and indices int64, type and group ids int32 (44
 * bytes per edge); the projection's source and target ranges as the attributes {@code vecsnn_source_range},
 * {@code vecsnn_target_range}, which other readers ignore). One file per projection keeps only one projection's
 * columns in memory while writing. Gap junctions follow the projections, one edges file each, as
 * {@link SonataCircuit#GAP} edges. The network's currents are listed in their order in the circuit config's
 * {@link SonataCircuit#CURRENTS} (a whole population's first constant current as its {@code I_e}). Anything else
 * (a model, synapse or rule of the user's own class, a current as an arbitrary function of time) is refused by name,
 * with what is written instead: nothing is left out silently.
 */
public final class SonataWriter {
    static final String CIRCUIT = "circuit_config.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SonataWriter() {}

    /** Writes {@code network} into {@code folder} (created); returns the circuit config's path. */
    public static Path write(Network network, Path folder) throws IOException {
        if (network.stepIndex() > 0) {
            throw new IllegalArgumentException("the network has run " + network.stepIndex() + " steps: the writer"
                    + " takes a network as built, before it runs (synaptic state and spikes in flight have no SONATA"
                    + " form)");
        }
        Map<Population, Double> bias = new HashMap<>();
        ArrayNode currents = currents(network, bias);
        Path net = Files.createDirectories(folder.resolve("network"));
        Path components = Files.createDirectories(folder.resolve("components/point_neuron_dynamics"));
        Path synapses = folder.resolve("components/synaptic_models");
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.putObject("manifest").put("$BASE_DIR", ".").put("$NETWORK_DIR", "$BASE_DIR/network")
                .put("$COMPONENTS_DIR", "$BASE_DIR/components");
        config.putObject("components").put("point_neuron_models_dir", "$COMPONENTS_DIR/point_neuron_dynamics")
                .put("synaptic_models_dir", "$COMPONENTS_DIR/synaptic_models");
        ObjectNode networks = config.putObject("networks");
        var nodeFiles = networks.putArray("nodes");
        var edges = networks.putArray("edges");

        Map<Population, CellModels.CellType> types = new HashMap<>();
        try (CSVPrinter nodeTypes = printer(net.resolve("node_types.csv"), "node_type_id", "model_type",
                "model_template", "dynamics_params", "pop_name")) {
            int typeId = 0;
            for (Population p : network.populations()) {
                groupName("population", p.name());
                if (p instanceof NeuronPopulation neurons) {
                    double b = bias.getOrDefault(neurons, 0.0);
                    CellModels.Written cells = CellModels.written(neurons, b, network.dt(), true);
                    if (!bySign(network, neurons, cells.type())) {
                        cells = CellModels.written(neurons, b, network.dt(), false);
                    }
                    String params = p.name() + ".json";
                    JSON.writerWithDefaultPrettyPrinter().writeValue(components.resolve(params).toFile(),
                            cells.params());
                    nodeTypes.printRecord(typeId, "point_neuron", cells.template(), params, p.name());
                    types.put(p, cells.type());
                } else {
                    input(p); // refused here already, not only when the simulation config is written
                    nodeTypes.printRecord(typeId, "virtual", "NULL", "NULL", p.name());
                }
                String file = "nodes_" + typeId + ".h5";
                nodeFiles.addObject().put("nodes_file", "$NETWORK_DIR/" + file)
                        .put("node_types_file", "$NETWORK_DIR/node_types.csv");
                try (WritableHdfFile h = HdfFile.write(net.resolve(file))) {
                    WritableGroup g = h.putGroup("nodes").putGroup(p.name());
                    int n = p.size();
                    int[] type = new int[n];
                    Arrays.fill(type, typeId++);
                    g.putDataset("node_type_id", type);
                    g.putDataset("node_group_id", new int[n]);
                    g.putDataset("node_group_index", ascending(n));
                    WritableGroup values = g.putGroup("0");
                    if (p instanceof NeuronPopulation neurons) {
                        values.putDataset("V_m", Arrays.copyOf(neurons.v(), n));
                        for (String variable : neurons.model().variables()) {
                            values.putDataset(variable, Arrays.copyOf(neurons.state(variable), n));
                        }
                        for (String variable : synapseState(neurons)) {
                            values.putDataset(variable, Arrays.copyOf(neurons.state(variable), n));
                        }
                    }
                }
            }
        }

        try (CSVPrinter edgeTypes = printer(net.resolve("edge_types.csv"), "edge_type_id", "receptor",
                "model_template", "dynamics_params")) {
            int k = 0;
            for (Projection p : network.projections()) {
                String file = "edges_" + k + ".h5";
                writeEdges(net.resolve(file), p, k, network.dt(), types.get(p.target().target()));
                if (p.plasticity() == null) {
                    edgeTypes.printRecord(k, p.target().name(), "static_synapse", "NULL");
                } else {
                    String params = "edges_" + k + ".json";
                    writeJson(synapses.resolve(params), plasticity(p));
                    edgeTypes.printRecord(k, p.target().name(), SonataCircuit.SHORT_TERM, params);
                }
                k++;
                edges.addObject().put("edges_file", "$NETWORK_DIR/" + file)
                        .put("edge_types_file", "$NETWORK_DIR/edge_types.csv");
            }
            for (CurrentInput c : network.currents()) {
                if (c instanceof GapJunction g) {
                    String file = "edges_" + k + ".h5";
                    String params = "edges_" + k + ".json";
                    writeGap(net.resolve(file), g, "gap_junctions_" + k, k);
                    writeJson(synapses.resolve(params), JsonNodeFactory.instance.objectNode()
                            .put("symmetric", g.symmetric()).put("weight", g.weight())
                            .put("per_edge_weights", g.csr().weights() != null));
                    edgeTypes.printRecord(k++, "NULL", SonataCircuit.GAP, params);
                    edges.addObject().put("edges_file", "$NETWORK_DIR/" + file)
                            .put("edge_types_file", "$NETWORK_DIR/edge_types.csv");
                }
            }
        }
        config.set(SonataCircuit.CURRENTS, currents);
        Path circuit = folder.resolve(CIRCUIT);
        JSON.writerWithDefaultPrettyPrinter().writeValue(circuit.toFile(), config);
        return circuit;
    }

    /**
     * Writes {@code simulation_config.json} beside the circuit {@link #write} wrote from {@code network}:
     * {@code tstop} and {@code dt} (ms), the circuit, the inputs of its virtual populations (a spike file in
     * {@code inputs/<population>.h5} for a {@link SpikeTimesSource}, {@code "module": "poisson"} with the rate and
     * seed for a {@link PoissonSource}; a source without spikes needs none), and the spike report as
     * {@code output/spikes.h5}; returns its path.
     */
    public static Path writeSimulation(Network network, Path folder, double tstopMs) throws IOException {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.putObject("run").put("tstop", tstopMs).put("dt", network.dt());
        config.put("network", CIRCUIT);
        ObjectNode inputs = config.putObject("inputs");
        for (Population p : network.populations()) {
            Input input = p instanceof NeuronPopulation ? null : input(p);
            if (input == null) {
                continue;
            }
            if (input.spikes() != null) {
                String file = "inputs/" + p.name() + ".h5";
                Files.createDirectories(folder.resolve("inputs"));
                SpikeReport.write(folder.resolve(file), Map.of(p.name(), input.spikes()));
                input.config().put("input_file", file);
            }
            inputs.set(p.name(), input.config().put("node_set", p.name()));
        }
        config.putObject("output").put("output_dir", "output").put("spikes_file", "spikes.h5");
        Path file = folder.resolve("simulation_config.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), config);
        return file;
    }

    /** A virtual population's input in the simulation config, and the spikes of its spike file (null: none). */
    private record Input(ObjectNode config, SpikeReport.Spikes spikes) {}

    /**
     * The input that {@link SonataSimulation} turns back into virtual population {@code p}, or null for a spike
     * source without spikes (the reader's default for a virtual population without input); anything else is refused.
     */
    private static Input input(Population p) {
        ObjectNode config = JsonNodeFactory.instance.objectNode().put("input_type", "spikes");
        switch (p) {
            case SpikeTimesSource s -> {
                SpikeReport.Spikes spikes = new SpikeReport.Spikes(s.units(), s.timesMs());
                return spikes.nodeIds().length == 0 ? null : new Input(config.put("module", "sonata"), spikes);
            }
            case PoissonSource s -> {
                double[] rates = s.ratesHz();
                if (!(rates[0] > 0) || Arrays.stream(rates).anyMatch(r -> r != rates[0])) {
                    throw new IllegalArgumentException("population '" + p.name() + "' (" + p.description() + "): a"
                            + " Poisson input (module poisson) has one positive rate for the whole population");
                }
                return new Input(config.put("module", "poisson").put("rate", rates[0]).put("seed", s.seed()), null);
            }
            default -> throw new IllegalArgumentException("population '" + p.name() + "' (" + p.description()
                    + ") has no SONATA form here: the writer takes neuron populations, and as virtual populations"
                    + " SpikeTimesSource (a spike file) and PoissonSource of one rate (module poisson)");
        }
    }

    /**
     * The network's currents, in its order, as the circuit config's {@link SonataCircuit#CURRENTS} list (which the
     * reader follows, so that currents summed into one input add in the same order): the first constant current
     * into a whole population as its {@code I_e} (put into {@code bias}), gap junctions as their edge population
     * ({@code gap_junctions_<k>}, k its edges file), other constant currents, currents given as samples and Poisson
     * drives by their parameters. A current given as an arbitrary function of time, and one of a class outside the
     * core, are refused.
     */
    private static ArrayNode currents(Network network, Map<Population, Double> bias) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        int gap = network.projections().size();
        for (CurrentInput c : network.currents()) {
            ObjectNode e = list.addObject();
            switch (c) {
                case GapJunction g -> e.put("type", "gap_junctions").put("edges", "gap_junctions_" + gap++);
                case TimedCurrent t when !Double.isNaN(t.wholePopulationConstant())
                        && !bias.containsKey(t.target()) -> {
                    bias.put(t.target(), t.wholePopulationConstant());
                    e.put("type", "I_e").put("population", t.target().name());
                }
                case TimedCurrent t when !Double.isNaN(t.constantAmplitude()) -> e.put("type", "constant")
                        .put("population", t.target().name()).put("from", t.range().from()).put("to", t.range().to())
                        .put("amplitude", t.constantAmplitude());
                case TimedCurrent t when t.samples() != null -> {
                    e.put("type", "samples").put("population", t.target().name()).put("from", t.range().from())
                            .put("to", t.range().to()).put("interval_ms", t.sampleIntervalMs());
                    ArrayNode values = e.putArray("values");
                    for (double v : t.samples()) {
                        values.add(v);
                    }
                }
                case PoissonDrive d -> {
                    e.put("type", "poisson_drive").put("population", d.target().name())
                            .put("receptor", d.synapse().name()).put("rate_Hz", d.rateHz()).put("weight", d.weight())
                            .put("seed", d.seed()).put("from", d.from()).put("to", d.to());
                    if (d.startMs() != 0 || !Double.isInfinite(d.endMs())) {
                        e.put("start_ms", d.startMs());
                        if (!Double.isInfinite(d.endMs())) {
                            e.put("end_ms", d.endMs());
                        }
                    }
                }
                default -> throw new IllegalArgumentException("current '" + c.description() + "' ("
                        + c.getClass().getName() + ") has no SONATA form here: the writer takes constant currents"
                        + " (a whole population's first as its I_e), currents given as samples, Poisson drives and"
                        + " gap junctions (as edges of " + SonataCircuit.GAP + "), not a current as an arbitrary"
                        + " function of time");
            }
        }
        return list;
    }

    /**
     * Whether every projection into {@code cells} reaches its receptor through NEST's sign rule with its weights
     * read back bit for bit, when {@code type} chooses receptors by sign (else true).
     */
    private static boolean bySign(Network network, NeuronPopulation cells, CellModels.CellType type) {
        if (type.delivery() != CellModels.Delivery.BY_SIGN) {
            return true;
        }
        for (Projection p : network.projections()) {
            if (p.target().target() != cells) {
                continue;
            }
            int receptor = cells.synapticInputs().indexOf(p.target());
            float[] w = p.csr().weights();
            int n = w == null ? 1 : w.length;
            for (int j = 0; j < n; j++) {
                if (Float.isNaN(type.fileWeight(receptor, w == null ? p.weight() : w[j]))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A projection's plasticity rule as the reader takes it back, else refused naming the rule. */
    private static ObjectNode plasticity(Projection p) {
        if (!(p.plasticity() instanceof ShortTermPlasticity rule)) {
            throw new IllegalArgumentException("projection '" + p.name() + "': plasticity rule "
                    + p.plasticity().getClass().getName() + " has no SONATA form here: the writer takes"
                    + " ShortTermPlasticity (as " + SonataCircuit.SHORT_TERM + ")");
        }
        return CellModels.encode(rule);
    }

    private static void writeJson(Path file, ObjectNode json) throws IOException {
        Files.createDirectories(file.getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
    }

    /**
     * Gap junctions as an edge population of type {@link SonataCircuit#GAP}: one edge per junction in CSR order,
     * source the presynaptic neuron, target the postsynaptic one, {@code syn_weight} its conductance (the core's
     * units), {@code delay} 0 (a junction has none); the ranges as for projections.
     */
    private static void writeGap(Path file, GapJunction g, String name, int typeId) throws IOException {
        Csr csr = g.csr();
        int n = csr.synapseCount();
        if (n == 0) {
            throw new IllegalArgumentException("gap junctions '" + g.description() + "': the writer takes gap"
                    + " junctions with at least one junction (jHDF writes no empty dataset)");
        }
        long[] source = new long[n];
        long[] target = new long[n];
        float[] weight = new float[n];
        int[] start = csr.rowStart();
        for (int row = 0; row < csr.rows(); row++) {
            for (int j = start[row]; j < start[row + 1]; j++) {
                source[j] = g.sourceRange().from() + row;
                target[j] = g.targetRange().from() + csr.targets()[j];
                weight[j] = csr.weights() == null ? g.weight() : csr.weights()[j];
            }
        }
        try (WritableHdfFile h = HdfFile.write(file)) {
            WritableGroup e = h.putGroup("edges").putGroup(name);
            e.putAttribute(SonataCircuit.RANGE + "source_range", new long[] {g.sourceRange().from(),
                    g.sourceRange().to()});
            e.putAttribute(SonataCircuit.RANGE + "target_range", new long[] {g.targetRange().from(),
                    g.targetRange().to()});
            e.putDataset("source_node_id", source).putAttribute("node_population", g.source().name());
            e.putDataset("target_node_id", target).putAttribute("node_population", g.target().name());
            int[] types = new int[n];
            Arrays.fill(types, typeId);
            e.putDataset("edge_type_id", types);
            e.putDataset("edge_group_id", new int[n]);
            e.putDataset("edge_group_index", ascending(n));
            WritableGroup values = e.putGroup("0");
            values.putDataset("syn_weight", weight);
            values.putDataset("delay", new double[n]);
        }
    }

    /**
     * The synapses' state per neuron that is not all zero (COBAHH's initial conductances, say), by the names
     * {@link NeuronPopulation#state} takes: {@code <synapse>.<variable>}.
     */
    static java.util.List<String> synapseState(NeuronPopulation cells) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (SynapticInput in : cells.synapticInputs()) {
            for (StateVariable v : in.store().spec().variables()) {
                if (v.type() != StateVariable.Type.FLOAT) {
                    continue;
                }
                float[] x = in.store().floats(v.name());
                for (int i = 0; i < cells.size(); i++) {
                    if (Float.floatToRawIntBits(x[i]) != 0) {
                        names.add(in.name() + "." + v.name());
                        break;
                    }
                }
            }
        }
        return names;
    }

    /** A name that becomes an HDF5 group's. */
    private static void groupName(String kind, String name) {
        if (name.contains("/") || name.equals(".")) {
            throw new IllegalArgumentException(kind + " '" + name + "': the writer takes names without '/' and other"
                    + " than '.' (they name HDF5 groups)");
        }
    }

    private static void writeEdges(Path file, Projection p, int typeId, double dt, CellModels.CellType type)
            throws IOException {
        groupName("projection", p.name());
        if (p.synapseCount() == 0) {
            throw new IllegalArgumentException("projection '" + p.name() + "': the writer takes projections with"
                    + " synapses (jHDF writes no empty dataset)");
        }
        int receptor = p.target().target().synapticInputs().indexOf(p.target());
        Csr csr = p.csr();
        int n = csr.synapseCount();
        long[] source = new long[n];
        long[] target = new long[n];
        float[] weight = new float[n];
        double[] delay = new double[n];
        int[] start = csr.rowStart();
        for (int row = 0; row < csr.rows(); row++) {
            for (int j = start[row]; j < start[row + 1]; j++) {
                source[j] = p.source().from() + row;
                target[j] = p.targetFrom() + csr.targets()[j];
                float w = csr.weights() == null ? p.weight() : csr.weights()[j];
                weight[j] = type.fileWeight(receptor, w);
                if (Float.isNaN(weight[j])) {
                    throw new IllegalArgumentException("projection '" + p.name() + "', synapse " + j + " (node "
                            + source[j] + " to " + target[j] + "): weight " + w + " into '" + p.target().name()
                            + "' cannot be written for " + type.template() + ", whose weight's sign chooses the"
                            + " synapse (w ≥ 0 ex, w < 0 in) and whose conductances take |w|");
                }
                delay[j] = ((csr.delays() == null ? p.delaySteps() : csr.delays()[j]) - type.extraDelaySteps()) * dt;
            }
        }
        try (WritableHdfFile h = HdfFile.write(file)) {
            WritableGroup g = h.putGroup("edges").putGroup(p.name());
            g.putAttribute(SonataCircuit.RANGE + "source_range", new long[] {p.source().from(), p.source().to()});
            g.putAttribute(SonataCircuit.RANGE + "target_range", new long[] {p.targetFrom(),
                    p.targetFrom() + csr.columns()});
            g.putDataset("source_node_id", source).putAttribute("node_population", p.source().population().name());
            g.putDataset("target_node_id", target).putAttribute("node_population", p.target().target().name());
            int[] types = new int[n];
            Arrays.fill(types, typeId);
            g.putDataset("edge_type_id", types);
            g.putDataset("edge_group_id", new int[n]);
            g.putDataset("edge_group_index", ascending(n));
            WritableGroup values = g.putGroup("0");
            values.putDataset("syn_weight", weight);
            values.putDataset("delay", delay);
        }
    }

    private static long[] ascending(int n) {
        long[] a = new long[n];
        Arrays.setAll(a, i -> i);
        return a;
    }

    private static CSVPrinter printer(Path file, String... header) throws IOException {
        Writer out = Files.newBufferedWriter(file);
        return new CSVPrinter(out, CSVFormat.DEFAULT.builder().setDelimiter(' ').setRecordSeparator('\n')
                .setHeader(header).get());
    }
}
