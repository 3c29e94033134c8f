package org.vecsnn.distributed;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;
import org.vecsnn.core.Checkpoint;
import org.vecsnn.core.Network;
import org.vecsnn.core.ProcessGroup;
import org.vecsnn.core.ProgressListener;
import org.vecsnn.distributed.mpi.Mpi;

/**
 * One rank's part of an MPI job that runs a network distributed over every rank of {@code MPI_COMM_WORLD}: it
 * builds the rank's share of the network ({@link #build}), checks that every rank built the same one
 * ({@link #checkSameNetwork}), runs it and gathers each rank's times and sizes ({@link #run}), and saves and
 * loads checkpoints per rank ({@link #save}, {@link #load}). Start it with
 * {@link #execute}, which stops the whole job with {@code MPI_Abort} when any rank fails, so that no rank waits
 * forever in a collective for one that is gone.
 */
public final class MpiJob {
    /** A rank's work: gets the job, throws to stop every rank. */
    @FunctionalInterface
    public interface Work {
        void run(MpiJob job) throws Exception;
    }

    private final Mpi mpi;
    private final MpiGroup group;
    private double buildSeconds;
    /** Seconds and bytes of the all-to-alls that moved synapses while this rank built. */
    private double synapseMoveSeconds;
    private long synapseMoveBytes;

    private MpiJob(Mpi mpi) {
        this.mpi = mpi;
        this.group = new MpiGroup(mpi);
    }

    /**
     * Starts MPI (the library of {@link Mpi#libraryName()}), runs {@code work} on this rank and ends MPI. A failure
     * on this rank is printed on standard error, naming the rank, and ends every rank of the job through
     * {@code MPI_Abort}; a rank that dies without it (killed) is noticed by {@code mpirun}, which ends the others.
     *
     * @return the exit code: 0 done, 1 failed (when MPI did not end the process already)
     */
    public static int execute(Work work) {
        Mpi mpi;
        try {
            mpi = Mpi.start(Mpi.libraryName());
        } catch (RuntimeException e) {
            System.err.println("MPI did not start: " + e.getMessage());
            return 1;
        }
        try {
            work.run(new MpiJob(mpi));
            mpi.close();
            return 0;
        } catch (Throwable e) {
            System.err.println("rank " + mpi.rank() + " of " + mpi.size() + " failed: " + e
                    + "; stopping every rank (MPI_Abort)");
            e.printStackTrace();
            System.err.flush();
            mpi.abort(1);
            return 1;
        }
    }

    public int rank() {
        return mpi.rank();
    }

    public int ranks() {
        return mpi.size();
    }

    /** The ranks as the engine's process group. */
    public ProcessGroup group() {
        return group;
    }

    /**
     * Builds this rank's share of a network ({@link ProcessGroup#build}), timing it. First every rank checks that
     * all of them build with the same {@code parameters} (the options that shape the network) and the same version:
     * the ranks exchange synapses while they build, so ranks building different networks must stop before.
     *
     * @throws IllegalStateException on every rank if any rank's parameters or version differ
     */
    public <T> T build(String parameters, Supplier<T> build) {
        agree(parameters, "is to build");
        long start = System.nanoTime();
        T built = ProcessGroup.build(group, build);
        buildSeconds = (System.nanoTime() - start) * 1e-9;
        synapseMoveSeconds = group.alltoallSeconds();
        synapseMoveBytes = group.alltoallBytes();
        return built;
    }

    /**
     * Checks that every rank built the same network with the same parameters and the same version of vecsnn: a
     * digest of the version, {@code parameters} (the options that shape the run, not the thread count) and the
     * model ({@link Checkpoint#model}: populations, models, parameters, projections, inputs, monitors) is
     * all-gathered; a rank whose digest differs from rank 0's is named on every rank, which then stops.
     *
     * @throws IllegalStateException on every rank if any rank's digest differs
     */
    public void checkSameNetwork(Network network, String parameters) {
        StringBuilder text = new StringBuilder(parameters).append('\n');
        for (String[] entry : Checkpoint.model(network)) {
            text.append(entry[0]).append(" = ").append(entry[1]).append('\n');
        }
        agree(text.toString(), "built");
    }

