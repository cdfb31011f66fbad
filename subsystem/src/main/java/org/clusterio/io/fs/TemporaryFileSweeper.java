package org.clusterio.io.fs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link TemporaryFileSweep} of a store on a thread of its own: once right after the store starts, then every
 * {@link #interval(Duration) interval}, until {@link #close()}. Each pass walks the store's real root, following no
 * link below it: a site directory that a link leads elsewhere is no part of the store.
 *
 * <p>Thread-safe.</p>
 */
final class TemporaryFileSweeper implements AutoCloseable {

    /** Sweeps of a store with a short maximum age still leave its file system alone for this long between passes. */
    static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    /** A long maximum age still sweeps this often, so that the leftovers of a crash are gone within a bounded time. */
    static final Duration MAX_INTERVAL = Duration.ofHours(1);

    private final String handler;
    private final Path root;
    private final Duration maxAge;
    private final ScheduledExecutorService executor;
    private volatile Thread worker;

    TemporaryFileSweeper(String handler, Path root, Duration maxAge) {
        this.handler = handler;
        this.root = root;
        this.maxAge = maxAge;
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "cluster-io temporary file sweep of " + handler);
            thread.setDaemon(true); // never holds up a JVM that is going down: a sweep interrupted is finished by the next
            worker = thread;
            return thread;
        });
        long period = interval(maxAge).toMillis();
        executor.scheduleWithFixedDelay(this::sweepAll, 0, period, TimeUnit.MILLISECONDS);
    }

    /** Half the maximum age (a leftover lives at most 1.5 times the maximum age), within [1 minute, 1 hour]. */
    static Duration interval(Duration maxAge) {
        Duration half = maxAge.dividedBy(2);
        return half.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : half.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : half;
    }

    private void sweepAll() {
        TemporaryFileSweep.sweep(handler, root, maxAge);
    }

    /**
     * Stops the passes: one that is running is interrupted and ends at its next directory. Returns once the sweep's
     * thread has ended (or after 10 seconds, if a file system call hangs, as on an NFS server that went away).
     */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (executor.awaitTermination(10, TimeUnit.SECONDS) && worker != null) {
                worker.join(TimeUnit.SECONDS.toMillis(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
