package org.vecsnn.sonata;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.vecsnn.core.TimeGrid;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.monitor.SpikeStream;

/**
 * SONATA spike reports: {@code /spikes/<population>/timestamps} (ms, float64) and {@code node_ids} (int64), the
 * group's {@code sorting} attribute saying their order: {@code by_time} where the times never decrease (always from
 * spike monitors and streams, which record step by step), else {@code none}. Written from spike monitors, from
 * spike streams (whose files hold a long run's spikes on disk until the report is written), or from given spikes; a
 * population that fired no spike has no group (jHDF writes no empty dataset). Read back for virtual inputs in any
 * order.
 */
public final class SpikeReport {
    /** One population's spikes: spike s is node {@code nodeIds[s]} at {@code timesMs[s]}. */
    public record Spikes(int[] nodeIds, double[] timesMs) {}

    /** A {@link SpikeStream}'s file: {@code step,neuron} per line after a header line. */
    private static final CSVFormat STREAM = CSVFormat.DEFAULT.builder().setHeader("step", "neuron")
            .setSkipHeaderRecord(true).get();

    private SpikeReport() {}

    public static void write(Path file, List<SpikeMonitor> monitors) throws IOException {
        Map<String, Spikes> spikes = new LinkedHashMap<>();
        for (SpikeMonitor m : monitors) {
            spikes.put(m.population().name(), new Spikes(m.units(), m.times()));
        }
        write(file, spikes);
    }

    /**
     * Writes the spikes of closed {@link SpikeStream}s, read back from their files, with times the labels of their
     * steps on {@code grid} (as a {@link SpikeMonitor}'s). jHDF writes a dataset only from a whole array, so the
     * report holds 20 bytes per spike in memory while it is written; the run before it held none.
     */
    public static void writeStreams(Path file, List<SpikeStream> streams, TimeGrid grid) throws IOException {
        Map<String, Spikes> spikes = new LinkedHashMap<>();
        for (SpikeStream s : streams) {
            spikes.put(s.population().name(), read(s, grid));
        }
        write(file, spikes);
    }

    /** Writes each population's spikes, in the order of the map. */
    static void write(Path file, Map<String, Spikes> byPopulation) throws IOException {
        try (WritableHdfFile h = HdfFile.write(file)) {
            WritableGroup spikes = h.putGroup("spikes");
            for (var e : byPopulation.entrySet()) {
                Spikes s = e.getValue();
                if (s.nodeIds().length == 0) {
                    continue; // jHDF 0.13 writes no empty dataset: a silent population has no group
                }
                WritableGroup g = spikes.putGroup(e.getKey());
                g.putAttribute("sorting", byTime(s.timesMs()) ? "by_time" : "none");
                g.putDataset("timestamps", s.timesMs()).putAttribute("units", "ms");
                g.putDataset("node_ids", Arrays.stream(s.nodeIds()).asLongStream().toArray());
            }
        } catch (io.jhdf.exceptions.HdfException e) {
            throw new IOException(file + ": spike report cannot be written (" + e.getMessage() + ")", e);
        }
    }

    private static boolean byTime(double[] times) {
        for (int s = 1; s < times.length; s++) {
            if (times[s] < times[s - 1]) {
                return false;
            }
        }
        return true;
    }

    /** A closed stream's spikes from its file, which must hold as many as the stream counted. */
    private static Spikes read(SpikeStream stream, TimeGrid grid) throws IOException {
        String name = "spike stream of '" + stream.population().name() + "'";
        if (stream.count() > Integer.MAX_VALUE - 8) {
            throw new IOException(stream.file() + ": " + name + " holds " + stream.count() + " spikes: a report"
                    + " population holds at most 2^31 - 9 (jHDF writes a dataset from one array)");
        }
        int n = (int) stream.count();
        int[] nodes = new int[n];
        double[] times = new double[n];
        long lines = 0;
        try (Reader in = Files.newBufferedReader(stream.file(), StandardCharsets.US_ASCII);
             CSVParser parser = STREAM.parse(in)) {
            for (CSVRecord r : parser) {
                if (lines < n) {
                    times[(int) lines] = grid.time(Long.parseLong(r.get(0)));
                    nodes[(int) lines] = Integer.parseInt(r.get(1));
                }
                lines++;
            }
        }
        if (lines != n) {
            throw new IOException(stream.file() + ": holds " + lines + " spikes, the " + name + " counted " + n
                    + ": a report is written from a closed stream of one whole run (one resumed from a checkpoint"
                    + " writes only the spikes since)");
        }
        return new Spikes(nodes, times);
    }

    /** The spikes of {@code population} of {@code size} nodes, refusing ids outside it and negative or NaN times. */
    public static Spikes read(Path file, String population, int size) throws IOException {
        try (H5 h = H5.open(file)) {
            String base = "/spikes/" + population + "/";
            long n = h.length(base + "node_ids");
            if (h.length(base + "timestamps") != n) {
                throw new SonataFormatException(file, base + "timestamps", "has " + h.length(base + "timestamps")
                        + " rows: must have " + n + ", as node_ids");
            }
            long[] ids = h.longs(base + "node_ids");
            double[] times = h.doubles(base + "timestamps");
            int[] nodes = new int[ids.length];
            for (int s = 0; s < ids.length; s++) {
                if (ids[s] < 0 || ids[s] >= size) {
                    throw new SonataFormatException(file, base + "node_ids", s, "node id " + ids[s] + " is outside [0, "
                            + size + ") of population '" + population + "'");
                }
                if (!(times[s] >= 0) || Double.isInfinite(times[s])) {
                    throw new SonataFormatException(file, base + "timestamps", s, times[s] + " ms must be a finite"
                            + " time ≥ 0");
                }
                nodes[s] = (int) ids[s];
            }
            return new Spikes(nodes, times);
        }
    }
}
