package org.vecsnn.sonata;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.vecsnn.core.Network;
import org.vecsnn.core.Population;
import org.vecsnn.core.Projection;
import org.vecsnn.core.connect.Csr;
import org.vecsnn.core.input.CurrentInput;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.neuron.NeuronPopulation;

/**
 * Writes a network the core built as a SONATA circuit: {@code circuit_config.json} (with a manifest),
 * {@code network/nodes_<k>.h5} (one per population, so that they read back in order) and {@code node_types.csv}
 * (one node type per population, template
 * {@link CellModels#OWN}, its parameters in {@code components/point_neuron_dynamics/<population>.json}, the initial
 * V per node as {@code V_m}), and one edges file per projection ({@code network/edges_<k>.h5}: one edge population
 * named as the projection, one edge type naming its receptor in {@code edge_types.csv}, per-edge {@code syn_weight}
 * and {@code delay} in ms in group 0, in CSR order; ids and indices int64, type and group ids int32 (44 bytes per
 * edge); the projection's source and target ranges as the attributes
 * {@code vecsnn_source_range}, {@code vecsnn_target_range}, which other readers ignore). One file per projection keeps only one projection's columns in
 * memory while writing. Takes LIF populations with exponential receptors and constant currents into whole
 * populations; anything else is refused by name.
 */
public final class SonataWriter {
    static final String CIRCUIT = "circuit_config.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SonataWriter() {}

    /** Writes {@code network} into {@code folder} (created); returns the circuit config's path. */
    public static Path write(Network network, Path folder) throws IOException {
        Map<Population, Double> bias = biases(network);
        Path net = Files.createDirectories(folder.resolve("network"));
        Path components = Files.createDirectories(folder.resolve("components/point_neuron_dynamics"));
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.putObject("manifest").put("$BASE_DIR", ".").put("$NETWORK_DIR", "$BASE_DIR/network")
                .put("$COMPONENTS_DIR", "$BASE_DIR/components");
        config.putObject("components").put("point_neuron_models_dir", "$COMPONENTS_DIR/point_neuron_dynamics");
        ObjectNode networks = config.putObject("networks");
        var nodeFiles = networks.putArray("nodes");
        var edges = networks.putArray("edges");

        try (CSVPrinter types = printer(net.resolve("node_types.csv"), "node_type_id", "model_type", "model_template",
                     "dynamics_params", "pop_name")) {
            int typeId = 0;
            for (Population p : network.populations()) {
                if (!(p instanceof NeuronPopulation cells)) {
                    throw new IllegalArgumentException("population '" + p.name() + "' (" + p.description()
                            + "): the writer takes neuron populations only");
                }
                String params = cells.name() + ".json";
                JSON.writerWithDefaultPrettyPrinter().writeValue(components.resolve(params).toFile(),
                        CellModels.describe(cells, bias.getOrDefault(cells, 0.0)));
                types.printRecord(typeId, "point_neuron", CellModels.OWN, params, cells.name());
                String file = "nodes_" + typeId + ".h5";
                nodeFiles.addObject().put("nodes_file", "$NETWORK_DIR/" + file)
                        .put("node_types_file", "$NETWORK_DIR/node_types.csv");
                try (WritableHdfFile h = HdfFile.write(net.resolve(file))) {
                    WritableGroup g = h.putGroup("nodes").putGroup(cells.name());
                    int n = cells.size();
                    int[] type = new int[n];
                    Arrays.fill(type, typeId++);
                    g.putDataset("node_type_id", type);
                    g.putDataset("node_group_id", new int[n]);
                    g.putDataset("node_group_index", ascending(n));
                    g.putGroup("0").putDataset("V_m", Arrays.copyOf(cells.v(), n));
                }
            }
        }

        try (CSVPrinter types = printer(net.resolve("edge_types.csv"), "edge_type_id", "receptor")) {
            int k = 0;
            for (Projection p : network.projections()) {
                String file = "edges_" + k + ".h5";
                writeEdges(net.resolve(file), p, k, network.dt());
                types.printRecord(k++, p.target().name());
                edges.addObject().put("edges_file", "$NETWORK_DIR/" + file)
                        .put("edge_types_file", "$NETWORK_DIR/edge_types.csv");
            }
        }
        Path circuit = folder.resolve(CIRCUIT);
        JSON.writerWithDefaultPrettyPrinter().writeValue(circuit.toFile(), config);
        return circuit;
    }

    /**
     * Writes {@code simulation_config.json} beside the circuit: {@code tstop} and {@code dt} (ms), the circuit, and
     * the spike report as {@code output/spikes.h5}; returns its path.
     */
    public static Path writeSimulation(Path folder, double dt, double tstopMs) throws IOException {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.putObject("run").put("tstop", tstopMs).put("dt", dt);
        config.put("network", CIRCUIT);
        config.putObject("output").put("output_dir", "output").put("spikes_file", "spikes.h5");
        Path file = folder.resolve("simulation_config.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), config);
        return file;
    }

    /** The one constant current into each whole population, in the core's units; other currents are refused. */
    private static Map<Population, Double> biases(Network network) {
        Map<Population, Double> bias = new HashMap<>();
        for (CurrentInput c : network.currents()) {
            double amplitude = c instanceof TimedCurrent t ? t.wholePopulationConstant() : Double.NaN;
            if (Double.isNaN(amplitude) || bias.put(c.target(), amplitude) != null) {
                throw new IllegalArgumentException("current '" + c.description() + "': the writer takes one constant"
                        + " current into a whole population (written as its I_e)");
            }
        }
        return bias;
    }

    private static void writeEdges(Path file, Projection p, int typeId, double dt) throws IOException {
        if (p.plasticity() != null || p.name().contains("/") || p.name().equals(".") || p.synapseCount() == 0) {
            throw new IllegalArgumentException("projection '" + p.name() + "': the writer takes projections with"
                    + " synapses (jHDF writes no empty dataset), without short-term plasticity, named without '/'");
        }
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
                weight[j] = csr.weights() == null ? p.weight() : csr.weights()[j];
                delay[j] = (csr.delays() == null ? p.delaySteps() : csr.delays()[j]) * dt;
            }
        }
        try (WritableHdfFile h = HdfFile.write(file)) {
            WritableGroup g = h.putGroup("edges").putGroup(p.name());
            g.putAttribute(SonataCircuit.RANGE + "source_range", new long[] {p.source().from(), p.source().to()});
            g.putAttribute(SonataCircuit.RANGE + "target_range", new long[] {p.targetFrom(),
                    p.targetFrom() + csr.columns()});
            g.putDataset("source_node_id", source).putAttribute("node_population", p.source().population().name());
            g.putDataset("target_node_id", target).putAttribute("node_population", p.target().target().name());
            int[] type = new int[n];
            Arrays.fill(type, typeId);
            g.putDataset("edge_type_id", type);
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
