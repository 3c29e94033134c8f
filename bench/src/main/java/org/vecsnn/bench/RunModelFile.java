package org.vecsnn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.Range;
import org.vecsnn.core.connect.Connectors;
import org.vecsnn.core.connect.SplitMix64;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.core.synapse.SynapticInput;
import org.vecsnn.equations.EquationException;
import org.vecsnn.equations.EquationModel;
import org.vecsnn.equations.KineticEquations;
import org.vecsnn.equations.OnPre;
import org.vecsnn.models.synapse.KineticReceptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs a model file (YAML): groups of neurons written in Brian2's model language, {@code on_pre} synapses between
 * them, and the run's dt, duration and seed (see {@code docs/EQUATIONS.md} and {@code bench/models/}). Prints each
 * group's spikes and rate and the wall time, and writes each group's spikes as CSV.
 */
@Command(name = "model", description = "Runs a model file (YAML: groups in Brian2's equations, on_pre synapses).")
final class RunModelFile implements Callable<Integer> {
    private static final Set<String> TOP = Set.of("dt", "duration", "seed", "groups", "synapses");
    private static final Set<String> GROUP = Set.of("n", "equations", "constants", "threshold", "reset",
            "refractory", "method", "input", "initial");
    private static final Set<String> SYNAPSE = Set.of("source", "target", "on_pre", "weight", "p", "delay", "model",
            "constants", "method", "transmitter");
    private static final Set<String> TRANSMITTER = Set.of("name", "concentration", "duration");
    private static final Pattern SLICE = Pattern.compile("(\\w+)\\[(\\d+):(\\d+)]");
    private static final Pattern DRAW = Pattern.compile("(uniform|normal)\\((.+),(.+)\\)");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the model file (YAML)")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("out", "model");

