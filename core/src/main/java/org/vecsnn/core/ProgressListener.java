package org.vecsnn.core;

/** Told how a {@link Network#run(double, ProgressListener)} advances. */
@FunctionalInterface
public interface ProgressListener {
    /**
     * @param done steps simulated so far in this run
     * @param total steps of this run
     * @param elapsedSeconds wall time since the run started
     */
    void progress(long done, long total, double elapsedSeconds);

    /** Says nothing. */
    ProgressListener SILENT = (done, total, elapsed) -> {};

    /**
     * Prints a line to standard error at most every {@code intervalSeconds} of wall time, starting only once that
     * much time has passed, so that short runs stay quiet; the run's end is always printed if anything was.
     */
    static ProgressListener stderr(double intervalSeconds) {
        return new ProgressListener() {
            private double next = intervalSeconds;
            private boolean spoke;

            @Override
            public void progress(long done, long total, double elapsed) {
                boolean last = done == total;
                if (elapsed >= next || (last && spoke)) {
                    double eta = done == 0 ? 0 : elapsed * (total - done) / done;
                    System.err.printf("vecsnn: %5.1f%%  step %d of %d  %.1f s elapsed  %.1f s left%n",
                            100.0 * done / total, done, total, elapsed, eta);
                    next = elapsed + intervalSeconds;
                    spoke = true;
                }
            }
        };
    }
}
