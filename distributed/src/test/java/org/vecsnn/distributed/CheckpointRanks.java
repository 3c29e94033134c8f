package org.vecsnn.distributed;

import java.nio.file.Path;
import org.vecsnn.core.ProgressListener;

/**
 * The program of the checkpoint test, on every rank: {@code CheckpointRanks save DIR OUT} runs the STDP test network
 * 100 ms, saves each rank's checkpoint into DIR, runs 100 ms more and writes the spikes to OUT (rank 0);
 * {@code CheckpointRanks resume DIR OUT} loads the checkpoints and runs the last 100 ms.
 */
public final class CheckpointRanks {
    private CheckpointRanks() {}

    public static void main(String[] args) {
        Path folder = Path.of(args[1]);
        System.exit(MpiJob.execute(job -> {
            TestNetworks.Built built = job.build("test network plastic", () -> TestNetworks.build("plastic"));
            built.network().threads(1);
            job.checkSameNetwork(built.network(), "test network plastic");
            if (args[0].equals("save")) {
                built.network().run(100, ProgressListener.SILENT);
                job.save(built.network(), folder);
            } else {
                job.load(built.network(), folder);
            }
            built.network().run(100, ProgressListener.SILENT);
            if (job.rank() == 0) {
                SpikeRanks.write(Path.of(args[2]), built);
            }
        }));
    }
}
