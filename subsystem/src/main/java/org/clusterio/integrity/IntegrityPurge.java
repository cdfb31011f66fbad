package org.clusterio.integrity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.clusterio.io.BinaryFileMetadata;
import org.clusterio.io.MetadataRecord;
import org.clusterio.logging.ClusterIOLogger;
import org.clusterio.migration.FileMigration;

/**
 * Removes what an {@link IntegrityScan} finds, within the safety rules:
 * <ul>
 * <li>only what was last written before the cutoff, the purge's start less its protect window: nothing written
 * while the purge runs, however short the window;</li>
 * <li>each removal is checked again just before it is made, and a record is deleted only while it is the one read
 * (same stored {@code mtime}): a file stored again meanwhile, by this node or a PHP node, is kept;</li>
 * <li>a soft-deleted record goes before its bytes, as eZ Publish legacy's clusterpurge.php removes them;</li>
 * <li>every removal is idempotent, so a purge killed at any point completes when it is run again (bytes whose record
 * a killed purge had removed are then bytes without a record: {@code orphan-files}).</li>
 * </ul>
 * A failure to remove one entry is counted and reported by id, and the purge goes on.
 */
final class IntegrityPurge implements IntegrityScan.Repair {

    private final FileMigration.Handlers handlers;
    private final PurgeOptions options;
    private final Instant cutoff;
    private final IntegrityProgress progress;

    IntegrityPurge(FileMigration.Handlers handlers, PurgeOptions options, IntegrityProgress progress) {
        this.handlers = handlers;
        this.options = options;
        this.cutoff = progress.started().minus(options.olderThan());
        this.progress = progress;
    }

    @Override
    public void softDeleted(MetadataRecord row) {
        if (!wanted(PurgeTarget.SOFT_DELETED, row.modified())) {
            return;
        }
        if (options.dryRun()) {
            progress.purged(PurgeTarget.SOFT_DELETED, row.name());
            return;
        }
        try {
            if (!handlers.metadata().deleteIfUnchanged(row)) {
                progress.countKept(PurgeTarget.SOFT_DELETED); // stored again since it was read
                return;
            }
            deleteBytesIfOld(row.name());
            purged(PurgeTarget.SOFT_DELETED, row.name());
        } catch (RuntimeException e) {
            failed(PurgeTarget.SOFT_DELETED, row.name(), e);
        }
    }

    @Override
    public void rowWithoutBytes(MetadataRecord row) {
        if (!wanted(PurgeTarget.ORPHAN_ROWS, row.modified())) {
            return;
        }
        try {
            if (handlers.binarydata().stat(row.name()).isPresent()) {
                progress.countKept(PurgeTarget.ORPHAN_ROWS); // its bytes arrived since
            } else if (options.dryRun()) {
                progress.purged(PurgeTarget.ORPHAN_ROWS, row.name());
            } else if (handlers.metadata().deleteIfUnchanged(row)) {
                purged(PurgeTarget.ORPHAN_ROWS, row.name());
            } else {
                progress.countKept(PurgeTarget.ORPHAN_ROWS);
            }
        } catch (RuntimeException e) {
            failed(PurgeTarget.ORPHAN_ROWS, row.name(), e);
        }
    }

    @Override
    public void bytesWithoutRow(BinaryFileMetadata file) {
        if (!wanted(PurgeTarget.ORPHAN_FILES, file.mtime())) {
            return;
        }
        try {
            if (!handlers.metadata().recorded(List.of(file.name())).isEmpty()) {
                progress.countKept(PurgeTarget.ORPHAN_FILES); // recorded since
            } else if (options.dryRun()) {
                progress.purged(PurgeTarget.ORPHAN_FILES, file.name());
            } else if (deleteBytesIfOld(file.name())) {
                purged(PurgeTarget.ORPHAN_FILES, file.name());
            } else {
                progress.countKept(PurgeTarget.ORPHAN_FILES);
            }
        } catch (RuntimeException e) {
            failed(PurgeTarget.ORPHAN_FILES, file.name(), e);
        }
    }

    /** @return whether the target is asked for and the entry is old enough; counts it as kept when it is too young */
    private boolean wanted(PurgeTarget target, Instant lastWritten) {
        if (!options.what().contains(target)) {
            return false;
        }
        if (!lastWritten.isBefore(cutoff)) {
            progress.countKept(target);
            return false;
        }
        return true;
    }

    /** @return whether bytes were there and deleted: bytes written since the cutoff are a new file of the name, kept */
    private boolean deleteBytesIfOld(String name) {
        Optional<BinaryFileMetadata> stored = handlers.binarydata().stat(name);
        if (stored.isEmpty() || !stored.get().mtime().isBefore(cutoff)) {
            return false;
        }
        handlers.binarydata().delete(name);
        return true;
    }

    private void purged(PurgeTarget target, String name) {
        progress.purged(target, name);
        ClusterIOLogger.INTEGRITY_LOGGER.purged(target.modelName(), name, progress.description());
    }

    private void failed(PurgeTarget target, String name, RuntimeException e) {
        progress.failed(target, name, e.getMessage() == null ? e.toString() : e.getMessage());
        ClusterIOLogger.INTEGRITY_LOGGER.purgeFailed(target.modelName(), name, progress.description(), e);
    }
}
