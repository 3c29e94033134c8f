package org.vecsnn.sonata;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.vecsnn.core.Network;
import org.vecsnn.core.Population;
import org.vecsnn.core.Range;
import org.vecsnn.core.connect.Connector;
import org.vecsnn.core.connect.Csr;
import org.vecsnn.core.connect.SplitMix64;
import org.vecsnn.core.input.PoissonDrive;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.input.TimedCurrent;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.models.synapse.ShortTermPlasticity;

/**
 * Reads a SONATA circuit ({@code circuit_config.json}, node and edge HDF5 files, their type tables and the
 * point-neuron {@code dynamics_params}) into a core {@link Network}. Every node population becomes a population of
 * the same name and size (node ids 0 … n − 1), all of one model; every edge population becomes one projection per
 * receptor it reaches, named {@code <edge population>} (or {@code :ex}, {@code :in} for NEST's sign rule), built
 * straight from the file into CSR in two passes of {@link H5#CHUNK} edges, so the file is never held in memory.
 */
public final class SonataCircuit {
    /** Creates the population that stands for a virtual node population (its input), given its name and size. */
    @FunctionalInterface
    public interface Virtual {
        Population create(String population, int size) throws IOException;
    }

    /** A virtual population without input: silent. */
    public static final Virtual SILENT = (name, size) -> new SpikeTimesSource(name, size, new int[0], new double[0]);

    /** This project's edge type of Tsodyks–Markram short-term plasticity ({@link ShortTermPlasticity}). */
    static final String SHORT_TERM = "vecsnn:tsodyks_markram";
    /** This project's edge type of gap junctions (SONATA has none): see {@link #readGap}. */
    static final String GAP = "vecsnn:gap_junction";
    /** Edge model templates read. */
    static final List<String> EDGE_TEMPLATES = List.of("static_synapse", "nest:static_synapse", SHORT_TERM, GAP);

    /**
     * This project's key in {@code circuit_config.json}: the network's current inputs in their order (see
     * {@link #addCurrents}); without it, each population's I_e is added as its nodes are read and gap junctions as
     * their edges are.
     */
    static final String CURRENTS = "vecsnn_currents";

    private final Network network;
    private Path synapseModels;
    /** With {@link #CURRENTS}: each population's I_e and each gap-junction edge population, added in its order. */
    private boolean deferred;
    private final Map<String, Double> pendingBias = new LinkedHashMap<>();
    private final Map<String, Deferred> pendingGaps = new LinkedHashMap<>();

    @FunctionalInterface
    private interface Deferred {
        void run() throws IOException;
    }
    private final Map<String, Population> populations = new LinkedHashMap<>();
    private final Map<String, CellModels.CellType> types = new LinkedHashMap<>();

    private SonataCircuit(Network network) {
        this.network = network;
    }

    /** Adds the circuit's populations, currents and projections to {@code network}; returns its populations by name. */
    public static Map<String, Population> read(Path circuitConfig, Network network, Virtual virtual)
            throws IOException {
        JsonConfig config = new JsonConfig(circuitConfig);
        SonataCircuit circuit = new SonataCircuit(network);
        JsonNode networks = config.root.path("networks");
        Path models = config.root.path("components").has("point_neuron_models_dir")
                ? config.path(config.root.path("components"), "point_neuron_models_dir", "components") : null;
        circuit.synapseModels = config.root.path("components").has("synaptic_models_dir")
                ? config.path(config.root.path("components"), "synaptic_models_dir", "components") : null;
        JsonNode currents = config.root.get(CURRENTS);
        if (currents != null && !currents.isArray()) {
            throw new SonataFormatException(circuitConfig, CURRENTS, "must be a list of current inputs");
        }
        circuit.deferred = currents != null;
        int i = 0;
        for (JsonNode nodes : networks.path("nodes")) {
            String where = "networks.nodes[" + i++ + "]";
            circuit.readNodes(config.path(nodes, "nodes_file", where), new TypeTable(config.path(nodes,
                    "node_types_file", where), "node_type_id"), models, virtual);
        }
        i = 0;
        for (JsonNode edges : networks.path("edges")) {
            String where = "networks.edges[" + i++ + "]";
            circuit.readEdges(config.path(edges, "edges_file", where), new TypeTable(config.path(edges,
                    "edge_types_file", where), "edge_type_id"));
        }
        if (circuit.populations.isEmpty()) {
            throw new SonataFormatException(circuitConfig, "networks.nodes", "must list at least one nodes file");
        }
        if (currents != null) {
            circuit.addCurrents(circuitConfig, currents);
        }
        return java.util.Collections.unmodifiableMap(circuit.populations);
    }

