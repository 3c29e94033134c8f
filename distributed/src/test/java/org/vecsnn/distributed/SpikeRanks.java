package org.vecsnn.distributed;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.monitor.StateMonitor;

/**
 * The program every rank runs under {@code mpirun} in the tests: {@code SpikeRanks OUT MS THREADS NETWORK...} builds
 * each network for the job, checks that every rank built the same one, runs it for MS ms on THREADS threads (a
 * comma-separated list: one run per count), and rank 0 writes every population's spikes to OUT/NETWORK-tTHREADS.
 */
public final class SpikeRanks {
    private SpikeRanks() {}

    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        double ms = Double.parseDouble(args[1]);
        String[] threads = args[2].split(",");
        System.exit(MpiJob.execute(job -> {
            for (int k = 3; k < args.length; k++) {
                for (String t : threads) {
                    String name = args[k];
                    TestNetworks.Built built = job.build("test network " + name, () -> TestNetworks.build(name));
                    built.network().threads(Integer.parseInt(t));
                    job.checkSameNetwork(built.network(), "test network " + name);
                    MpiJob.Summary summary = job.run(built.network(), ms);
                    built.network().close();
                    if (job.rank() == 0) {
                        write(out.resolve(name + "-t" + t), built);
                        summary.print(System.out);
                    }
                }
            }
        }));
    }

    /** Per population: the spike count, then each spike's step and unit; then each trace's length and values. */
    static void write(Path file, TestNetworks.Built built) throws IOException {
        try (DataOutputStream data = new DataOutputStream(new java.io.BufferedOutputStream(
                Files.newOutputStream(file)))) {
            for (SpikeMonitor m : built.monitors()) {
                long[] steps = m.steps();
                int[] units = m.units();
                data.writeInt(steps.length);
                for (int i = 0; i < steps.length; i++) {
                    data.writeLong(steps[i]);
                    data.writeInt(units[i]);
                }
            }
            for (StateMonitor m : built.traces()) {
                for (int k = 0; k < m.neurons().length; k++) {
                    float[] trace = m.trace(k);
                    data.writeInt(trace.length);
                    for (float v : trace) {
                        data.writeFloat(v);
                    }
                }
            }
        }
    }
}