    /**
     * All-gathers a digest of the version and {@code text}; a rank whose digest differs from rank 0's is named on
     * every rank, which then stops ("rank q {@code verb} a different network from rank 0's").
     */
    private void agree(String text, String verb) {
        String version = version();
        long digest;
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest((version + '\n' + text)
                    .getBytes(StandardCharsets.UTF_8));
            digest = java.nio.ByteBuffer.wrap(sha).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
        long[] all = mpi.allgather(digest);
        for (int q = 1; q < all.length; q++) {
            if (all[q] != all[0]) {
                throw new IllegalStateException("rank " + q + " " + verb + " a different network from rank 0's"
                        + " (digest " + HexFormat.of().toHexDigits(all[q]) + " against "
                        + HexFormat.of().toHexDigits(all[0]) + "): every rank must run the same vecsnn version with"
                        + " the same parameters; this rank (" + rank() + ") runs " + version + " with "
                        + text.lines().findFirst().orElse(""));
            }
        }
    }

    /**
     * Saves this rank's checkpoint ({@link Checkpoint#save}) as {@code folder/rank-R-of-N.ckpt}; every rank saves its
     * own (its neurons' state, the synapses it holds, its monitors), between steps, and then waits for the others.
     */
    public void save(Network network, Path folder) throws IOException {
        Files.createDirectories(folder);
        Checkpoint.save(network, folder.resolve(checkpointName(rank(), ranks())));
        mpi.barrier(); // the folder holds every rank's file once any rank goes on
    }

    /**
     * Loads this rank's checkpoint saved by {@link #save} on as many ranks (bit-exact resumption). A checkpoint of
     * another number of ranks is refused, naming the number it was saved on: each rank's file holds the synapses
     * onto that rank's neurons, which another partition does not match.
     *
     * @throws IOException if the file is missing, damaged or of another network (see {@link Checkpoint#load})
     */
    public void load(Network network, Path folder) throws IOException {
        Path file = folder.resolve(checkpointName(rank(), ranks()));
        if (!Files.exists(file)) {
            String saved;
            try (var files = Files.list(folder)) {
                saved = files.map(f -> f.getFileName().toString()).filter(f -> f.matches("rank-\\d+-of-\\d+\\.ckpt"))
                        .map(f -> f.replaceAll("rank-\\d+-of-(\\d+)\\.ckpt", "$1")).distinct().sorted()
                        .reduce((a, b) -> a + ", " + b).orElse("none");
            } catch (IOException e) {
                saved = "unreadable (" + e.getMessage() + ")";
            }
            throw new IOException("no checkpoint " + file + " for rank " + rank() + " of " + ranks() + ": the folder"
                    + " holds checkpoints saved on " + saved + " rank(s); resume on the number of ranks it was"
                    + " saved on");
        }
        Checkpoint.load(network, file);
        mpi.barrier();
    }

    private static String checkpointName(int rank, int ranks) {
        return "rank-" + rank + "-of-" + ranks + ".ckpt";
    }

    /** The version from the jar's manifest, or a note that the classes do not come from a built jar. */
    static String version() {
        String v = MpiJob.class.getPackage().getImplementationVersion();
        return "vecsnn " + (v == null ? "(classes outside a jar)" : v);
    }

