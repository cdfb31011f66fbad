package org.clusterio.migration;

import org.jboss.dmr.ModelNode;

/**
 * The management results of migrations: the reply of {@code :migrate-files}, the subsystem's {@code migration}
 * attribute and the reply of {@code :list-io-handlers}. The field names are those the operations' descriptions
 * declare.
 */
public final class MigrationReport {

    public static final String DESCRIPTION = "description";
    public static final String RUNNING = "running";
    public static final String DRY_RUN = "dry-run";
    public static final String TOTAL = "total";
    public static final String LISTED = "listed";
    public static final String COPIED = "copied";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";
    public static final String FAILURES = "failures";
    public static final String ELAPSED_SECONDS = "elapsed-seconds";
    public static final String FILES_PER_SECOND = "files-per-second";
    public static final String METADATA_HANDLERS = "metadata-handlers";
    public static final String BINARYDATA_HANDLERS = "binarydata-handlers";

    private MigrationReport() {
    }

    /** @return the counts of a finished migration and its failures, by id (the reply of {@code :migrate-files}) */
    public static ModelNode result(MigrationProgress progress) {
        ModelNode result = new ModelNode();
        result.get(LISTED).set(progress.listed());
        result.get(COPIED).set(progress.copied());
        result.get(SKIPPED).set(progress.skipped());
        result.get(FAILED).set(progress.failed());
        ModelNode failures = result.get(FAILURES).setEmptyObject();
        progress.failures().forEach(failure -> failures.get(failure.id()).set(failure.reason()));
        return result;
    }

    /** @return where a running or finished migration is (the {@code migration} attribute) */
    public static ModelNode status(MigrationProgress progress) {
        ModelNode status = new ModelNode();
        status.get(DESCRIPTION).set(progress.description());
        status.get(RUNNING).set(progress.running());
        status.get(DRY_RUN).set(progress.dryRun());
        status.get(TOTAL).set(progress.total());
        status.get(LISTED).set(progress.listed());
        status.get(COPIED).set(progress.copied());
        status.get(SKIPPED).set(progress.skipped());
        status.get(FAILED).set(progress.failed());
        status.get(ELAPSED_SECONDS).set(progress.elapsed().toSeconds());
        status.get(FILES_PER_SECOND).set(progress.filesPerSecond());
        return status;
    }

    /** @return the configured handlers' names by kind (the reply of {@code :list-io-handlers}) */
    public static ModelNode handlers(ConfiguredHandlers handlers) {
        ModelNode result = new ModelNode();
        result.get(METADATA_HANDLERS).setEmptyList();
        result.get(BINARYDATA_HANDLERS).setEmptyList();
        handlers.metadata().forEach(name -> result.get(METADATA_HANDLERS).add(name));
        handlers.binarydata().forEach(name -> result.get(BINARYDATA_HANDLERS).add(name));
        return result;
    }
}
