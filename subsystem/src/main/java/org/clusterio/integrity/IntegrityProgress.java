package org.clusterio.integrity;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a check or purge has found and done so far, read while it runs (the {@code integrity-check} attribute, the
 * log) and returned at its end: exact counts, and the ids of the first {@value Tally#MAX_EXAMPLES} of each kind.
 */
public final class IntegrityProgress {

    private final String operation;
    private final String description;
    private final boolean dryRun;
    private final Instant started;
    private final AtomicLong rowsChecked = new AtomicLong();
    private final AtomicLong filesChecked = new AtomicLong();
    private final AtomicLong notVerifiable = new AtomicLong();
    private final Map<Finding, Tally> found = new EnumMap<>(Finding.class);
    private final Map<PurgeTarget, Tally> purged = new EnumMap<>(PurgeTarget.class);
    private final Map<PurgeTarget, AtomicLong> kept = new EnumMap<>(PurgeTarget.class);
    private final Map<PurgeTarget, Tally> failed = new EnumMap<>(PurgeTarget.class);
    private volatile Instant finished;

    /**
     * @param operation   {@code check-integrity} or {@code purge}
     * @param description the handlers and the site
     * @param dryRun      whether a purge only says what it would remove (a check is always one)
     */
    public IntegrityProgress(String operation, String description, boolean dryRun, Instant started) {
        this.operation = operation;
        this.description = description;
        this.dryRun = dryRun;
        this.started = started;
        for (Finding finding : Finding.values()) {
            found.put(finding, new Tally());
        }
        for (PurgeTarget target : PurgeTarget.values()) {
            purged.put(target, new Tally());
            kept.put(target, new AtomicLong());
            failed.put(target, new Tally());
        }
    }

    void countRow() {
        rowsChecked.incrementAndGet();
    }

    void countFile() {
        filesChecked.incrementAndGet();
    }

    void countNotVerifiable() {
        notVerifiable.incrementAndGet();
    }

    void found(Finding finding, String id) {
        found.get(finding).add(id);
    }

    void purged(PurgeTarget target, String id) {
        purged.get(target).add(id);
    }

    void countKept(PurgeTarget target) {
        kept.get(target).incrementAndGet();
    }

    void failed(PurgeTarget target, String id, String reason) {
        failed.get(target).add(id + ": " + reason);
    }

    void finished() {
        finished = Instant.now();
    }

    public String operation() {
        return operation;
    }

    public String description() {
        return description;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** @return when the run started: a purge removes nothing written after this, less its protect window */
    public Instant started() {
        return started;
    }

    /** @return the records read, soft-deleted ones included */
    public long rowsChecked() {
        return rowsChecked.get();
    }

    /** @return the stored files read (temporary leftovers not included) */
    public long filesChecked() {
        return filesChecked.get();
    }

    /** @return with verify: the files whose store keeps no checksum to compare with */
    public long notVerifiable() {
        return notVerifiable.get();
    }

    public long count(Finding finding) {
        return found.get(finding).count();
    }

    public List<String> examples(Finding finding) {
        return found.get(finding).examples();
    }

    /** @return what was removed (in a dry run: what would be) */
    public long purged(PurgeTarget target) {
        return purged.get(target).count();
    }

    public List<String> purgedExamples(PurgeTarget target) {
        return purged.get(target).examples();
    }

    /** @return what was found but kept: written within the protect window, or changed while the purge ran */
    public long kept(PurgeTarget target) {
        return kept.get(target).get();
    }

    public long failed(PurgeTarget target) {
        return failed.get(target).count();
    }

    /** @return {@code <id>: <reason>} of the first failures */
    public List<String> failures(PurgeTarget target) {
        return failed.get(target).examples();
    }

    public boolean running() {
        return finished == null;
    }

    public Duration elapsed() {
        Instant end = finished;
        return Duration.between(started, end == null ? Instant.now() : end);
    }

    public double rowsPerSecond() {
        return rowsChecked() * 1000.0 / Math.max(1, elapsed().toMillis());
    }
}
