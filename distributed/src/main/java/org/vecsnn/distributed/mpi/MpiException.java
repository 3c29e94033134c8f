package org.vecsnn.distributed.mpi;

/** An MPI call that returned an error code: names the call, the code and MPI's text for it. */
public final class MpiException extends RuntimeException {
    private final int code;

    MpiException(String call, int code, String text) {
        super(call + " returned error code " + code + " (" + text + ")");
        this.code = code;
    }

    /** MPI's error code. */
    public int code() {
        return code;
    }
}
