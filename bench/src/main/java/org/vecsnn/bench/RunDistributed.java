package org.vecsnn.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vecsnn.bench.Cli.Range;
import org.vecsnn.core.Network;
import org.vecsnn.core.Population;
import org.vecsnn.core.monitor.SpikeMonitor;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.distributed.MpiJob;
import org.vecsnn.networks.BenchmarkNetworks;
import org.vecsnn.networks.Microcircuit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A benchmark network distributed over the ranks of an MPI job (Open MPI): every rank builds the synapses onto its
 * own neurons and steps them, and the spikes are all-gathered once per slice of the shortest delay; the spikes are
 * the same, step for step, as on one process. Rank 0 prints the summary (each rank's build and run time, time in the
 * exchange, synapses and peak memory) and writes the spikes. Started under {@code mpirun}, or with {@code --ranks N}
 * it starts {@code mpirun} itself.
 */
@Command(name = "distributed",
        description = {"Runs a benchmark network over MPI processes: mpirun -np 2 ./snn distributed --network"
                + " microcircuit, or ./snn distributed --ranks 2 --network microcircuit (which starts mpirun). Needs"
                + " Open MPI (Debian: openmpi-bin, libopenmpi-dev); the library is libmpi.so.40 unless SNN_MPI_LIB"
                + " names another. Spikes are identical for any number of processes and threads."})
final class RunDistributed implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--ranks", paramLabel = "N", description = "start mpirun with N processes (oversubscribed,"
            + " unbound) running this command; without it, run as one rank of the MPI job this process is in")
    @Range(min = 1, max = 1_000_000)
    Integer ranks;

    @Option(names = "--network", paramLabel = "NAME", description = "COBA (default), CUBA, COBAHH or MICROCIRCUIT")
    RunNetwork.Benchmark network = RunNetwork.Benchmark.COBA;

    @Option(names = "--n", paramLabel = "N", description = "COBA, CUBA, COBAHH: number of neurons (default"
            + " ${DEFAULT-VALUE})")
    @Range(min = 5)
    int n = 4000;

    @Option(names = "--scale", paramLabel = "S", description = "microcircuit: scale, 0.01 … 1 (default"
            + " ${DEFAULT-VALUE})")
    @Range(min = 0.01, max = 1)
    double scale = 1;

    @Option(names = "--drive", paramLabel = "D", description = "microcircuit: DC (default) or POISSON external input")
    Microcircuit.Drive drive = Microcircuit.Drive.DC;

    @Option(names = "--duration", paramLabel = "MS", description = "biological time to simulate in ms (default"
            + " ${DEFAULT-VALUE})")
    @Range(min = 0, minExclusive = true)
    double durationMs = 1000;

    @Option(names = "--warmup", paramLabel = "MS", description = "biological time first simulated on the network"
            + " itself and not timed, to warm up the JIT (default ${DEFAULT-VALUE}); its spikes are recorded too")
    @Range(min = 0)
    double warmupMs = 0;

    @Option(names = "--dt", paramLabel = "MS", description = "time step in ms (default ${DEFAULT-VALUE})")
    @Range(min = 0, max = 10, minExclusive = true)
    double dt = 0.1;

    @Option(names = "--seed", paramLabel = "S", description = "seed of connectivity and initial state (default"
            + " ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--threads", paramLabel = "T", description = "threads per process, 1 … 1024 (default"
            + " ${DEFAULT-VALUE})")
    @Range(min = 1, max = 1024)
    int threads = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "rank 0 writes each population's spikes there as"
            + " spikes-POPULATION.csv (default ${DEFAULT-VALUE})")
    Path out = Path.of("out");

    @Override
    public Integer call() throws IOException, InterruptedException {
        CommandLine line = spec.commandLine();
        RunNetwork.refuseOptionsForOtherNetworks(line, network);
        Path folder = Cli.writableFolder(line, out);
        if (ranks != null) {
            if (System.getenv("OMPI_COMM_WORLD_SIZE") != null) {
                throw new ParameterException(line, "--ranks = " + ranks + ": this process is a rank of an MPI job"
                        + " already (started by mpirun); give --ranks without mpirun, or mpirun without --ranks");
            }
            return launch(line);
        }
        return MpiJob.execute(job -> {
            Network net = job.build(parameters(), this::build);
            net.threads(threads);
            List<SpikeMonitor> monitors = new ArrayList<>();
            for (Population p : net.populations()) {
                monitors.add(net.addMonitor(new SpikeMonitor(p)));
            }
            job.checkSameNetwork(net, parameters());
            if (warmupMs > 0) {
                job.run(net, warmupMs);
            }
            MpiJob.Summary summary = job.run(net, durationMs);
            net.close();
            if (job.rank() == 0) {
                System.out.printf(Locale.ROOT, "network      %s, dt = %s ms, %s%n", parameters(), dt,
                        net.kernels().name());
                summary.print(System.out);
                for (SpikeMonitor m : monitors) {
                    Population p = m.population();
                    Path file = folder.resolve("spikes-" + p.name() + ".csv");
                    m.writeCsv(file);
                    System.out.printf(Locale.ROOT, "%-12s %d spikes, %.2f Hz, written to %s%n", p.name(), m.count(),
                            m.meanRate(0, p.size(), warmupMs + durationMs), file);
                }
            }
        });
    }

    private Network build() {
        return network == RunNetwork.Benchmark.MICROCIRCUIT
                ? Microcircuit.build(scale, dt, seed, KernelProvider.get(), drive).network()
                : BenchmarkNetworks.byName(network.key(), n, dt, seed, KernelProvider.get()).network();
    }

    /** The options that shape the run (not the thread count, which does not change it). */
    private String parameters() {
        return network.key() + (network == RunNetwork.Benchmark.MICROCIRCUIT ? " scale " + scale + " drive " + drive
                : " N = " + n) + ", seed " + seed + ", warm-up " + warmupMs + " ms, duration " + durationMs + " ms";
    }

    /**
     * Starts {@code mpirun -np N} running this JVM's command with the same options less {@code --ranks}, and waits
     * for it; its exit code is this command's.
     */
    private int launch(CommandLine line) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mpirun", "-np", Integer.toString(ranks), "--oversubscribe",
                "--bind-to", "none"));
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RunNetwork.class.getName()));
        List<String> args = line.getParseResult().originalArgs();
        // this sub-command's options, without --ranks and its value
        command.add(spec.name());
        boolean skip = false;
        for (String a : args.subList(args.indexOf(spec.name()) + 1, args.size())) {
            if (skip) {
                skip = false;
            } else if (a.equals("--ranks")) {
                skip = true;
            } else if (!a.startsWith("--ranks=")) {
                command.add(a);
            }
        }
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new IOException("cannot start mpirun (" + e.getMessage() + "): install Open MPI (Debian:"
                    + " apt-get install openmpi-bin libopenmpi-dev)", e);
        }
    }
}
