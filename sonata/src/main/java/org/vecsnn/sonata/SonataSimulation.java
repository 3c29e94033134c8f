package org.vecsnn.sonata;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vecsnn.core.Network;
import org.vecsnn.core.Population;
import org.vecsnn.core.input.PoissonSource;
import org.vecsnn.core.input.SpikeTimesSource;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.monitor.SpikeStream;
import org.vecsnn.core.neuron.NeuronPopulation;
import org.vecsnn.core.simd.Kernels;

/**
 * A run described by a SONATA {@code simulation_config.json}: {@code run.tstop} and {@code run.dt} (ms),
 * {@code network} (the circuit config), {@code inputs} for virtual node populations, named by {@code node_set} (a
 * population's name here), either {@code "module": "sonata"} (or {@code "h5"}) with a spike report as
 * {@code input_file}, or {@code "module": "poisson"} with {@code rate} (Hz) and an optional {@code seed};
 * {@code output.output_dir} and {@code output.spikes_file} (default {@code spikes.h5}) for the spike report of every
 * neuron population.
 */
public final class SonataSimulation {
    /** How {@link #run} records the spikes of the report. */
    public enum Recording {
        /** In memory ({@link SpikeMonitor}): 12 to 24 bytes per spike through the run, 20 more for the report. */
        MEMORY,
        /**
         * To disk during the run ({@link SpikeStream}: a CSV file per population beside the report, deleted after
         * it), so that memory stays flat however long the run; the report is written from the files at the end,
         * holding 20 bytes per spike only then.
         */
        STREAM
    }

    private final Network network;
    private final double tstop;
    private Path report;

    private SonataSimulation(Network network, double tstop, Path report) {
        this.network = network;
        this.tstop = tstop;
        this.report = report;
    }

    /** Reads the configuration and builds its network with {@code kernels}. */
    public static SonataSimulation load(Path simulationConfig, Kernels kernels) throws IOException {
        JsonConfig config = new JsonConfig(simulationConfig);
        JsonNode run = config.root.path("run");
        double tstop = positive(config, run, "run.tstop");
        double dt = positive(config, run, "run.dt");
        Network network;
        try {
            network = new Network(dt, kernels);
            network.grid().intSteps("run.tstop (ms)", tstop, 1);
        } catch (IllegalArgumentException e) {
            throw new SonataFormatException(simulationConfig, "run", e.getMessage());
        }
        Map<String, JsonNode> inputs = new HashMap<>();
        Map<String, String> inputNames = new HashMap<>();
        for (var e : config.root.path("inputs").properties()) {
            String where = "inputs." + e.getKey();
            String set = config.text(e.getValue(), "node_set", where);
            if (inputs.put(set, e.getValue()) != null) {
                throw new SonataFormatException(simulationConfig, where + ".node_set", "'" + set + "' is driven by"
                        + " input '" + inputNames.get(set) + "' too: one input per virtual population");
            }
            inputNames.put(set, e.getKey());
        }
        SonataCircuit.read(config.path(config.root, "network", "simulation"),
                network, (name, size) -> {
                    JsonNode input = inputs.remove(name);
                    return input == null ? SonataCircuit.SILENT.create(name, size)
                            : virtual(config, "inputs." + inputNames.get(name), input, name, size);
                });
        if (!inputs.isEmpty()) {
            String set = inputs.keySet().iterator().next();
            throw new SonataFormatException(simulationConfig, "inputs." + inputNames.get(set) + ".node_set", "'"
                    + set + "' is not a virtual node population of the circuit");
        }
        JsonNode output = config.root.path("output");
        Path dir = output.has("output_dir") ? config.path(output, "output_dir", "output")
                : simulationConfig.toAbsolutePath().getParent().resolve("output");
        String spikes = output.has("spikes_file") ? config.text(output, "spikes_file", "output") : "spikes.h5";
        return new SonataSimulation(network, tstop, dir.resolve(spikes));
    }

    private static Population virtual(JsonConfig config, String where, JsonNode input, String name, int size)
            throws IOException {
        String module = config.text(input, "module", where);
        return switch (module) {
            case "sonata", "h5" -> {
                SpikeReport.Spikes s = SpikeReport.read(config.path(input, "input_file", where), name, size);
                yield new SpikeTimesSource(name, size, s.nodeIds(), s.timesMs());
            }
            case "poisson" -> {
                JsonNode seed = input.path("seed");
                if (!seed.isMissingNode() && !seed.canConvertToExactIntegral()) {
                    throw new SonataFormatException(config.file, where + ".seed", seed + " must be an integer");
                }
                yield new PoissonSource(name, size, positive(config, input, where + ".rate"), seed.asLong(0));
            }
            default -> throw new SonataFormatException(config.file, where + ".module", "'" + module
                    + "' is not supported: sonata, h5 (a spike file) or poisson");
        };
    }

    /** The positive number at the last part of the dotted {@code key} of {@code node}. */
    private static double positive(JsonConfig config, JsonNode node, String key) throws SonataFormatException {
        JsonNode v = node.get(key.substring(key.lastIndexOf('.') + 1));
        if (v == null || !v.isNumber() || !(v.asDouble() > 0) || Double.isInfinite(v.asDouble())) {
            throw new SonataFormatException(config.file, key, v + " must be a positive number");
        }
        return v.asDouble();
    }

    public Network network() {
        return network;
    }

    public double tstop() {
        return tstop;
    }

    /** Where {@link #run} writes the spike report. */
    public Path report() {
        return report;
    }

    /** Writes the spike report into {@code folder} instead of the configuration's {@code output_dir}. */
    public void reportInto(Path folder) {
        report = folder.resolve(report.getFileName());
    }

    /** Runs for {@code tstop} with the spikes in memory and writes the spike report; returns the number of spikes. */
    public long run() throws IOException {
        return run(Recording.MEMORY);
    }

    /**
     * Runs for {@code tstop}, once, recording the spikes of every neuron population as {@code recording} says, and
     * writes the spike report; returns the number of spikes.
     */
    public long run(Recording recording) throws IOException {
        if (network.isPrepared()) {
            throw new IllegalStateException("the simulation of " + report + " has run (or its network was prepared):"
                    + " load the configuration again to run it again");
        }
        Files.createDirectories(report.getParent());
        List<Population> cells = network.populations().stream().filter(p -> p instanceof NeuronPopulation).toList();
        if (recording == Recording.MEMORY) {
            List<SpikeMonitor> monitors = cells.stream().map(p -> network.addMonitor(new SpikeMonitor(p))).toList();
            network.run(tstop);
            SpikeReport.write(report, monitors);
            return monitors.stream().mapToLong(SpikeMonitor::count).sum();
        }
        List<SpikeStream> streams = new ArrayList<>();
        try {
            try {
                for (Population p : cells) {
                    Path file = report.resolveSibling(report.getFileName() + "." + p.name() + ".csv");
                    streams.add(network.addMonitor(new SpikeStream(p, file)));
                }
                network.run(tstop);
            } finally {
                for (SpikeStream s : streams) {
                    s.close();
                }
            }
            SpikeReport.writeStreams(report, streams, network.grid());
            return streams.stream().mapToLong(SpikeStream::count).sum();
        } finally {
            for (SpikeStream s : streams) {
                Files.deleteIfExists(s.file());
            }
        }
    }
}
