package org.clusterio.migration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a migration has done so far, read while it runs (the management attribute, the log) and returned at its end.
 * Failures are kept by id, the first {@value #MAX_FAILURES_KEPT} of them: memory stays bounded however many fail,
 * and the count is always exact.
 */
public final class MigrationProgress {

    public static final int MAX_FAILURES_KEPT = 1_000;

    /** A file that could not be migrated, and why. */
    public record Failure(String id, String reason) {
    }

    private final String description;
    private final boolean dryRun;
    private final MigrationTotals totals;
    private final Instant started = Instant.now();
    private final AtomicLong total = new AtomicLong(-1);
    private final AtomicLong listed = new AtomicLong();
    private final AtomicLong copied = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<Failure> failures = new ArrayList<>();
    private volatile Instant finished;

    public MigrationProgress(String description, boolean dryRun) {
        this(description, dryRun, new MigrationTotals());
    }

    /** @param totals what the server's runs wrote so far, which this run's writes add to (unless it is a dry run) */
    public MigrationProgress(String description, boolean dryRun, MigrationTotals totals) {
        this.description = description;
        this.dryRun = dryRun;
        this.totals = dryRun ? new MigrationTotals() : totals;
    }

    void total(long files) {
        total.set(files);
    }

    void countListed() {
        listed.incrementAndGet();
    }

    void countCopied() {
        copied.incrementAndGet();
        totals.migrated();
    }

    void countBytesWritten(long size) {
        totals.copied(size);
    }

    void countSkipped() {
        skipped.incrementAndGet();
    }

    void countFailed(String id, String reason) {
        failed.incrementAndGet();
        totals.failed();
        synchronized (failures) {
            if (failures.size() < MAX_FAILURES_KEPT) {
                failures.add(new Failure(id, reason));
            }
        }
    }

    void finished() {
        finished = Instant.now();
    }

    /** @return from and to, such as {@code default,default -> dfs,nfs} */
    public String description() {
        return description;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** @return the number of files to migrate, or -1 while they are being counted */
    public long total() {
        return total.get();
    }

    public long listed() {
        return listed.get();
    }

    /** @return files copied (in a dry run: files that would be copied) */
    public long copied() {
        return copied.get();
    }

    /** @return files already identical at the destination */
    public long skipped() {
        return skipped.get();
    }

    public long failed() {
        return failed.get();
    }

    public long done() {
        return copied() + skipped() + failed();
    }

    public List<Failure> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    public boolean running() {
        return finished == null;
    }

    public Duration elapsed() {
        Instant end = finished;
        return Duration.between(started, end == null ? Instant.now() : end);
    }

    public double filesPerSecond() {
        long millis = Math.max(1, elapsed().toMillis());
        return done() * 1000.0 / millis;
    }
}