    private void readNodes(Path file, TypeTable table, Path models, Virtual virtual) throws IOException {
        try (H5 h = H5.open(file)) {
            for (String name : h.children("/nodes")) {
                String base = "/nodes/" + name + "/";
                long[] typeIds = h.longs(base + "node_type_id");
                int n = typeIds.length;
                long[] group = sameLength(h, base + "node_group_id", n);
                long[] index = sameLength(h, base + "node_group_index", n);
                if (populations.containsKey(name)) {
                    throw new SonataFormatException(file, base, "node population '" + name + "' appears twice");
                }
                CSVRecord first = null;
                for (int row = 0; row < n; row++) {
                    CSVRecord r = table.row(typeIds[row], file, base + "node_type_id", row);
                    if (first == null) {
                        first = r;
                    } else if (r != first && !sameModel(r, first)) {
                        throw new SonataFormatException(file, base + "node_type_id", row, "node type "
                                + typeIds[row] + " has another model than node type " + first.get("node_type_id")
                                + ": a population here holds one model (split it into populations)");
                    }
                }
                if (first == null) {
                    throw new SonataFormatException(file, base + "node_type_id", "is empty: a population needs nodes");
                }
                if ("virtual".equals(TypeTable.cell(first, "model_type"))) {
                    populations.put(name, network.add(virtual.create(name, n)));
                    continue;
                }
                CellModels.CellType type = cellType(table, first, models, network.dt());
                NeuronPopulation cells;
                try {
                    cells = network.addNeurons(name, n, type.model());
                    for (CellModels.Receptor receptor : type.receptors()) {
                        receptor.addTo(cells);
                    }
                } catch (IllegalArgumentException e) {
                    throw new SonataFormatException(table.file, "node_type_id " + first.get("node_type_id"),
                            first.getRecordNumber(), e.getMessage());
                }
                // V as NEST's V_m; the model's other variables (AdEx's w, Izhikevich's u) by the core's names
                List<String> columns = new java.util.ArrayList<>(List.of("V_m"));
                columns.addAll(type.model().variables());
                for (SynapticInput in : cells.synapticInputs()) { // their state per neuron: <synapse>.<variable>
                    for (var v : in.store().spec().variables()) {
                        if (v.type() == org.vecsnn.core.state.StateVariable.Type.FLOAT) {
                            columns.add(in.name() + "." + v.name());
                        }
                    }
                }
                for (String column : columns) {
                    double[] x = groupColumn(h, base, column, group, index);
                    if (x != null) {
                        cells.set(column.equals("V_m") ? "V" : column, k -> x[k]);
                    }
                }
                if (deferred) {
                    pendingBias.put(name, type.bias());
                } else if (type.bias() != 0) {
                    network.addCurrent(TimedCurrent.constant(cells.all(), type.bias()));
                }
                populations.put(name, cells);
                types.put(name, type);
            }
        }
    }

    private static boolean sameModel(CSVRecord a, CSVRecord b) {
        for (String column : List.of("model_type", "model_template", "dynamics_params")) {
            if (!java.util.Objects.equals(TypeTable.cell(a, column), TypeTable.cell(b, column))) {
                return false;
            }
        }
        return true;
    }

    private static CellModels.CellType cellType(TypeTable table, CSVRecord r, Path models, double dt)
            throws IOException {
        String where = "node_type_id " + r.get("node_type_id");
        String template = TypeTable.cell(r, "model_template");
        String params = TypeTable.cell(r, "dynamics_params");
        if (template == null) {
            throw new SonataFormatException(table.file, "model_template", r.getRecordNumber(), "missing");
        }
        Path paramsFile = params == null ? null : (models != null ? models : table.file.toAbsolutePath().getParent())
                .resolve(params);
        JsonNode json = paramsFile == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                : JsonConfig.parse(paramsFile);
        try {
            return CellModels.of(template, json, paramsFile != null ? paramsFile : table.file, where, dt);
        } catch (IllegalArgumentException e) {
            throw new SonataFormatException(paramsFile != null ? paramsFile : table.file, where, e.getMessage());
        }
    }

    /**
     * A per-node (or per-edge) attribute from the groups ({@code /…/<group>/<name>}), or null when no group has it.
     * Rows whose group lacks it, or whose index lies outside the group, are refused.
     */
    private static double[] groupColumn(H5 h, String base, String name, long[] group, long[] index)
            throws SonataFormatException {
        Map<Long, double[]> columns = new java.util.HashMap<>();
        for (long g : group) {
            if (!columns.containsKey(g)) {
                columns.put(g, h.has(base + g + "/" + name) ? h.doubles(base + g + "/" + name) : null);
            }
        }
        if (columns.values().stream().allMatch(java.util.Objects::isNull)) {
            return null;
        }
        double[] out = new double[group.length];
        for (int row = 0; row < group.length; row++) {
            double[] column = columns.get(group[row]);
            if (column == null) {
                throw new SonataFormatException(h.file, base + group[row] + "/" + name, row, "missing for this node"
                        + " while other groups have it");
            }
            if (index[row] < 0 || index[row] >= column.length) {
                throw new SonataFormatException(h.file, base + "node_group_index", row, index[row]
                        + " is outside group " + group[row] + " (" + column.length + " rows)");
            }
            out[row] = column[(int) index[row]];
            if (!Double.isFinite(out[row]) || Math.abs(out[row]) > Float.MAX_VALUE) {
                throw new SonataFormatException(h.file, base + group[row] + "/" + name, row, out[row]
                        + " must be a finite number within float range");
            }
        }
        return out;
    }