    /**
     * What a run took on every rank, in rank order: build wall seconds, of them the seconds in the all-to-alls that
     * moved synapses to their targets' ranks and the bytes received, run wall seconds, seconds in the spike exchange's
     * all-gathers (including the wait for the slowest rank), all-gathers, the synapses each rank holds, the heap in
     * use after a full collection at the end of the run, and its peak resident memory in bytes.
     */
    public record Summary(int threads, int stepsPerExchange, double biologicalSeconds, double[] buildSeconds,
                          double[] synapseMoveSeconds, long[] synapseMoveBytes, double[] runSeconds, double[] exchangeSeconds, long[] gathers, long[] gatheredBytes,
                          long[] synapses, long[] heapBytes, long[] peakResidentBytes) {

        /** Prints the summary (rank 0 does, once). */
        public void print(PrintStream out) {
            int ranks = runSeconds.length;
            long total = java.util.Arrays.stream(synapses).sum();
            out.printf(Locale.ROOT, "processes    %d × %d thread(s), spikes exchanged every %d step(s)%n", ranks,
                    threads, stepsPerExchange);
            out.printf(Locale.ROOT, "synapses     %d in all, %d … %d per process%n", total,
                    java.util.Arrays.stream(synapses).min().orElse(0), java.util.Arrays.stream(synapses).max()
                            .orElse(0));
            out.printf(Locale.ROOT, "%-5s %9s %8s %8s %9s %12s %11s %10s %14s %9s %9s%n", "rank", "build s",
                    "move s", "move MB", "run s", "wall s/bio s", "exchange s", "exchanges", "µs/exchange", "heap MB",
                    "peak MB");
            for (int q = 0; q < ranks; q++) {
                out.printf(Locale.ROOT, "%-5d %9.3f %8.3f %8.1f %9.3f %12.4f %11.4f %10d %14.2f %9.0f %9.0f%n", q,
                        buildSeconds[q], synapseMoveSeconds[q], synapseMoveBytes[q] / 1e6, runSeconds[q], runSeconds[q] / biologicalSeconds, exchangeSeconds[q],
                        gathers[q], gathers[q] == 0 ? 0 : exchangeSeconds[q] * 1e6 / gathers[q], heapBytes[q] / 1e6,
                        peakResidentBytes[q] / 1e6);
            }
            out.printf(Locale.ROOT, "exchanged    %.1f bytes per exchange received by each process%n",
                    gathers[0] == 0 ? 0 : gatheredBytes[0] / (double) gathers[0]);
        }
    }

    /**
     * Runs {@code durationMs} of the network on this rank (every rank must) and gathers what it took on every
     * rank. Progress is reported on rank 0 alone.
     */
    public Summary run(Network network, double durationMs) {
        long gathers0 = group.gathers();
        double exchange0 = group.gatherSeconds();
        long bytes0 = group.gatheredBytes();
        mpi.barrier(); // every rank starts the timed run together
        long start = System.nanoTime();
        network.run(durationMs, rank() == 0 ? ProgressListener.stderr(5.0) : ProgressListener.SILENT);
        double runSeconds = (System.nanoTime() - start) * 1e-9;
        double exchange = group.gatherSeconds() - exchange0;
        long gathers = group.gathers() - gathers0;
        long bytes = group.gatheredBytes() - bytes0;
        System.gc(); // the heap the network and its recordings keep, not what the collector has yet to free
        Runtime runtime = Runtime.getRuntime();
        long heap = runtime.totalMemory() - runtime.freeMemory();
        return new Summary(network.threads(), network.stepsPerExchange(), durationMs * 1e-3,
                doubles(mpi.allgather(Double.doubleToRawLongBits(buildSeconds))),
                doubles(mpi.allgather(Double.doubleToRawLongBits(synapseMoveSeconds))), mpi.allgather(synapseMoveBytes),
                doubles(mpi.allgather(Double.doubleToRawLongBits(runSeconds))),
                doubles(mpi.allgather(Double.doubleToRawLongBits(exchange))), mpi.allgather(gathers),
                mpi.allgather(bytes), mpi.allgather(network.synapseCount()), mpi.allgather(heap),
                mpi.allgather(peakResidentBytes()));
    }

    private static double[] doubles(long[] bits) {
        double[] d = new double[bits.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = Double.longBitsToDouble(bits[i]);
        }
        return d;
    }

    /** This process's peak resident memory (Linux: VmHWM of /proc/self/status), or -1 where unknown. */
    static long peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
