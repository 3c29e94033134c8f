package org.vecsnn.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints per rank: a run of the STDP network resumed from its ranks' checkpoints on as many ranks ends with
 * the same spikes, byte for byte, as the run that saved them and went on; a resumption on another number of ranks
 * is refused, naming the number the checkpoint was saved on.
 */
class CheckpointRanksTest {
    @BeforeAll
    static void mpirun() {
        MpiRun.assumeMpirun();
    }

    @Test
    void aRunResumedOnAsManyRanksIsBitExactAndOnOthersRefused(@TempDir Path dir) throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        MpiRun.Result saved = MpiRun.run(MpiRun.command(2, CheckpointRanks.class, "save", checkpoints.toString(),
                dir.resolve("straight").toString()), 300);
        assertEquals(0, saved.exitCode(), saved.output());
        MpiRun.Result resumed = MpiRun.run(MpiRun.command(2, CheckpointRanks.class, "resume",
                checkpoints.toString(), dir.resolve("resumed").toString()), 300);
        assertEquals(0, resumed.exitCode(), resumed.output());
        assertArrayEquals(Files.readAllBytes(dir.resolve("straight")), Files.readAllBytes(dir.resolve("resumed")));

        MpiRun.Result other = MpiRun.run(MpiRun.command(3, CheckpointRanks.class, "resume", checkpoints.toString(),
                dir.resolve("other").toString()), 300);
        assertNotEquals(0, other.exitCode(), other.output());
        assertTrue(other.output().contains("holds checkpoints saved on 2 rank(s); resume on the number of ranks it"
                + " was saved on"), other.output());
    }
}
