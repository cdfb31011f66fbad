package org.clusterio.io;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one kind of operation of a site did since the site started: how many calls returned or threw, how many of
 * them failed in the storage ({@link org.clusterio.api.IOBackendException}), and the time all of them took, so that
 * a rate and a mean latency can be derived. Adders, not locks: every call on the serving path updates them.
 */
public final class OperationStatistics {

    private final LongAdder operations = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder nanoseconds = new LongAdder();

    /** @return the calls made, failed or not */
    public long operations() {
        return operations.sum();
    }

    /** @return the calls the storage failed (unreachable, refusing, timed out); a file not found is no error */
    public long errors() {
        return errors.sum();
    }

    /** @return the time the calls took, in nanoseconds */
    public long nanoseconds() {
        return nanoseconds.sum();
    }

    void record(long startNanos, boolean failed) {
        nanoseconds.add(System.nanoTime() - startNanos);
        operations.increment();
        if (failed) {
            errors.increment();
        }
    }
}
