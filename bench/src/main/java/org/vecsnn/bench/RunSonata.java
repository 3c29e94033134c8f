package org.vecsnn.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vecsnn.bench.Cli.Range;
import org.vecsnn.core.Network;
import org.vecsnn.core.simd.KernelProvider;
import org.vecsnn.sonata.SonataSimulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs a SONATA simulation_config.json and writes its SONATA spike report. */
@Command(name = "run",
        description = "Runs the simulation a SONATA simulation_config.json describes (circuit, run time, dt, inputs)"
                + " and writes the spikes of every neuron population as a SONATA spike report (HDF5).")
final class RunSonata implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CONFIG", description = "the simulation_config.json")
    Path config;

    @Option(names = "--threads", paramLabel = "T", description = "threads to step on, 1 … 1024 (default 1)")
    @Range(min = 1, max = 1024)
    int threads = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "folder of the spike report (default: the"
            + " configuration's output.output_dir)")
    Path out;

    @Option(names = "--stream", description = "stream the spikes to disk during the run and write the report from"
            + " there at its end, so that memory stays flat over long runs (default: in memory)")
    boolean stream;

    @Override
    public Integer call() throws IOException {
        Path folder = out == null ? null : Cli.writableFolder(spec.commandLine(), out); // before the long load
        long start = System.nanoTime();
        SonataSimulation simulation = SonataSimulation.load(config.toAbsolutePath(), KernelProvider.get());
        simulation.reportInto(folder != null ? folder
                : Cli.writableFolder(spec.commandLine(), simulation.report().getParent()));
        Network network = simulation.network().threads(threads);
        double load = (System.nanoTime() - start) * 1e-9;
        System.out.printf(Locale.ROOT, "network      %d populations, %d synapses, dt = %s ms%n",
                network.populations().size(), network.synapseCount(), network.dt());
        System.out.printf(Locale.ROOT, "load         %.3f s%n", load);
        start = System.nanoTime();
        long spikes = simulation.run(stream ? SonataSimulation.Recording.STREAM : SonataSimulation.Recording.MEMORY);
        double wall = (System.nanoTime() - start) * 1e-9;
        System.out.printf(Locale.ROOT, "simulation   %.3f s wall for %s ms biological, report included%n", wall,
                simulation.tstop());
        System.out.printf(Locale.ROOT, "spikes       %d%n", spikes);
        System.out.println("report       " + simulation.report());
        return Cli.OK;
    }
}
