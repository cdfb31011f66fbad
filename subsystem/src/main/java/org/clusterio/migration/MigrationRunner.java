package org.clusterio.migration;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.BinarydataStore;
import org.clusterio.spi.ClusterIOServiceDescriptor;
import org.clusterio.io.MetadataStore;
import org.clusterio.io.SiteLayout;
import org.clusterio.logging.ClusterIOLogger;
import org.jboss.as.controller.OperationFailedException;
import org.wildfly.service.capture.FunctionExecutor;
import org.wildfly.service.descriptor.UnaryServiceDescriptor;
import org.wildfly.subsystem.service.ServiceDependency;
import org.wildfly.subsystem.service.capture.FunctionExecutorRegistry;

/**
 * Runs this server's migrations, one at a time, on the handlers that are running here, and keeps the progress of
 * the running or last one. A handler's value comes from the registry its service is captured in: a handler that is
 * configured but not running (added without a reload, or failed to start) is refused by name.
 */
public final class MigrationRunner {

    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final FunctionExecutorRegistry<MetadataStore> metadataHandlers;
    private final FunctionExecutorRegistry<BinarydataStore> binarydataHandlers;
    private final AtomicReference<MigrationProgress> current = new AtomicReference<>();

    public MigrationRunner(FunctionExecutorRegistry<MetadataStore> metadataHandlers,
            FunctionExecutorRegistry<BinarydataStore> binarydataHandlers) {
        this.metadataHandlers = metadataHandlers;
        this.binarydataHandlers = binarydataHandlers;
    }

    /** @return the progress of the running or last migration; empty if none ran since the server started */
    public Optional<MigrationProgress> current() {
        return Optional.ofNullable(current.get());
    }

    /**
     * Runs the migration to its end, logging its progress; per-file failures are in the progress, never thrown.
     *
     * @throws OperationFailedException if one of its handlers is not running, or another migration is
     */
    public MigrationProgress run(MigrationPlan plan) throws OperationFailedException {
        FileMigration.Handlers from = handlers(plan.from(), plan.site());
        FileMigration.Handlers to = handlers(plan.to(), plan.site());
        MigrationProgress progress = new MigrationProgress(from + " -> " + to + " (site " + plan.site().name() + ")", plan.options().dryRun());
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

    private FileMigration.Handlers handlers(HandlerPair pair, SiteLayout site) throws OperationFailedException {
        MetadataStore metadata = running(metadataHandlers, ClusterIOServiceDescriptor.METADATA_HANDLER, pair.metadata());
        if (metadata == null) {
            throw ClusterIOLogger.ROOT_LOGGER.metadataHandlerNotRunning(pair.metadata());
        }
        BinarydataStore binarydataProvider = running(binarydataHandlers, ClusterIOServiceDescriptor.BINARYDATA_HANDLER, pair.binarydata());
        if (binarydataProvider == null) {
            throw ClusterIOLogger.ROOT_LOGGER.binarydataHandlerNotRunning(pair.binarydata());
        }
        BinarydataHandler binarydata = binarydataProvider.forSite(site);
        return new FileMigration.Handlers(pair.metadata(), metadata.forSite(site, binarydata), pair.binarydata(), binarydata);
    }

    /** @return the value of the named handler's service, or null while it does not run */
    private static <P> P running(FunctionExecutorRegistry<P> registry, UnaryServiceDescriptor<P> descriptor, String name) {
        FunctionExecutor<P> executor = registry.getExecutor(ServiceDependency.on(descriptor, name));
        return executor == null ? null : executor.execute(provider -> provider);
    }
}
