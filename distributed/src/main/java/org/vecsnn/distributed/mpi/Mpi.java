package org.vecsnn.distributed.mpi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * The few calls of Open MPI's C library that a distributed run needs, bound through {@code java.lang.foreign}:
 * start and end, rank and size, barrier, all-gather, all-to-all and abort, on {@code MPI_COMM_WORLD}. Supported: Open MPI
 * ({@code libmpi.so.40}; tested with 4.1.4), whose handles ({@code MPI_COMM_WORLD}, datatypes, error handlers) are
 * the addresses of global symbols such as {@code ompi_mpi_comm_world}; MPICH's integer handles are not. Every call is checked: MPI's error handler is set to return codes ({@code MPI_ERRORS_RETURN}), and a code
 * other than {@code MPI_SUCCESS} becomes an {@link MpiException} naming the call, the code and MPI's text for it.
 *
 * <p>MPI is started with {@code MPI_THREAD_FUNNELED}: only the thread that started it calls MPI (the network's
 * thread 0, the one that runs it). One instance per process: MPI cannot start twice.
 */
public final class Mpi implements AutoCloseable {
    /** The library loaded when neither the option nor the variable names one. */
    public static final String DEFAULT_LIBRARY = "libmpi.so.40";
    /** The environment variable and the system property that name the library (a file name or a path). */
    public static final String LIBRARY_VARIABLE = "SNN_MPI_LIB";
    public static final String LIBRARY_PROPERTY = "vecsnn.mpi.lib";

    private static final int MPI_SUCCESS = 0;
    private static final int MPI_THREAD_FUNNELED = 1;
    /** Open MPI's MPI_MAX_ERROR_STRING. */
    private static final int MAX_ERROR_STRING = 256;
    /** dlopen's flags on Linux: resolve now, and make the symbols global for the components Open MPI opens. */
    private static final int RTLD_NOW_GLOBAL = 0x002 | 0x100;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout PTR = ValueLayout.ADDRESS;

    private static boolean started;

    private final String library;
    private final MemorySegment world;
    private final MemorySegment intType;
    private final MemorySegment longType;
    private final MethodHandle commRank;
    private final MethodHandle commSize;
    private final MethodHandle barrier;
    private final MethodHandle allgather;
    private final MethodHandle alltoallv;
    private final MethodHandle abort;
    private final MethodHandle finalizeCall;
    private final MethodHandle errorString;
    private final int rank;
    private final int size;
    /** Native buffers for the collectives, grown as needed (freed by the GC with their arena). */
    private MemorySegment sendBuffer = MemorySegment.NULL;
    private MemorySegment receiveBuffer = MemorySegment.NULL;
    private boolean finalized;

    /** The library named by {@link #LIBRARY_PROPERTY}, else {@link #LIBRARY_VARIABLE}, else the default. */
    public static String libraryName() {
        String property = System.getProperty(LIBRARY_PROPERTY);
        if (property != null && !property.isBlank()) {
            return property;
        }
        String variable = System.getenv(LIBRARY_VARIABLE);
        return variable != null && !variable.isBlank() ? variable : DEFAULT_LIBRARY;
    }

    /**
     * Loads the library and starts MPI ({@code MPI_Init_thread}, funneled), with errors returned as codes.
     *
     * @throws IllegalStateException if the library cannot be loaded (naming it and the packages to install), if MPI
     *     is started already in this process, or if it grants less than funneled threads
     */
    public static synchronized Mpi start(String library) {
        if (started) {
            throw new IllegalStateException("MPI is started already in this process: it starts once");
        }
        Mpi mpi = new Mpi(library);
        started = true;
        return mpi;
    }