    private static long[] sameLength(H5 h, String path, long n) throws SonataFormatException {
        if (h.length(path) != n) {
            throw new SonataFormatException(h.file, path, "has " + h.length(path) + " rows: must have " + n
                    + ", one per node");
        }
        return h.longs(path);
    }

    private void readEdges(Path file, TypeTable table) throws IOException {
        try (H5 h = H5.open(file)) {
            for (String name : h.children("/edges")) {
                String base = "/edges/" + name + "/";
                if (h.length(base + "edge_type_id") > 0) {
                    long first = h.longs(base + "edge_type_id", 0, 1)[0];
                    CSVRecord r = table.row(first, h.file, base + "edge_type_id", 0);
                    if (GAP.equals(TypeTable.cell(r, "model_template"))) {
                        readGap(h, table, name, r);
                        continue;
                    }
                }
                new EdgePopulation(h, table, name).build();
            }
        }
    }

    /**
     * The synapse model of an edge type: none ({@code static_synapse}, or no {@code model_template}), or short-term
     * plasticity ({@link #SHORT_TERM}, its {@code dynamics_params} the rule's parameters by the core's names: u,
     * tauF and tauD in ms, facilitating).
     */
    private ShortTermPlasticity synapseModel(TypeTable table, CSVRecord r) throws IOException {
        String template = TypeTable.cell(r, "model_template");
        if (template == null || template.equals("static_synapse") || template.equals("nest:static_synapse")) {
            return null;
        }
        if (!template.equals(SHORT_TERM)) {
            throw new SonataFormatException(table.file, "model_template", r.getRecordNumber(), "'" + template
                    + "' is not an edge model here: supported are " + EDGE_TEMPLATES + " (" + GAP + " for a whole"
                    + " edge population)");
        }
        CellModels.Params p = edgeParams(table, r);
        ShortTermPlasticity rule = CellModels.decode(ShortTermPlasticity.class, p);
        p.refuseUnused();
        return rule;
    }

    private CellModels.Params edgeParams(TypeTable table, CSVRecord r) throws IOException {
        String params = TypeTable.cell(r, "dynamics_params");
        if (params == null) {
            throw new SonataFormatException(table.file, "dynamics_params", r.getRecordNumber(), "missing: "
                    + TypeTable.cell(r, "model_template") + " needs its parameters");
        }
        Path file = (synapseModels != null ? synapseModels : table.file.toAbsolutePath().getParent()).resolve(params);
        return new CellModels.Params(JsonConfig.parse(file), file, "edge_type_id " + r.get("edge_type_id") + " ("
                + TypeTable.cell(r, "model_template") + ")");
    }

