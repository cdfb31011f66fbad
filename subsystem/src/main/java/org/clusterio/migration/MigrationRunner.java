package org.clusterio.migration;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.clusterio.logging.ClusterIOLogger;
import org.jboss.as.controller.OperationFailedException;

/**
 * Runs this server's migrations, one at a time, on the handlers that are running here ({@link RunningHandlers}), and
 * keeps the progress of the running or last one.
 */
public final class MigrationRunner {

    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final RunningHandlers handlers;
    private final AtomicReference<MigrationProgress> current = new AtomicReference<>();
    private final MigrationTotals totals = new MigrationTotals();

    public MigrationRunner(RunningHandlers handlers) {
        this.handlers = handlers;
    }

    /** @return the progress of the running or last migration; empty if none ran since the server started */
    public Optional<MigrationProgress> current() {
        return Optional.ofNullable(current.get());
    }

    /** @return what the runs of this server wrote since it started */
    public MigrationTotals totals() {
        return totals;
    }

    /**
     * Runs the migration to its end, logging its progress; per-file failures are in the progress, never thrown.
     *
     * @throws OperationFailedException if one of its handlers is not running, or another migration is
     */
    public MigrationProgress run(MigrationPlan plan) throws OperationFailedException {
        FileMigration.Handlers from = handlers.forSite(plan.from(), plan.site());
        FileMigration.Handlers to = handlers.forSite(plan.to(), plan.site());
        MigrationProgress progress = new MigrationProgress(from + " -> " + to + " (site " + plan.site().name() + ")", plan.options().dryRun(), totals);
        MigrationProgress previous = current.get();
        if (previous != null && previous.running() || !current.compareAndSet(previous, progress)) {
            throw ClusterIOLogger.ROOT_LOGGER.migrationAlreadyRunning(current.get().description());
        }
        ClusterIOLogger.MIGRATION_LOGGER.migrationStarted(progress.description(), plan.options().dryRun() ? "dry run: nothing is written" : "writing");
        new FileMigration(from, to, plan.options(), progress, LOG_EVERY, MigrationRunner::log).run();
        log(progress);
        return progress;
    }

    private static void log(MigrationProgress progress) {
        ClusterIOLogger.MIGRATION_LOGGER.migrationProgress(progress.description(), progress.done(), progress.total(), progress.copied(), progress.skipped(),
                progress.failed(), Math.round(progress.filesPerSecond()), progress.running() ? "running" : "finished");
    }
}
