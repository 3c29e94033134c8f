package org.vecsnn.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The command line of every {@code snn} command: bad values are refused before anything runs, with exit code 2 and
 * one line naming the option, the value and what is allowed; no stack traces for user errors.
 */
class CommandLineTest {
    private record Outcome(int exitCode, String out, String err) {}

    private static Outcome execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Cli.commandLine(new RunNetwork());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int code = line.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** Each row: the arguments (space-separated), then words the one-line message must contain. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "--threads 0;--threads = 0;1 to 1024",
        "--threads -3;--threads = -3;1 to 1024",
        "--warmup -100;--warmup = -100;≥ 0",
        "--warmup NaN;--warmup = NaN;finite",
        "--duration 0;--duration = 0;> 0",
        "--dt Infinity;--dt = Infinity;0 (excluded) to 10",
        "--n 3000000000;--n = 3000000000;1 to 2147483647",
        "--n 0;--n = 0;1 to 2147483647",
        "--n abc;--n = abc;whole number",
        "--scale 0.5;--scale;only to --network microcircuit",
        "--drive poisson;--drive;only to --network microcircuit",
        "--network microcircuit --n 400;--n;--scale",
        "--network microcircuit --scale 2;--scale = 2;0.01 to 1",
        "--network lif;--network;COBA, CUBA, COBAHH, MICROCIRCUIT",
        "--frobnicate 3;--frobnicate;snn --help",
        "latency --steps -5;snn latency: --steps = -5;1 to 1000000000",
        "longrun --seconds -1;snn longrun: --seconds = -1;> 0",
        "longrun --seconds abc;--seconds = abc;> 0",
        "longrun --seconds 10 --window 20;--window = 20.0;at most --seconds",
        "scaling --threads 1,0;snn scaling: --threads = 0;1 to 1024",
        "scaling --rounds 0;--rounds = 0;1 to",
        "scaling --network cuba --warmup -1;--warmup = -1;≥ 0",
        "scaling --scale 0.1;--scale;only to --network microcircuit",
        "scaling --network microcircuit --n 400;--n;--scale",
        "compare --repeats 0;--repeats = 0;1 to",
        "compare --networks coba,microcircuit;--networks;COBA, CUBA and COBAHH",
        "validate --steps 3;snn validate: Unknown option;snn validate --help",
        "run simulation_config.json --threads 0;snn run: --threads = 0;1 to 1024",
        "run;snn run: Missing required parameter;CONFIG",
        "distributed --ranks 0;snn distributed: --ranks = 0;1 to 1000000",
        "distributed --threads 0;snn distributed: --threads = 0;1 to 1024",
        "distributed --n 3;--n = 3;5 to 2147483647",
        "distributed --network microcircuit --n 400;--n;--scale",
        "distributed --scale 0.5;--scale;only to --network microcircuit",
        "verify-microcircuit --seeds 1,-2;snn verify-microcircuit: --seeds = -2;0 to 9223372036854775807",
        "verify-microcircuit --reference /nonexistent/nest.csv;--reference = /nonexistent/nest.csv;no such readable"})
    void refusesWithOneLineAndExitCode2(String args, String names, String allowed) {
        Outcome o = execute(args.split(" "));
        assertEquals(Cli.USAGE, o.exitCode(), o.err());
        assertEquals(1, o.err().lines().count(), "one line: " + o.err());
        assertTrue(o.err().contains(names), o.err());
        assertTrue(o.err().contains(allowed), o.err());
        assertFalse(o.err().contains("Exception"), "no stack trace: " + o.err());
        assertTrue(o.out().isEmpty(), "nothing ran: " + o.out());
    }

    @Test
    void verifyMicrocircuitFindsNestsReferenceBesideTheRepositoryFromAnyDirectory() {
        String before = System.getProperty("vecsnn.home");
        try {
            System.setProperty("vecsnn.home", "/somewhere/repo");
            assertEquals(Path.of("/somewhere/shared/reference/microcircuit-nest/nest310-pd14-statistics.csv"),
                    VerifyMicrocircuit.defaultReference());
            System.clearProperty("vecsnn.home");
            assertEquals(Path.of("../shared/reference/microcircuit-nest/nest310-pd14-statistics.csv"),
                    VerifyMicrocircuit.defaultReference(), "without the script: from the current directory");
        } finally {
            if (before != null) {
                System.setProperty("vecsnn.home", before);
            }
        }
    }

    @Test
    void compareExamplesTakesItsNetworksAndRefusesNoSeeds() {
        CompareExamples compare = new CompareExamples();
        Cli.commandLine(compare).parseArgs("--networks", "brunel,Izhikevich", "--seeds", "2", "--no-brian2");
        assertEquals(List.of(CompareExamples.Example.BRUNEL, CompareExamples.Example.IZHIKEVICH), compare.networks);
        assertEquals(2, compare.seeds);
        assertFalse(compare.brian2);
        assertTrue(new CompareExamples().brian2, "Brian2's side runs unless --no-brian2");
        Outcome o = execute("compare-examples", "--seeds", "0");
        assertEquals(Cli.USAGE, o.exitCode(), o.err());
        assertTrue(o.err().contains("--seeds"), o.err());
        o = execute("compare-examples", "--networks", "cuba");
        assertEquals(Cli.USAGE, o.exitCode(), o.err());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "examples", "validate", "latency", "longrun", "compare", "distributed"})
    void anUnwritableOutIsFoundBeforeAnythingRuns(String command, @TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "in the way");
        List<String> args = new java.util.ArrayList<>(command.isEmpty() ? List.of() : List.of(command));
        args.addAll(List.of("--out", file.resolve("sub").toString()));
        long start = System.nanoTime();
        Outcome o = execute(args.toArray(String[]::new));
        assertEquals(Cli.USAGE, o.exitCode(), o.err());
        assertTrue(o.err().contains("--out = " + file.resolve("sub") + ": cannot write there"), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.out().isEmpty(), "nothing ran: " + o.out());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused at once");
    }

    @Test
    void runRefusesAnUnwritableOutBeforeLoadingTheCircuit(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "in the way");
        Outcome o = execute("run", dir.resolve("no-such-config.json").toString(), "--out",
                file.resolve("sub").toString());
        assertEquals(Cli.USAGE, o.exitCode(), o.err());
        assertTrue(o.err().contains("--out = " + file.resolve("sub") + ": cannot write there"), o.err());
    }

    @Test
    void runWritesTheSpikeReportOfAWrittenCircuitTheSameWhenStreamed(@TempDir Path dir) throws IOException {
        var coba = org.vecsnn.networks.BenchmarkNetworks.coba(400, 0.1, 1,
                org.vecsnn.core.simd.KernelProvider.get());
        org.vecsnn.sonata.SonataWriter.write(coba.network(), dir);
        Files.writeString(dir.resolve("simulation_config.json"), """
                {"run": {"tstop": 100, "dt": 0.1}, "network": "circuit_config.json", "output": {"output_dir": "out"}}
                """);
        Outcome o = execute("run", dir.resolve("simulation_config.json").toString());
        assertEquals(Cli.OK, o.exitCode(), o.err());
        var spikes = org.vecsnn.sonata.SpikeReport.read(dir.resolve("out/spikes.h5"), "coba", 400);
        assertTrue(spikes.nodeIds().length > 100, "spikes in the report: " + spikes.nodeIds().length);
        assertEquals(Cli.OK, execute("run", dir.resolve("simulation_config.json").toString(), "--stream", "--out",
                dir.resolve("streamed").toString()).exitCode());
        var streamed = org.vecsnn.sonata.SpikeReport.read(dir.resolve("streamed/spikes.h5"), "coba", 400);
        assertArrayEquals(spikes.nodeIds(), streamed.nodeIds());
        assertArrayEquals(spikes.timesMs(), streamed.timesMs());
    }

    /** Brian2's CUBA as a model file, smaller: it runs, prints its group and writes the spikes. */
    @Test
    void modelRunsAModelFile(@TempDir Path dir) throws IOException {
        String cuba = Files.readString(Path.of("models", "cuba.yaml")).replace("n: 4000", "n: 400")
                .replace("duration: 1000", "duration: 100").replace("P[0:3200]", "P[0:320]")
                .replace("P[3200:4000]", "P[320:400]").replace("p: 0.02", "p: 0.2");
        Path file = Files.writeString(dir.resolve("cuba.yaml"), cuba);
        Outcome o = execute("model", file.toString(), "--out", dir.resolve("out").toString());
        assertEquals(Cli.OK, o.exitCode(), o.err());
        assertTrue(o.out().contains("group P     N = 400, method exact"), o.out());
        assertTrue(Files.size(dir.resolve("out").resolve("P_spikes.csv")) > 0);
    }

    /**
     * A kinetic synapse from strings in a model file (bench/models/nmda.yaml, smaller): without NMDA each neuron fires
     * at the rate of its constant drive, the closed form of a LIF, period t_ref + τ·ln((V∞ − V_reset)/(V∞ − V_th))
     * with V∞ = E_L + R·I = −49.2 mV: 41.6 ms, 24.0 Hz; the recurrent NMDA summed onto the neurons' equations raises
     * it.
     */
    @Test
    void modelRunsAKineticSynapseFromStrings(@TempDir Path dir) throws IOException {
        // every neuron from the reset potential, so that without NMDA each fires at t_1 + k·T: 24 spikes in 1 s
        String nmda = Files.readString(Path.of("models", "nmda.yaml")).replace("n: 400", "n: 100")
                .replace("v: uniform(-70*mV, -50*mV)", "v: -55*mV").replace("p: 0.2", "p: 0.8");
        double[] rates = new double[2];
        for (int k = 0; k < 2; k++) {
            Path file = Files.writeString(dir.resolve("nmda" + k + ".yaml"),
                    k == 0 ? nmda.replace("weight: 1", "weight: 0") : nmda);
            Outcome o = execute("model", file.toString(), "--out", dir.resolve("out" + k).toString());
            assertEquals(Cli.OK, o.exitCode(), o.err());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("spikes, ([0-9.]+) Hz").matcher(o.out());
            assertTrue(m.find(), o.out());
            rates[k] = Double.parseDouble(m.group(1));
        }
        double closedForm = 1000 / (2 + 20 * Math.log((-49.2 + 55) / (-49.2 + 50)));
        assertEquals(closedForm, rates[0], 0.05 * closedForm, "without NMDA");
        assertTrue(rates[1] > 1.5 * rates[0], "NMDA raised the rate from " + rates[0] + " to " + rates[1] + " Hz");
    }

    /** A bad model file: one message that says where, exit code 2, no stack trace. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "groups: {P: {n: 10, equations: \"dv/dt = -v/tau : volt\", colour: red}};unknown key 'colour'",
        "groups: {P: {n: 10, equations: \"dv/dt = -v/tau : volt\"}};unknown name 'tau'",
        "groups: {P: {n: 10, equations: \"dv/dt = -v/(5*ms) : volt\", initial: {v: 3*nS}}};has unit S, v has unit V",
        "groups: {P: {n: 10}};'equations' is missing",
        "dt: fast;'dt' = fast: must be a number",
        "{groups: {P: {n: 10, equations: \"dv/dt = -v/(5*ms) : volt\"}}, synapses: {S: {source: Q, target: P,"
            + " on_pre: v += w, weight: 1}}};source = Q: must be a group",
        "{groups: {P: {n: 10, equations: \"dv/dt = -v/(5*ms) : volt\"}}, synapses: {S: {source: P, target: P,"
            + " model: \"dx/dt = -x/(2*ms) : 1\\nw : 1\\ng_post = w*x : 1 (summed)\", on_pre: x += 1, weight: 1}}}"
            + ";declare 'g' as a per-neuron parameter",
        "{groups: {P: {n: 10, equations: \"dv/dt = -v/(5*ms) : volt\"}}, synapses: {S: {source: P, target: P,"
            + " on_pre: v += w, method: euler, weight: 1}}};'method' belongs to a synapse with a 'model'"})
    void modelRefusesABadFileWithOneMessage(String yaml, String says, @TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), yaml);
        Outcome o = execute("model", file.toString(), "--out", dir.resolve("out").toString());
        assertEquals(Cli.USAGE, o.exitCode(), o.err());
        assertTrue(o.err().contains(says), o.err());
        assertFalse(o.err().contains("Exception"), "no stack trace: " + o.err());
    }

    @Test
    void aRelativeOutIsResolvedAgainstTheWorkingDirectory() {
        CommandLine line = Cli.commandLine(new RunNetwork());
        Path folder = Cli.writableFolder(line, Path.of("target", "relative-out-check"));
        assertEquals(Path.of("").toAbsolutePath().resolve("target/relative-out-check"), folder);
        assertTrue(Files.isDirectory(folder));
    }

    @Test
    void optionsTakeTheirValueAfterAnEqualsSign() {
        RunNetwork run = new RunNetwork();
        CommandLine line = Cli.commandLine(run);
        line.parseArgs("--network=cuba", "--n=800", "--threads=2", "--warmup=0");
        assertEquals(RunNetwork.Benchmark.CUBA, run.network);
        assertEquals(800, run.n);
        assertEquals(2, run.threads);
        assertEquals(0.0, run.warmupMs);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "examples", "validate", "latency", "longrun", "scaling", "compare", "run",
        "distributed", "model", "compare-stdp", "compare-brunel-wang", "compare-examples"})
    void everyCommandHasHelp(String command) {
        Outcome o = execute(command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"});
        assertEquals(Cli.OK, o.exitCode(), o.err());
        assertTrue(o.out().startsWith("Usage: snn" + (command.isEmpty() ? "" : " " + command)), o.out());
        assertTrue(o.err().isEmpty(), o.err());
    }
}