    /**
     * Gap junctions, this project's convention (SONATA has no standard for them): an edge population whose edge
     * type's {@code model_template} is {@link #GAP}, every edge of that one type, one edge per junction from its
     * presynaptic to its postsynaptic neuron, both neuron populations; {@code syn_weight} the junction's conductance
     * in the core's units (a {@code delay}, if any, is ignored: a junction has none); {@code dynamics_params}
     * {@code symmetric} (true: both cells receive opposite currents), {@code weight} (the junctions' common
     * conductance) and {@code per_edge_weights} (false: every junction has {@code weight}, and syn_weight must equal
     * it). The edges are added with {@link Network#connectGap} after the projections. A spikelet is a projection of
     * voltage jumps of its own.
     */
    private void readGap(H5 h, TypeTable table, String name, CSVRecord type) throws IOException {
        String base = "/edges/" + name + "/";
        CellModels.Params p = edgeParams(table, type);
        boolean symmetric = p.bool("symmetric");
        double weight = p.need("weight");
        boolean perEdge = p.bool("per_edge_weights");
        p.refuseUnused();
        long[] typeIds = h.longs(base + "edge_type_id");
        int n = typeIds.length;
        for (int e = 0; e < n; e++) {
            if (typeIds[e] != typeIds[0]) {
                throw new SonataFormatException(h.file, base + "edge_type_id", e, "edge type " + typeIds[e] + " in"
                        + " an edge population of " + GAP + " (type " + typeIds[0] + "): its edges must all be"
                        + " gap junctions of one type");
            }
        }
        Range[] ranges = new Range[2];
        String[] ends = {"source", "target"};
        long[][] ids = new long[2][];
        for (int k = 0; k < 2; k++) {
            String dataset = base + ends[k] + "_node_id";
            String pop = h.stringAttribute(dataset, "node_population");
            if (!(populations.get(pop) instanceof NeuronPopulation cells)) {
                throw new SonataFormatException(h.file, dataset, "node_population '" + pop + "' must be a neuron"
                        + " population of the circuit: gap junctions join neurons");
            }
            long[] r = h.longAttribute("/edges/" + name, RANGE + ends[k] + "_range");
            if (r != null && (r.length != 2 || r[0] < 0 || r[1] < r[0] || r[1] > cells.size())) {
                throw new SonataFormatException(h.file, base + "@" + RANGE + ends[k] + "_range",
                        Arrays.toString(r) + " must be [from, to] within population '" + pop + "'");
            }
            ranges[k] = r == null ? cells.all() : cells.range((int) r[0], (int) r[1]);
            ids[k] = sameLength(h, dataset, n);
            for (int e = 0; e < n; e++) {
                if (ids[k][e] < ranges[k].from() || ids[k][e] >= ranges[k].to()) {
                    throw new SonataFormatException(h.file, dataset, e, "node id " + ids[k][e] + " is outside ["
                            + ranges[k].from() + ", " + ranges[k].to() + ") of population '" + pop + "'");
                }
            }
        }
        double[] w = groupColumn(h, base, "syn_weight", sameLength(h, base + "edge_group_id", n),
                sameLength(h, base + "edge_group_index", n));
        if (w == null) {
            throw new SonataFormatException(h.file, base + "0/syn_weight", "missing: a gap junction's conductance");
        }
        int rows = ranges[0].size();
        int[] rowStart = new int[rows + 1];
        for (int e = 0; e < n; e++) {
            rowStart[(int) (ids[0][e] - ranges[0].from()) + 1]++;
        }
        for (int i = 0; i < rows; i++) {
            rowStart[i + 1] += rowStart[i];
        }
        int[] fill = Arrays.copyOf(rowStart, rows);
        int[] targets = new int[n];
        float[] weights = new float[n];
        for (int e = 0; e < n; e++) {
            int at = fill[(int) (ids[0][e] - ranges[0].from())]++;
            targets[at] = (int) (ids[1][e] - ranges[1].from());
            weights[at] = (float) w[e];
            if (!perEdge && Float.floatToRawIntBits(weights[at]) != Float.floatToRawIntBits((float) weight)) {
                throw new SonataFormatException(h.file, base + "0/syn_weight", e, w[e] + " differs from the"
                        + " junctions' weight " + weight + ", and per_edge_weights is false");
            }
        }
        Csr csr = Rows.sorted(new Csr(rows, ranges[1].size(), rowStart, targets, perEdge ? weights : null, null));
        Path file = h.file;
        Deferred build = () -> {
            try {
                network.connectGap(ranges[0], ranges[1]).connector(prebuilt(csr)).weight(weight).symmetric(symmetric)
                        .build();
            } catch (IllegalArgumentException e) {
                throw new SonataFormatException(file, base, e.getMessage());
            }
        };
        if (deferred) {
            pendingGaps.put(name, build);
        } else {
            build.run();
        }
    }

    /**
     * The circuit config's {@link #CURRENTS}, each added in the list's order: {@code {"type": "I_e", "population"}}
     * (the population's I_e from its dynamics_params), {@code {"type": "gap_junctions", "edges"}} (the gap-junction
     * edge population of that name), {@code {"type": "constant", "population", "from", "to", "amplitude"}},
     * {@code {"type": "samples", "population", "from", "to", "interval_ms", "values"}} (a value per interval, then 0)
     * and {@code {"type": "poisson_drive", "population", "receptor", "rate_Hz", "weight", "seed"}}; amplitudes and
     * weights in the core's units. Every I_e other than 0 and every gap-junction edge population must be listed once.
     */
    private void addCurrents(Path file, JsonNode list) throws IOException {
        List<String> types = List.of("I_e", "gap_junctions", "constant", "samples", "poisson_drive");
        int i = 0;
        for (JsonNode entry : list) {
            CellModels.Params p = new CellModels.Params(entry, file, CURRENTS + "[" + i++ + "]");
            String type = p.text("type");
            try {
                switch (type) {
                    case "I_e" -> {
                        NeuronPopulation cells = neurons(p);
                        Double bias = pendingBias.remove(cells.name());
                        if (bias == null) {
                            throw p.fail("population", "'" + cells.name() + "': its I_e is listed twice");
                        }
                        network.addCurrent(TimedCurrent.constant(cells.all(), bias));
                    }
                    case "gap_junctions" -> {
                        String edges = p.text("edges");
                        Deferred gap = pendingGaps.remove(edges);
                        if (gap == null) {
                            throw p.fail("edges", "'" + edges + "' is not an edge population of " + GAP + ", or it"
                                    + " is listed twice");
                        }
                        gap.run();
                    }
                    case "constant" -> network.addCurrent(TimedCurrent.constant(range(p), p.need("amplitude")));
                    case "samples" -> {
                        Range range = range(p);
                        double interval = p.need("interval_ms");
                        JsonNode values = p.take("values");
                        if (values == null || !values.isArray() || values.isEmpty()) {
                            throw p.fail("values", "must be a list of numbers");
                        }
                        double[] v = new double[values.size()];
                        for (int k = 0; k < v.length; k++) {
                            if (!values.get(k).isNumber()) {
                                throw p.fail("values[" + k + "]", values.get(k) + " must be a number");
                            }
                            v[k] = values.get(k).asDouble();
                        }
                        network.addCurrent(TimedCurrent.samples(range, v, interval));
                    }
                    case "poisson_drive" -> {
                        NeuronPopulation cells = neurons(p);
                        String receptor = p.text("receptor");
                        SynapticInput synapse = cells.synapticInputs().stream().filter(s -> s.name().equals(
                                receptor)).findFirst().orElseThrow(() -> p.fail("receptor", "'" + receptor
                                + "' is not a receptor of population '" + cells.name() + "'"));
                        PoissonDrive drive = new PoissonDrive(synapse, p.need("rate_Hz"), p.need("weight"),
                                p.integer("seed"));
                        if (p.has("from") || p.has("to")) {
                            drive = drive.onNeurons(Math.toIntExact(p.integer("from")),
                                    Math.toIntExact(p.integer("to")));
                        }
                        if (p.has("start_ms") || p.has("end_ms")) {
                            drive = drive.during(p.get("start_ms", 0), p.get("end_ms", Double.POSITIVE_INFINITY));
                        }
                        network.addCurrent(drive);
                    }
                    default -> throw p.fail("type", "'" + type + "' must be one of " + types);
                }
            } catch (IllegalArgumentException e) {
                throw new SonataFormatException(file, p.where, e.getMessage());
            }
            p.refuseUnused();
        }
        for (var left : pendingBias.entrySet()) {
            if (left.getValue() != 0) {
                throw new SonataFormatException(file, CURRENTS, "population '" + left.getKey() + "' has I_e "
                        + left.getValue() + " but no entry {\"type\": \"I_e\"} here");
            }
        }
        if (!pendingGaps.isEmpty()) {
            throw new SonataFormatException(file, CURRENTS, "the gap junctions of " + pendingGaps.keySet()
                    + " have no entry {\"type\": \"gap_junctions\"} here");
        }
    }

