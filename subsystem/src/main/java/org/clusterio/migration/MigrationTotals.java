package org.clusterio.migration;

import java.util.concurrent.atomic.LongAdder;

/**
 * What every migrate-files run of this server wrote since the server started, counted as the runs go (dry runs write
 * nothing and count nothing): the subsystem's migration metrics, for a scraper that would miss a run's own progress.
 */
public final class MigrationTotals {

    private final LongAdder files = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder failures = new LongAdder();

    /** @return the files migrated: bytes or metadata written to the destination */
    public long files() {
        return files.sum();
    }

    /** @return the bytes written to destination binarydata handlers, a retried copy counting again */
    public long bytes() {
        return bytes.sum();
    }

    /** @return the files that could not be migrated */
    public long failures() {
        return failures.sum();
    }

    void migrated() {
        files.increment();
    }

    void copied(long size) {
        bytes.add(size);
    }

    void failed() {
        failures.increment();
    }
}
