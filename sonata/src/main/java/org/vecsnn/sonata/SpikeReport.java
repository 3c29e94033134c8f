package org.vecsnn.sonata;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.vecsnn.core.monitor.SpikeMonitor;

/**
 * SONATA spike reports: {@code /spikes/<population>/timestamps} (ms, float64) and {@code node_ids} (int64), the
 * group's {@code sorting} attribute saying their order. Written from spike monitors, which record step by step, so
 * the order is {@code by_time}; a population that fired no spike has no group (jHDF writes no empty dataset). Read
 * back for virtual inputs in any order.
 */
public final class SpikeReport {
    /** One population's spikes: spike s is node {@code nodeIds[s]} at {@code timesMs[s]}. */
    public record Spikes(int[] nodeIds, double[] timesMs) {}

    private SpikeReport() {}

    public static void write(Path file, List<SpikeMonitor> monitors) throws IOException {
        try (WritableHdfFile h = HdfFile.write(file)) {
            WritableGroup spikes = h.putGroup("spikes");
            for (SpikeMonitor m : monitors) {
                if (m.count() == 0) {
                    continue; // jHDF 0.13 writes no empty dataset: a silent population has no group
                }
                WritableGroup g = spikes.putGroup(m.population().name());
                g.putAttribute("sorting", "by_time");
                g.putDataset("timestamps", m.times()).putAttribute("units", "ms");
                g.putDataset("node_ids", java.util.Arrays.stream(m.units()).asLongStream().toArray());
            }
        } catch (io.jhdf.exceptions.HdfException e) {
            throw new IOException(file + ": spike report cannot be written (" + e.getMessage() + ")", e);
        }
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
