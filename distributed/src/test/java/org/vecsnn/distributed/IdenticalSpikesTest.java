package org.vecsnn.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.core.monitor.SpikeMonitor;

/**
 * Every network of {@link TestNetworks} run by 1, 2, 3 and 4 MPI processes, each on 1 and 2 threads, gives every
 * spike at the same step as the same network run in this JVM alone on one thread: the reference is the
 * single-process engine, and identity is spike for spike, population by population, and for the recorded
 * membrane potentials value for value (gathered from the processes that step them).
 */
class IdenticalSpikesTest {
    static final double MS = 200;
    private static final Map<String, List<long[]>> STEPS = new HashMap<>();
    private static final Map<String, List<int[]>> UNITS = new HashMap<>();
    private static final Map<String, List<float[]>> TRACES = new HashMap<>();

    @BeforeAll
    static void reference() {
        MpiRun.assumeMpirun();
        for (String name : TestNetworks.NAMES) {
            TestNetworks.Built built = TestNetworks.build(name);
            built.network().threads(1).run(MS, ProgressListener.SILENT);
            STEPS.put(name, built.monitors().stream().map(SpikeMonitor::steps).toList());
            UNITS.put(name, built.monitors().stream().map(SpikeMonitor::units).toList());
            TRACES.put(name, built.traces().stream().flatMap(m -> java.util.stream.IntStream.range(0,
                    m.neurons().length).mapToObj(m::trace)).toList());
        }
    }

    @ParameterizedTest(name = "{0} process(es) × 1 and 2 threads")
    @ValueSource(ints = {1, 2, 3, 4})
    void everySpikeAtTheSameStepAsInOneProcess(int ranks, @TempDir Path out) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(out.toString(), Double.toString(MS), "1,2"));
        args.addAll(TestNetworks.NAMES);
        MpiRun.Result run = MpiRun.run(MpiRun.command(ranks, SpikeRanks.class, args.toArray(String[]::new)), 600);
        assertEquals(0, run.exitCode(), run.output());
        for (String name : TestNetworks.NAMES) {
            for (int threads = 1; threads <= 2; threads++) {
                String label = name + " on " + ranks + " process(es) × " + threads + " thread(s)";
                try (DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(
                        Files.newInputStream(out.resolve(name + "-t" + threads))))) {
                    long total = 0;
                    for (int p = 0; p < STEPS.get(name).size(); p++) {
                        long[] steps = new long[data.readInt()];
                        int[] units = new int[steps.length];
                        for (int i = 0; i < steps.length; i++) {
                            steps[i] = data.readLong();
                            units[i] = data.readInt();
                        }
                        assertArrayEquals(STEPS.get(name).get(p), steps, label + ", population " + p + ": steps");
                        assertArrayEquals(UNITS.get(name).get(p), units, label + ", population " + p + ": units");
                        total += steps.length;
                    }
                    assertTrue(total > 100, label + ": " + total + " spikes, too few to compare");
                    for (int k = 0; k < TRACES.get(name).size(); k++) {
                        float[] trace = new float[data.readInt()];
                        for (int s = 0; s < trace.length; s++) {
                            trace[s] = data.readFloat();
                        }
                        assertArrayEquals(TRACES.get(name).get(k), trace, label + ", trace " + k);
                    }
                }
            }
        }
    }
}
