package org.vecsnn.distributed;

import org.vecsnn.core.Network;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.networks.BenchmarkNetworks;

/**
 * The program of the fault tests, on every rank: {@code FaultyRanks throw R} builds COBA 4000, runs 100 ms on every
 * rank, then rank R throws while the others go on into a long run (they would wait for it in the next all-gather
 * forever); {@code FaultyRanks run} prints each rank's process id and runs long, for a test to kill one rank.
 */
public final class FaultyRanks {
    private FaultyRanks() {}

    public static void main(String[] args) {
        System.exit(MpiJob.execute(job -> {
            Network network = job.build("coba 4000", () -> BenchmarkNetworks.coba(4000, 0.1, 5, KernelProvider.get())).network();
            job.checkSameNetwork(network, "coba 4000");
            network.threads(1).run(100, ProgressListener.SILENT);
            if (args[0].equals("throw") && job.rank() == Integer.parseInt(args[1])) {
                throw new IllegalStateException("rank " + job.rank() + " fails on purpose after 100 ms");
            }
            System.out.println("rank " + job.rank() + " pid " + ProcessHandle.current().pid());
            System.out.flush();
            network.run(600_000, ProgressListener.SILENT);
        }));
    }
}
