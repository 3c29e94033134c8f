package org.vecsnn.distributed;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rank that fails, or dies, stops the whole job within seconds with a message naming it, and ranks that built
 * different networks stop before they run: no rank is left waiting in a collective.
 */
class FaultTest {
    /** How long the other ranks may take to stop (the JVMs' start and COBA's build come before it). */
    private static final double STOPS_WITHIN_S = 60;

    @BeforeAll
    static void mpirun() {
        MpiRun.assumeMpirun();
    }

    @Test
    void aRankThatThrowsStopsEveryRank() throws Exception {
        MpiRun.Result run = MpiRun.run(MpiRun.command(3, FaultyRanks.class, "throw", "1"), STOPS_WITHIN_S);
        assertNotEquals(0, run.exitCode(), run.output());
        // mpirun's own notice of the abort is not always printed (seen: its help text failing to unpack)
        assertTrue(run.output().contains("rank 1 of 3 failed: java.lang.IllegalStateException: rank 1 fails on"
                + " purpose"), run.output());
    }

    @Test
    void ranksThatBuiltDifferentNetworksStopBeforeTheyRun() throws Exception {
        List<String> first = MpiRun.command(1, SpikeRanks.class, "/nonexistent", "10", "1", "coba");
        List<String> second = MpiRun.command(1, SpikeRanks.class, "/nonexistent", "10", "1", "delays");
        List<String> mpmd = new ArrayList<>(first);
        mpmd.add(":");
        mpmd.addAll(second.subList(1, second.size())); // the second app context: from -np on
        MpiRun.Result run = MpiRun.run(mpmd, STOPS_WITHIN_S);
        assertNotEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("rank 1 is to build a different network from rank 0's"), run.output());
    }

    @Test
    void aKilledRankStopsEveryRank() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(MpiRun.command(3, FaultyRanks.class, "run"))
                .redirectErrorStream(true);
        builder.environment().put("OMPI_ALLOW_RUN_AS_ROOT", "1");
        builder.environment().put("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
        Process mpirun = builder.start();
        // a hung job ends the output too: then the assertions below fail
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                if (!mpirun.waitFor(120, TimeUnit.SECONDS)) {
                    mpirun.descendants().forEach(ProcessHandle::destroyForcibly);
                    mpirun.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        StringBuilder output = new StringBuilder();
        Pattern pid = Pattern.compile("rank 2 pid (\\d+)");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(mpirun.getInputStream(),
                StandardCharsets.UTF_8))) {
            long killed = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                Matcher m = pid.matcher(line);
                if (m.find() && killed == 0) {
                    ProcessHandle.of(Long.parseLong(m.group(1))).orElseThrow().destroyForcibly();
                    killed = System.nanoTime();
                }
            }
            assertTrue(killed != 0, "rank 2 never printed its pid:\n" + output);
            assertTrue(mpirun.waitFor(10, TimeUnit.SECONDS), "mpirun still runs after its output ended");
            double seconds = (System.nanoTime() - killed) * 1e-9;
            assertNotEquals(0, mpirun.exitValue(), output.toString());
            assertTrue(seconds < 10, "the job took " + seconds + " s to stop after rank 2 was killed");
            assertTrue(output.toString().contains("process rank 2"), "mpirun names the killed rank:\n" + output);
        } finally {
            watchdog.interrupt();
            mpirun.descendants().forEach(ProcessHandle::destroyForcibly);
            mpirun.destroyForcibly();
        }
    }
}
