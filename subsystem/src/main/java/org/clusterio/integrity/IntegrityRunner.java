package org.clusterio.integrity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.clusterio.logging.ClusterIOLogger;
import org.clusterio.migration.FileMigration;
import org.clusterio.migration.RunningHandlers;
import org.jboss.as.controller.OperationFailedException;

/**
 * Runs this server's integrity checks and purges, one at a time, on the handlers running here, and keeps the
 * progress of the running or last one: the {@code integrity-check} attribute, and the metrics of the last run.
 */
public final class IntegrityRunner {

    public static final String CHECK = "check-integrity";
    public static final String PURGE = "purge";

    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final RunningHandlers handlers;
    private final AtomicReference<IntegrityProgress> current = new AtomicReference<>();

    public IntegrityRunner(RunningHandlers handlers) {
        this.handlers = handlers;
    }

    /** @return the progress of the running or last check or purge; empty if none ran since the server started */
    public Optional<IntegrityProgress> current() {
        return Optional.ofNullable(current.get());
    }

    /** Walks the site's records and bytes and reports what is wrong; writes nothing. */
    public IntegrityProgress check(IntegrityPlan plan) throws OperationFailedException {
        FileMigration.Handlers bound = handlers.forSite(plan.handlers(), plan.site());
        IntegrityProgress progress = start(CHECK, plan, true);
        return scan(bound, plan, progress, IntegrityScan.Repair.NONE);
    }

    /** Walks the site's records and bytes and removes what the options ask for, within their protect window. */
    public IntegrityProgress purge(IntegrityPlan plan, PurgeOptions options) throws OperationFailedException {
        FileMigration.Handlers bound = handlers.forSite(plan.handlers(), plan.site());
        IntegrityProgress progress = start(PURGE, plan, options.dryRun());
        return scan(bound, plan, progress, new IntegrityPurge(bound, options, progress));
    }

    private IntegrityProgress start(String operation, IntegrityPlan plan, boolean dryRun) throws OperationFailedException {
        IntegrityProgress progress = new IntegrityProgress(operation, plan.handlers() + " (site " + plan.site().name() + ")", dryRun, Instant.now());
        IntegrityProgress previous = current.get();
        if (previous != null && previous.running() || !current.compareAndSet(previous, progress)) {
            IntegrityProgress running = current.get();
            throw ClusterIOLogger.INTEGRITY_LOGGER.integrityAlreadyRunning(running.operation(), running.description());
        }
        ClusterIOLogger.INTEGRITY_LOGGER.integrityStarted(operation, progress.description(), dryRun ? "nothing is removed" : "removing");
        return progress;
    }

    private static IntegrityProgress scan(FileMigration.Handlers bound, IntegrityPlan plan, IntegrityProgress progress, IntegrityScan.Repair repair) {
        try {
            new IntegrityScan(bound, plan.options(), progress, LOG_EVERY, IntegrityRunner::log).run(repair);
        } finally {
            log(progress);
        }
        return progress;
    }

    private static void log(IntegrityProgress progress) {
        ClusterIOLogger.INTEGRITY_LOGGER.integrityProgress(progress.operation(), progress.description(), progress.rowsChecked(), progress.filesChecked(),
                progress.count(Finding.ROWS_WITHOUT_BYTES), progress.count(Finding.BYTES_WITHOUT_ROW), progress.count(Finding.SIZE_MISMATCHES),
                progress.count(Finding.SOFT_DELETED_ROWS), progress.count(Finding.TEMPORARY_LEFTOVERS), Math.round(progress.rowsPerSecond()),
                progress.running() ? "running" : "finished");
    }
}