    private NeuronPopulation neurons(CellModels.Params p) throws SonataFormatException {
        String name = p.text("population");
        if (!(populations.get(name) instanceof NeuronPopulation cells)) {
            throw p.fail("population", "'" + name + "' is not a neuron population of the circuit");
        }
        return cells;
    }

    private Range range(CellModels.Params p) throws SonataFormatException {
        NeuronPopulation cells = neurons(p);
        long from = p.integer("from");
        long to = p.integer("to");
        if (from < 0 || to < from || to > cells.size()) {
            throw p.fail("from", "[" + from + ", " + to + ") must lie within population '" + cells.name() + "' of "
                    + cells.size() + " neurons");
        }
        return cells.range((int) from, (int) to);
    }

    /** One edge population, read twice in chunks: once to check it and count rows, once to fill the CSR. */
    private final class EdgePopulation {
        private final H5 h;
        private final TypeTable table;
        private final String name;
        private final String base;
        private final long edges;
        private final Range source;
        private final Range target;
        private final NeuronPopulation cells;
        private final CellModels.CellType type;
        private final double dt;
        /** Per receptor: row lengths, synapses, and whether every weight and delay is the same. */
        private final int[][] rowCounts;
        private final int[] synapses;
        private final float[] firstWeight;
        private final int[] firstDelay;
        private final boolean[] uniformWeight;
        private final boolean[] uniformDelay;
        private final Map<Long, Integer> receptorOfType = new java.util.HashMap<>();
        /** The edge types seen, each with its synapse model; every edge must have the same model. */
        private final Map<Long, ShortTermPlasticity> ruleOfType = new java.util.HashMap<>();
        private Long firstType;
        private final List<Index> indices = new java.util.ArrayList<>();

        EdgePopulation(H5 h, TypeTable table, String name) throws SonataFormatException {
            this.h = h;
            this.table = table;
            this.name = name;
            this.base = "/edges/" + name + "/";
            this.edges = h.length(base + "source_node_id");
            for (String column : List.of("target_node_id", "edge_type_id", "edge_group_id", "edge_group_index")) {
                if (h.length(base + column) != edges) {
                    throw new SonataFormatException(h.file, base + column, "has " + h.length(base + column)
                            + " rows: must have " + edges + ", as source_node_id");
                }
            }
            this.source = range(population(base + "source_node_id"), RANGE + "source_range");
            if (!(population(base + "target_node_id") instanceof NeuronPopulation t)) {
                throw new SonataFormatException(h.file, base + "target_node_id", "node_population '"
                        + h.stringAttribute(base + "target_node_id", "node_population")
                        + "' is virtual: edges must end on neurons");
            }
            this.cells = t;
            this.target = range(t, RANGE + "target_range");
            if (h.has(base + "indices/source_to_target")) {
                indices.add(new Index("source_to_target", true, source));
            }
            if (h.has(base + "indices/target_to_source")) {
                indices.add(new Index("target_to_source", false, target));
            }
            this.type = types.get(t.name());
            this.dt = network.dt();
            int receptors = type.receptors().size();
            rowCounts = new int[receptors][];
            synapses = new int[receptors];
            firstWeight = new float[receptors];
            firstDelay = new int[receptors];
            uniformWeight = new boolean[receptors];
            uniformDelay = new boolean[receptors];
            Arrays.fill(uniformWeight, true);
            Arrays.fill(uniformDelay, true);
        }

