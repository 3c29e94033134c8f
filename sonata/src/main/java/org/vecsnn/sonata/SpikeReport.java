package org.vecsnn.sonata;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vecsnn.core.monitor.SpikeMonitor;

/**
 * SONATA spike reports: {@code /spikes/<population>/timestamps} (ms, float64) and {@code node_ids} (int64), the
 * group's {@code sorting} attribute saying their order: {@code by_time} where the times never decrease (always from
 * spike monitors, which record step by step), else {@code none}. Written from spike monitors or from given spikes
 * (the writer's spike inputs); a population that fired no spike has no group (jHDF writes no empty dataset). Read
 * back for virtual inputs in any order.
 */
public final class SpikeReport {
    /** One population's spikes: spike s is node {@code nodeIds[s]} at {@code timesMs[s]}. */
    public record Spikes(int[] nodeIds, double[] timesMs) {}

    private SpikeReport() {}

    public static void write(Path file, List<SpikeMonitor> monitors) throws IOException {
        Map<String, Spikes> spikes = new LinkedHashMap<>();
        for (SpikeMonitor m : monitors) {
            spikes.put(m.population().name(), new Spikes(m.units(), m.times()));
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
