package org.vecsnn.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Each JMH suite runs one short iteration (in this JVM, smallest parameters) and reports a positive score. It checks
 * that the suites run, it measures nothing: JMH's report, whose warnings say that a run in the host JVM is no
 * measurement (true, and the point here), is not printed; forking instead would start 11 JVMs and double the time.
 */
class BenchmarkSuitesSmokeTest {
    /**
     * JMH's lock (/tmp/jmh.lock) keeps two measurements from running at once; this test measures nothing, and on a
     * shared machine it failed whenever someone else's benchmark held the lock.
     */
    @BeforeAll
    static void ignoreJmhLock() {
        System.setProperty("jmh.ignoreLock", "true");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "CobaStepBenchmark;kernels=vector",
        "KernelBenchmark;n=1024",
        "PropagationBenchmark;rowLength=10,rateHz=10,targets=random,perSynapseDelays=true",
        "NetworkBenchmark;n=4000,network=cuba",
        "SynapseModelBenchmark;model=AMPA",
        "NeuronModelBenchmark;model=hh,method=RK4,kernels=vector",
        "NetworkBenchmark;n=4000,network=cobahh",
        "MemoryScalingBenchmark;floats=40000",
        "CobaFloorBenchmark;n=4000",
        "PlasticityBenchmark;rule=triplet",
        "EquationNetworkBenchmark;network=cuba,source=equations"})
    void suiteRuns(String suite, String params) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder().include("org.vecsnn.bench.jmh." + suite + ".")
                .forks(0).warmupIterations(0).measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100)).shouldFailOnError(true).verbosity(VerboseMode.SILENT);
        for (String p : params.split(",")) {
            String[] kv = p.split("=");
            options.param(kv[0], kv[1]);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        assertFalse(results.isEmpty(), suite + " ran no benchmark");
        for (RunResult r : results) {
            assertTrue(r.getPrimaryResult().getScore() > 0, suite + ": " + r.getPrimaryResult());
        }
    }
}