        /** The whole population, or the part this project's writer recorded (the core's projection range). */
        private Range range(Population p, String attribute) throws SonataFormatException {
            long[] r = h.longAttribute("/edges/" + name, attribute);
            if (r == null) {
                return p.all();
            }
            if (r.length != 2 || r[0] < 0 || r[1] < r[0] || r[1] > p.size()) {
                throw new SonataFormatException(h.file, base + "@" + attribute, Arrays.toString(r) + " must be"
                        + " [from, to] within population '" + p.name() + "' of " + p.size() + " nodes");
            }
            return p.range((int) r[0], (int) r[1]);
        }

        private Population population(String dataset) throws SonataFormatException {
            String pop = h.stringAttribute(dataset, "node_population");
            Population p = populations.get(pop);
            if (p == null) {
                throw new SonataFormatException(h.file, dataset, "node_population '" + pop + "' is not a node"
                        + " population of the circuit (" + populations.keySet() + ")");
            }
            return p;
        }

        /** A chunk of edges with every value checked, weights scaled and delays in steps. */
        private record Chunk(long from, int[] source, int[] target, int[] receptor, float[] weight, int[] delay) {}

        private Chunk chunk(long from) throws IOException {
            int n = (int) Math.min(H5.CHUNK, edges - from);
            int[] src = ids(base + "source_node_id", from, n, source);
            int[] tgt = ids(base + "target_node_id", from, n, target);
            long[] typeIds = h.longs(base + "edge_type_id", from, n);
            long[] group = h.longs(base + "edge_group_id", from, n);
            long[] index = h.longs(base + "edge_group_index", from, n);
            double[] w = edgeValues("syn_weight", from, typeIds, group, index);
            double[] d = edgeValues("delay", from, typeIds, group, index);
            int[] receptor = new int[n];
            float[] weight = new float[n];
            int[] delay = new int[n];
            for (int e = 0; e < n; e++) {
                rule(typeIds[e], from + e);
                receptor[e] = receptor(typeIds[e], w[e], from + e);
                double value = type.weight(receptor[e], w[e]);
                if (!Double.isFinite(value) || Math.abs(value) > Float.MAX_VALUE) {
                    throw new SonataFormatException(h.file, base + "syn_weight", from + e, w[e]
                            + " must be a finite number within float range");
                }
                weight[e] = (float) value;
                delay[e] = steps(d[e], from + e);
            }
            return new Chunk(from, src, tgt, receptor, weight, delay);
        }

        /** Node ids as indices into the range, refusing ids outside it. */
        private int[] ids(String path, long from, int n, Range range) throws SonataFormatException {
            long[] raw = h.longs(path, from, n);
            int[] out = new int[n];
            for (int e = 0; e < n; e++) {
                if (raw[e] < range.from() || raw[e] >= range.to()) {
                    throw new SonataFormatException(h.file, path, from + e, "node id " + raw[e] + " is outside"
                            + " [" + range.from() + ", " + range.to() + ") of population '"
                            + range.population().name() + "'");
                }
                out[e] = (int) (raw[e] - range.from());
            }
            return out;
        }