    private Mpi(String library) {
        this.library = library;
        Linker linker = Linker.nativeLinker();
        loadGlobal(linker, library);
        SymbolLookup lookup = SymbolLookup.libraryLookup(library, Arena.global());
        this.world = symbol(lookup, "ompi_mpi_comm_world");
        this.intType = symbol(lookup, "ompi_mpi_int");
        this.longType = symbol(lookup, "ompi_mpi_long_long_int");
        MemorySegment errorsReturn = symbol(lookup, "ompi_mpi_errors_return");
        MethodHandle initThread = function(linker, lookup, "MPI_Init_thread", PTR, PTR, INT, PTR);
        this.commRank = function(linker, lookup, "MPI_Comm_rank", PTR, PTR);
        this.commSize = function(linker, lookup, "MPI_Comm_size", PTR, PTR);
        this.barrier = function(linker, lookup, "MPI_Barrier", PTR);
        this.allgather = function(linker, lookup, "MPI_Allgather", PTR, INT, PTR, PTR, INT, PTR, PTR);
        this.alltoallv = function(linker, lookup, "MPI_Alltoallv", PTR, PTR, PTR, PTR, PTR, PTR, PTR, PTR, PTR);
        this.abort = function(linker, lookup, "MPI_Abort", PTR, INT);
        this.finalizeCall = function(linker, lookup, "MPI_Finalize");
        this.errorString = function(linker, lookup, "MPI_Error_string", INT, PTR, PTR);
        MethodHandle setErrhandler = function(linker, lookup, "MPI_Comm_set_errhandler", PTR, PTR);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment provided = arena.allocate(INT);
            check("MPI_Init_thread", (int) invoke(initThread, MemorySegment.NULL, MemorySegment.NULL,
                    MPI_THREAD_FUNNELED, provided));
            if (provided.get(INT, 0) < MPI_THREAD_FUNNELED) {
                throw new IllegalStateException("MPI_Init_thread granted thread level " + provided.get(INT, 0)
                        + ": must be at least MPI_THREAD_FUNNELED (1), since the network's other threads run"
                        + " between the calls of the thread that calls MPI");
            }
            check("MPI_Comm_set_errhandler", (int) invoke(setErrhandler, world, errorsReturn));
            MemorySegment value = arena.allocate(INT);
            check("MPI_Comm_rank", (int) invoke(commRank, world, value));
            this.rank = value.get(INT, 0);
            check("MPI_Comm_size", (int) invoke(commSize, world, value));
            this.size = value.get(INT, 0);
        }
    }

    /**
     * Opens the library with global symbols before Java's lookup opens it again (the same handle): Open MPI opens
     * its components with {@code dlopen}, and they resolve libmpi's symbols only if those are global.
     */
    private static void loadGlobal(Linker linker, String library) {
        SymbolLookup libc = linker.defaultLookup();
        MethodHandle dlopen = linker.downcallHandle(libc.find("dlopen").orElseThrow(),
                FunctionDescriptor.of(PTR, PTR, INT));
        MethodHandle dlerror = linker.downcallHandle(libc.find("dlerror").orElseThrow(), FunctionDescriptor.of(PTR));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment handle = (MemorySegment) invoke(dlopen, arena.allocateFrom(library), RTLD_NOW_GLOBAL);
            if (handle.equals(MemorySegment.NULL)) {
                MemorySegment error = (MemorySegment) invoke(dlerror);
                String why = error.equals(MemorySegment.NULL) ? "no reason given"
                        : error.reinterpret(4096).getString(0, StandardCharsets.UTF_8);
                throw new IllegalStateException("cannot load the MPI library '" + library + "' (" + why + "): install"
                        + " Open MPI (Debian: apt-get install openmpi-bin libopenmpi-dev), or name the library with"
                        + " -D" + LIBRARY_PROPERTY + "=... or " + LIBRARY_VARIABLE + "=... (default "
                        + DEFAULT_LIBRARY + ")");
            }
        }
    }

    private MemorySegment symbol(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalStateException("the MPI library '" + library
                + "' has no symbol " + name + ": must be Open MPI's libmpi.so.40 (MPICH's handles are integers,"
                + " not symbols, and are not supported)"));
    }

    private MethodHandle function(Linker linker, SymbolLookup lookup, String name, ValueLayout... arguments) {
        return linker.downcallHandle(symbol(lookup, name), FunctionDescriptor.of(INT, arguments));
    }

    private static Object invoke(MethodHandle handle, Object... arguments) {
        try {
            return handle.invokeWithArguments(arguments);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Throws an {@link MpiException} naming {@code call}, the code and MPI's text for it, unless it is success. */
    private void check(String call, int code) {
        if (code == MPI_SUCCESS) {
            return;
        }
        String text;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment string = arena.allocate(MAX_ERROR_STRING);
            MemorySegment length = arena.allocate(INT);
            text = (int) invoke(errorString, code, string, length) == MPI_SUCCESS
                    ? string.getString(0, StandardCharsets.US_ASCII) : "no text for the code";
        }
        throw new MpiException(call, code, text);
    }

    public int rank() {
        return rank;
    }

    public int size() {
        return size;
    }

    public String library() {
        return library;
    }

    /** {@code MPI_Barrier}. */
    public void barrier() {
        check("MPI_Barrier", (int) invoke(barrier, world));
    }

    /** {@code MPI_Allgather} of ints: {@code send[0, perProcess)} of rank r into {@code receive[r·perProcess, …)}. */
    public void allgather(int[] send, int[] receive, int perProcess) {
        long bytes = 4L * perProcess;
        if (send.length < perProcess || receive.length < perProcess * (long) size) {
            throw new IllegalArgumentException("all-gather of " + perProcess + " ints from each of " + size
                    + " ranks: send holds " + send.length + ", receive " + receive.length);
        }
        MemorySegment out = sendBuffer(bytes);
        MemorySegment in = receiveBuffer(bytes * size);
        MemorySegment.copy(send, 0, out, INT, 0, perProcess);
        int code;
        try { // exact: the exchange calls this once per slice
            code = (int) allgather.invokeExact(out, perProcess, intType, in, perProcess, intType, world);
        } catch (Throwable e) {
            throw new IllegalStateException("MPI_Allgather failed in its call", e);
        }
        check("MPI_Allgather", code);
        MemorySegment.copy(in, INT, 0, receive, 0, perProcess * size);
    }

    /** {@code MPI_Allgather} of longs: one from each rank, in rank order. */
    public long[] allgather(long value) {
        MemorySegment out = sendBuffer(8);
        MemorySegment in = receiveBuffer(8L * size);
        out.set(ValueLayout.JAVA_LONG, 0, value);
        check("MPI_Allgather", (int) invoke(allgather, out, 1, longType, in, 1, longType, world));
        return in.asSlice(0, 8L * size).toArray(ValueLayout.JAVA_LONG);
    }

    /**
     * {@code MPI_Alltoallv} of ints: {@code sendCounts[q]} ints to rank q (blocks in rank order in {@code send}),
     * {@code receiveCounts[q]} from it (into {@code receive}, in rank order). Its buffers live only for the call:
     * it moves a network's synapses while it is built, not every step.
     */
    public void alltoallv(int[] send, int[] sendCounts, int[] receive, int[] receiveCounts) {
        if (sendCounts.length != size || receiveCounts.length != size) {
            throw new IllegalArgumentException("all-to-all over " + size + " ranks: " + sendCounts.length
                    + " send counts and " + receiveCounts.length + " receive counts given");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(Math.max(1, 4L * send.length), 8);
            MemorySegment in = arena.allocate(Math.max(1, 4L * receive.length), 8);
            MemorySegment.copy(send, 0, out, INT, 0, send.length);
            check("MPI_Alltoallv", (int) invoke(alltoallv, out, arena.allocateFrom(INT, sendCounts),
                    arena.allocateFrom(INT, displacements(sendCounts, send.length)), intType, in,
                    arena.allocateFrom(INT, receiveCounts),
                    arena.allocateFrom(INT, displacements(receiveCounts, receive.length)), intType, world));
            MemorySegment.copy(in, INT, 0, receive, 0, receive.length);
        }
    }

    /** Where each rank's block starts: the counts' running sums, checked to fit {@code length} ints. */
    private static int[] displacements(int[] counts, int length) {
        int[] at = new int[counts.length];
        long next = 0;
        for (int q = 0; q < counts.length; q++) {
            at[q] = (int) next;
            next += counts[q];
        }
        if (next > length) {
            throw new IllegalArgumentException("all-to-all blocks of " + next + " ints in total: the buffer holds "
                    + length);
        }
        return at;
    }

    private MemorySegment sendBuffer(long bytes) {
        if (sendBuffer.byteSize() < bytes) {
            sendBuffer = Arena.ofAuto().allocate(Math.max(bytes, 2 * sendBuffer.byteSize()), 8);
        }
        return sendBuffer;
    }

    private MemorySegment receiveBuffer(long bytes) {
        if (receiveBuffer.byteSize() < bytes) {
            receiveBuffer = Arena.ofAuto().allocate(Math.max(bytes, 2 * receiveBuffer.byteSize()), 8);
        }
        return receiveBuffer;
    }

    /**
     * {@code MPI_Abort}: ends every rank of the job with {@code code} (mpirun stops the others); does not return
     * when MPI honours it.
     */
    public void abort(int code) {
        invoke(abort, world, code);
    }

    /** {@code MPI_Finalize}, once; every rank must call it. */
    @Override
    public void close() {
        if (!finalized) {
            finalized = true;
            check("MPI_Finalize", (int) invoke(finalizeCall));
        }
    }
}
