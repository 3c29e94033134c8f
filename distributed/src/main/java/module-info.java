/**
 * vecsnn networks distributed over processes: a binding to Open MPI's C library through {@code java.lang.foreign}
 * ({@code org.vecsnn.distributed.mpi}) and the driver that runs a network on every rank of an MPI job. A module of
 * its own because it needs native access to a system library, which the core must not need.
 */
module org.vecsnn.distributed {
    requires org.vecsnn.core;

    exports org.vecsnn.distributed;
    exports org.vecsnn.distributed.mpi;
}