        /** syn_weight or delay of each edge: from its group's dataset, else from its edge type's column. */
        private double[] edgeValues(String column, long from, long[] typeIds, long[] group, long[] index)
                throws SonataFormatException {
            int n = typeIds.length;
            double[] out = new double[n];
            Map<Long, long[]> spans = new java.util.HashMap<>(); // per group: lowest and highest index in the chunk
            for (int e = 0; e < n; e++) {
                long[] span = spans.computeIfAbsent(group[e], g -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
                span[0] = Math.min(span[0], index[e]);
                span[1] = Math.max(span[1], index[e]);
            }
            Map<Long, double[]> values = new java.util.HashMap<>();
            for (var s : spans.entrySet()) {
                String path = base + s.getKey() + "/" + column;
                if (h.has(path)) {
                    long[] span = s.getValue();
                    if (span[0] < 0 || span[1] >= h.length(path)) {
                        throw new SonataFormatException(h.file, base + "edge_group_index", from, "indices "
                                + span[0] + " … " + span[1] + " of this chunk are outside " + path + " ("
                                + h.length(path) + " rows)");
                    }
                    values.put(s.getKey(), h.doubles(path, span[0], (int) (span[1] - span[0] + 1)));
                }
            }
            for (int e = 0; e < n; e++) {
                double[] v = values.get(group[e]);
                if (v != null) {
                    out[e] = v[(int) (index[e] - spans.get(group[e])[0])];
                    continue;
                }
                CSVRecord r = table.row(typeIds[e], h.file, base + "edge_type_id", from + e);
                out[e] = table.number(r, column);
                if (Double.isNaN(out[e])) {
                    throw new SonataFormatException(h.file, base + group[e] + "/" + column, from + e, "missing, and"
                            + " edge type " + typeIds[e] + " in " + table.file + " gives no " + column);
                }
            }
            return out;
        }

        /** Checks that edge {@code row}'s type has the synapse model of the population's first edge. */
        private void rule(long typeId, long row) throws IOException {
            if (ruleOfType.containsKey(typeId)) {
                return;
            }
            CSVRecord r = table.row(typeId, h.file, base + "edge_type_id", row);
            ShortTermPlasticity rule = synapseModel(table, r);
            ruleOfType.put(typeId, rule);
            if (firstType == null) {
                firstType = typeId;
            } else if (!java.util.Objects.equals(rule, ruleOfType.get(firstType))) {
                throw new SonataFormatException(h.file, base + "edge_type_id", row, "edge type " + typeId + " has"
                        + " another synapse model (" + rule + ") than edge type " + firstType + " ("
                        + ruleOfType.get(firstType) + "): an edge population here has one (split it)");
            }
        }

        private int receptor(long typeId, double weight, long row) throws SonataFormatException {
            if (type.delivery() == CellModels.Delivery.BY_SIGN) {
                return CellModels.CellType.bySign(weight);
            }
            Integer known = receptorOfType.get(typeId);
            if (known != null) {
                return known;
            }
            CSVRecord r = table.row(typeId, h.file, base + "edge_type_id", row);
            String receptor = TypeTable.cell(r, "receptor");
            for (int i = 0; i < type.receptors().size(); i++) {
                if (type.receptors().get(i).name().equals(receptor)) {
                    receptorOfType.put(typeId, i);
                    return i;
                }
            }
            throw new SonataFormatException(table.file, "receptor", r.getRecordNumber(), "'" + receptor
                    + "' is not a receptor of population '" + cells.name() + "' ("
                    + type.receptors().stream().map(CellModels.Receptor::name).toList() + ")");
        }

        /** A delay in ms as whole steps (NEST's one step later for NEST models), refusing one off the grid. */
        private int steps(double ms, long row) throws SonataFormatException {
            double x = ms / dt;
            double k = Math.rint(x);
            if (!(ms >= 0) || Math.abs(x - k) > 1e-6 * Math.max(1, k)) {
                throw new SonataFormatException(h.file, base + "delay", row, ms + " ms must be a non-negative whole"
                        + " number of steps of dt = " + dt + " ms");
            }
            long steps = (long) k + type.extraDelaySteps();
            if (steps < 1 || steps > Short.MAX_VALUE) {
                throw new SonataFormatException(h.file, base + "delay", row, ms + " ms is " + steps
                        + " steps on this core: must be 1 … " + Short.MAX_VALUE + " steps");
            }
            return (int) steps;
        }

        void build() throws IOException {
            for (long from = 0; from < edges; from += H5.CHUNK) {
                Chunk c = chunk(from);
                for (int e = 0; e < c.source().length; e++) {
                    count(c, e);
                    for (Index index : indices) {
                        index.add(c, e);
                    }
                }
            }
            for (Index index : indices) {
                index.check();
            }
            int receptors = rowCounts.length;
            int[][] rowStart = new int[receptors][];
            int[][] fill = new int[receptors][];
            int[][] targets = new int[receptors][];
            float[][] weights = new float[receptors][];
            short[][] delays = new short[receptors][];
            for (int r = 0; r < receptors; r++) {
                if (rowCounts[r] == null) {
                    continue;
                }
                rowStart[r] = new int[source.size() + 1];
                for (int i = 0; i < source.size(); i++) {
                    rowStart[r][i + 1] = rowStart[r][i] + rowCounts[r][i];
                }
                fill[r] = Arrays.copyOf(rowStart[r], source.size());
                targets[r] = new int[synapses[r]];
                weights[r] = uniformWeight[r] ? null : new float[synapses[r]];
                delays[r] = uniformDelay[r] ? null : new short[synapses[r]];
            }
            for (long from = 0; from < edges; from += H5.CHUNK) {
                Chunk c = chunk(from);
                for (int e = 0; e < c.source().length; e++) {
                    int r = c.receptor()[e];
                    int at = fill[r][c.source()[e]]++;
                    targets[r][at] = c.target()[e];
                    if (weights[r] != null) {
                        weights[r][at] = c.weight()[e];
                    }
                    if (delays[r] != null) {
                        delays[r][at] = (short) c.delay()[e];
                    }
                }
            }
            for (int r = 0; r < receptors; r++) {
                if (rowStart[r] == null) {
                    continue;
                }
                Csr csr = Rows.sorted(new Csr(source.size(), target.size(), rowStart[r], targets[r], weights[r],
                        delays[r]));
                SynapticInput input = cells.synapticInputs().get(r);
                var builder = network.connect(source, input).toRange(target.from(), target.to()).name(single() ? name : name + ":" + input.name())
                        .connector(prebuilt(csr)).delaySteps(uniformDelay[r] ? firstDelay[r] : 1);
                if (uniformWeight[r]) {
                    builder.weight(firstWeight[r]);
                }
                if (firstType != null && ruleOfType.get(firstType) != null) {
                    builder.plasticity(ruleOfType.get(firstType));
                }
                builder.build();
            }
        }

        /** Whether the edges reach one receptor only. */
        private boolean single() {
            return Arrays.stream(rowCounts).filter(java.util.Objects::nonNull).count() == 1;
        }

        private void count(Chunk c, int e) {
            int r = c.receptor()[e];
            if (rowCounts[r] == null) {
                rowCounts[r] = new int[source.size()];
                firstWeight[r] = c.weight()[e];
                firstDelay[r] = c.delay()[e];
            }
            rowCounts[r][c.source()[e]]++;
            synapses[r]++;
            uniformWeight[r] &= Float.floatToRawIntBits(c.weight()[e]) == Float.floatToRawIntBits(firstWeight[r]);
            uniformDelay[r] &= c.delay()[e] == firstDelay[r];
        }

        /**
         * An optional range table, {@code indices/source_to_target} or {@code indices/target_to_source}: row n of
         * {@code node_id_to_ranges} names rows [r, r') of {@code range_to_edge_id}, each a range [a, b) of edge rows,
         * which together must be exactly the edges whose source (target) is node n. Checked per node by the count
         * and by a sum of a 64-bit mix of the edge rows, taken from the edges in the first pass and from the ranges
         * here: a wrong edge, a gap or an overlap changes the sum (but for a chance of 2⁻⁶⁴), and the file's ranges
         * need not be matched against every edge.
         */
        private final class Index {
            private final String dir;
            private final boolean bySource;
            private final Range nodes;
            private final long[] count;
            private final long[] sum;

            Index(String table, boolean bySource, Range nodes) {
                this.dir = base + "indices/" + table + "/";
                this.bySource = bySource;
                this.nodes = nodes;
                int n = nodes.population().size();
                this.count = new long[n];
                this.sum = new long[n];
            }

            void add(Chunk c, int e) {
                int node = nodes.from() + (bySource ? c.source()[e] : c.target()[e]);
                count[node]++;
                sum[node] += SplitMix64.mix(c.from() + e);
            }

            void check() throws SonataFormatException {
                String role = bySource ? "source" : "target";
                long[] nodeRanges = pairs(dir + "node_id_to_ranges", count.length);
                long[] ranges = pairs(dir + "range_to_edge_id", -1);
                long total = 0;
                for (int n = 0; n < count.length; n++) {
                    long covered = 0;
                    long mixed = 0;
                    for (long r = nodeRanges[2 * n]; r < nodeRanges[2 * n + 1]; r++) {
                        if (r < 0 || 2 * r + 1 >= ranges.length) {
                            throw new SonataFormatException(h.file, dir + "node_id_to_ranges", n, "range " + r
                                    + " is outside range_to_edge_id (" + ranges.length / 2 + " rows)");
                        }
                        long a = ranges[(int) (2 * r)];
                        long b = ranges[(int) (2 * r + 1)];
                        if (a < 0 || b < a || b > edges) {
                            throw new SonataFormatException(h.file, dir + "range_to_edge_id", r, "[" + a + ", " + b
                                    + ") is not a range of the " + edges + " edges");
                        }
                        total += b - a;
                        if (total > edges) { // bounds the work below: valid ranges cover each edge once
                            throw new SonataFormatException(h.file, dir + "node_id_to_ranges", n, "the ranges of"
                                    + " nodes 0 … " + n + " cover " + total + " edge rows, more than the " + edges
                                    + " edges: ranges overlap");
                        }
                        covered += b - a;
                        for (long e = a; e < b; e++) {
                            mixed += SplitMix64.mix(e);
                        }
                    }
                    if (covered != count[n]) {
                        throw new SonataFormatException(h.file, dir + "node_id_to_ranges", n, "covers " + covered
                                + " edges, but " + count[n] + " edges have " + role + " node " + n);
                    }
                    if (mixed != sum[n]) {
                        throw new SonataFormatException(h.file, dir + "node_id_to_ranges", n, "covers " + covered
                                + " edges, as many as have " + role + " node " + n + ", but not the same ones");
                    }
                }
            }
        }

        private long[] pairs(String path, int rows) throws SonataFormatException {
            int[] dims = h.dimensions(path);
            if (dims.length != 2 || dims[1] != 2 || rows >= 0 && dims[0] != rows) {
                throw new SonataFormatException(h.file, path, "has shape " + Arrays.toString(dims) + ": must be "
                        + (rows >= 0 ? "[" + rows + ", 2]" : "[n, 2]"));
            }
            return h.integers(path, 0, h.flat(path));
        }
    }

    /** This project's extension: a projection's source and target ranges, [from, to) as int64 pairs. */
    static final String RANGE = "vecsnn_";

    /** A connector that hands over a CSR already built from the file. */
    private static Connector prebuilt(Csr csr) {
        return new Connector() {
            @Override
            public Csr connect(org.vecsnn.core.connect.ConnectionContext context) {
                return csr;
            }

            @Override
            public long expectedSynapses(int preSize, int postSize) {
                return csr.synapseCount();
            }
        };
    }
}