    @Override
    public Integer call() throws IOException {
        Path folder = Cli.writableFolder(spec.commandLine(), out);
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            spec.commandLine().getErr().println("snn model: cannot read " + file + ": " + e.getMessage());
            return Cli.USAGE;
        }
        try {
            return run(root, folder);
        } catch (IllegalArgumentException e) { // EquationException among them: the message says where
            spec.commandLine().getErr().println("snn model: " + file + ": " + e.getMessage());
            return Cli.USAGE;
        }
    }

    private int run(JsonNode root, Path folder) throws IOException {
        known(root, "the file", TOP);
        double dt = number(root, "dt", 0.1);
        double duration = number(root, "duration", 1000);
        long seed = (long) number(root, "seed", 1);
        Network net = new Network(dt, KernelProvider.get()).seed(seed);
        Map<String, NeuronPopulation> groups = new LinkedHashMap<>();
        Map<String, EquationModel> models = new LinkedHashMap<>();
        JsonNode groupNodes = required(root, "groups", "the file");
        int index = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = groupNodes.fields(); it.hasNext(); index++) {
            Map.Entry<String, JsonNode> g = it.next();
            String where = "group '" + g.getKey() + "'";
            JsonNode node = g.getValue();
            known(node, where, GROUP);
            EquationModel.Builder b = EquationModel.builder(required(node, "equations", where).asText());
            node.path("constants").fields().forEachRemaining(c -> b.constant(c.getKey(), c.getValue().asText()));
            text(node, "threshold").ifPresent(b::threshold);
            text(node, "reset").ifPresent(b::reset);
            text(node, "refractory").ifPresent(b::refractory);
            text(node, "method").ifPresent(b::method);
            text(node, "input").ifPresent(b::input);
            b.seed(seed + index);
            EquationModel model = b.build();
            int n = required(node, "n", where).asInt();
            NeuronPopulation p = net.addNeurons(g.getKey(), n, model);
            SplitMix64 draws = SplitMix64.stream(seed, -1 - index);
            for (Iterator<Map.Entry<String, JsonNode>> v = node.path("initial").fields(); v.hasNext(); ) {
                Map.Entry<String, JsonNode> init = v.next();
                String name = init.getKey();
                String arrayName = name.equals(model.membrane()) ? "V" : name;
                Matcher m = DRAW.matcher(init.getValue().asText().strip());
                if (m.matches()) {
                    double a = model.stored(name, m.group(2).strip());
                    double c = model.stored(name, m.group(3).strip());
                    boolean uniform = m.group(1).equals("uniform");
                    p.set(arrayName, i -> uniform ? a + (c - a) * draws.nextDouble() : a + c * draws.nextGaussian());
                } else {
                    double value = model.stored(name, init.getValue().asText());
                    p.set(arrayName, i -> value);
                }
            }
            groups.put(g.getKey(), p);
            models.put(g.getKey(), model);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("synapses").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> s = it.next();
            String where = "synapses '" + s.getKey() + "'";
            JsonNode node = s.getValue();
            known(node, where, SYNAPSE);
            Range source = range(groups, required(node, "source", where).asText(), where);
            String targetName = required(node, "target", where).asText();
            NeuronPopulation target = groups.get(targetName);
            if (target == null) {
                throw new IllegalArgumentException(where + ": target = " + targetName + ": must be one of the groups "
                        + groups.keySet());
            }
            JsonNode w = required(node, "weight", where);
            SynapticInput input;
            double weight;
            if (node.has("model")) { // clock-driven equations with a summed variable: a kinetic synapse
                KineticEquations kinetic = kinetic(node, where);
                input = new KineticReceptor(target, s.getKey(), kinetic, kinetic.summedOnto(target));
                if (!w.isNumber()) {
                    throw new IllegalArgumentException(where + ": weight = " + w.asText() + ": must be a number (the"
                            + " synapse's w, in its stored unit)");
                }
                weight = w.asDouble();
            } else {
                for (String key : List.of("constants", "method", "transmitter")) {
                    if (node.has(key)) {
                        throw new IllegalArgumentException(where + ": '" + key + "' belongs to a synapse with a"
                                + " 'model' (clock-driven equations and a summed variable)");
                    }
                }
                String onPre = required(node, "on_pre", where).asText();
                String variable = onPre.strip().split("\\s+")[0].replaceAll("_post$", "");
                weight = w.isNumber() ? w.asDouble() : models.get(targetName).stored(variable, w.asText());
                input = new OnPre(target, s.getKey(), onPre);
            }
            // Brian2's delay d (ms, default 0) acts one step later here: the core's delay is d + dt
            double delay = number(node, "delay", 0) + dt;
            net.connect(source, input).name(s.getKey())
                    .connector(Connectors.fixedProbability(number(node, "p", 1), true)).weight(weight).delay(delay)
                    .build();
        }
        Map<String, SpikeMonitor> monitors = new LinkedHashMap<>();
        groups.forEach((name, p) -> monitors.put(name, net.addMonitor(new SpikeMonitor(p))));
        long start = System.nanoTime();
        net.run(duration, ProgressListener.SILENT);
        double wall = (System.nanoTime() - start) * 1e-9;
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "model       %s, dt = %s ms, %.1f ms biological in %.3f s wall", file,
                dt, duration, wall));
        for (Map.Entry<String, SpikeMonitor> e : monitors.entrySet()) {
            NeuronPopulation p = groups.get(e.getKey());
            EquationModel m = models.get(e.getKey());
            lines.add(String.format(Locale.ROOT, "group %-5s N = %d, method %s, compiled in %.3f s%s, %d spikes,"
                    + " %.2f Hz", e.getKey(), p.size(), m.methodName(), m.compileSeconds(), m.fromCache()
                    ? " (cached)" : "", e.getValue().count(), e.getValue().meanRate(0, p.size(), duration)));
            e.getValue().writeCsv(folder.resolve(e.getKey() + "_spikes.csv"));
        }
        lines.forEach(spec.commandLine().getOut()::println);
        return Cli.OK;
    }

    /** A synapse's {@code model}, {@code on_pre}, {@code constants}, {@code method} and {@code transmitter}. */
    private static KineticEquations kinetic(JsonNode node, String where) {
        KineticEquations.Builder b = KineticEquations.builder(node.get("model").asText());
        text(node, "on_pre").ifPresent(b::onPre);
        node.path("constants").fields().forEachRemaining(c -> b.constant(c.getKey(), c.getValue().asText()));
        text(node, "method").ifPresent(b::method);
        if (node.has("transmitter")) {
            JsonNode t = node.get("transmitter");
            known(t, where + ", transmitter", TRANSMITTER);
            b.transmitter(required(t, "name", where + ", transmitter").asText(),
                    required(t, "concentration", where + ", transmitter").asText(),
                    required(t, "duration", where + ", transmitter").asText());
        }
        return b.build();
    }

    private static Range range(Map<String, NeuronPopulation> groups, String text, String where) {
        Matcher m = SLICE.matcher(text.strip());
        String name = m.matches() ? m.group(1) : text.strip();
        NeuronPopulation p = groups.get(name);
        if (p == null) {
            throw new IllegalArgumentException(where + ": source = " + text + ": must be a group " + groups.keySet()
                    + " or a slice of one, such as P[0:3200]");
        }
        return m.matches() ? p.range(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))) : p.all();
    }

    private static void known(JsonNode node, String where, Set<String> allowed) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": must be a mapping of " + allowed);
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException(where + ": unknown key '" + k + "'; allowed: "
                        + new java.util.TreeSet<>(allowed));
            }
        });
    }

    private static JsonNode required(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + ": '" + key + "' is missing");
        }
        return v;
    }

    private static double number(JsonNode node, String key, double otherwise) {
        JsonNode v = node.get(key);
        if (v == null) {
            return otherwise;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("'" + key + "' = " + v.asText() + ": must be a number");
        }
        return v.asDouble();
    }

    private static java.util.Optional<String> text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? java.util.Optional.empty() : java.util.Optional.of(v.asText());
    }
}
