package org.clusterio.integrity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.clusterio.io.BinaryFileMetadata;
import org.clusterio.io.MetadataRecord;
import org.clusterio.migration.FileMigration;

/**
 * One pass over a site's records and bytes, in three streams read a page at a time (memory holds one page and one
 * batch of names, whatever the size of the site), that counts what it finds in the progress and tells a
 * {@link Repair} of what can be repaired:
 * <ol>
 * <li>the records, soft-deleted ones included (keyset pages of the DFS table): each visible record is compared with
 * its stored bytes (present, same size, and with verify the store's own checksum);</li>
 * <li>the stored files, a batch at a time looked up among the records in one query: bytes that no record names;</li>
 * <li>the temporary leftovers of interrupted writes.</li>
 * </ol>
 * Nothing is written by the pass itself. A metadata handler that reads its records from the bytes themselves has no
 * bytes without records, so the second stream is skipped for it.
 */
final class IntegrityScan {

    /** What a purge does with what the pass finds; the check itself does nothing. */
    interface Repair {

        Repair NONE = new Repair() {
        };

        default void softDeleted(MetadataRecord row) {
        }

        default void rowWithoutBytes(MetadataRecord row) {
        }

        default void bytesWithoutRow(BinaryFileMetadata file) {
        }
    }

    private final FileMigration.Handlers handlers;
    private final IntegrityOptions options;
    private final IntegrityProgress progress;
    private final long reportEveryNanos;
    private final Consumer<IntegrityProgress> report;
    private long nextReport;

    /** @param report told of the progress every {@code reportEvery} while the pass runs */
    IntegrityScan(FileMigration.Handlers handlers, IntegrityOptions options, IntegrityProgress progress, Duration reportEvery,
            Consumer<IntegrityProgress> report) {
        this.handlers = handlers;
        this.options = options;
        this.progress = progress;
        this.reportEveryNanos = reportEvery.toNanos();
        this.report = report;
    }

    IntegrityProgress run(Repair repair) {
        nextReport = System.nanoTime() + reportEveryNanos;
        try {
            checkRows(repair);
            if (!handlers.metadata().derivesFromStore()) {
                checkFiles(repair);
            }
            checkLeftovers();
        } finally {
            progress.finished();
        }
        return progress;
    }

    private void checkRows(Repair repair) {
        try (Stream<MetadataRecord> rows = handlers.metadata().listRecords(options.bulkCount())) {
            Iterator<MetadataRecord> iterator = rows.iterator();
            while (iterator.hasNext()) {
                MetadataRecord row = iterator.next();
                progress.countRow();
                if (row.softDeleted()) {
                    progress.found(Finding.SOFT_DELETED_ROWS, row.name());
                    repair.softDeleted(row);
                } else {
                    checkBytes(row, repair);
                }
                reportNow();
            }
        }
    }

    private void checkBytes(MetadataRecord row, Repair repair) {
        Optional<BinaryFileMetadata> stored = handlers.binarydata().stat(row.name());
        if (stored.isEmpty()) {
            progress.found(Finding.ROWS_WITHOUT_BYTES, row.name());
            repair.rowWithoutBytes(row);
        } else if (stored.get().size() != row.size()) {
            progress.found(Finding.SIZE_MISMATCHES, row.name());
        } else if (options.verify()) {
            Optional<Boolean> matches = handlers.binarydata().matchesStoredChecksum(row.name());
            if (matches.isEmpty()) {
                progress.countNotVerifiable();
            } else if (!matches.get()) {
                progress.found(Finding.CHECKSUM_MISMATCHES, row.name());
            }
        }
    }

    private void checkFiles(Repair repair) {
        try (Stream<BinaryFileMetadata> files = handlers.binarydata().list("")) {
            Iterator<BinaryFileMetadata> iterator = files.iterator();
            List<BinaryFileMetadata> batch = new ArrayList<>(options.bulkCount());
            while (iterator.hasNext()) {
                batch.add(iterator.next());
                if (batch.size() == options.bulkCount()) {
                    checkRecorded(batch, repair);
                }
            }
            checkRecorded(batch, repair);
        }
    }

    private void checkRecorded(List<BinaryFileMetadata> batch, Repair repair) {
        Set<String> recorded = handlers.metadata().recorded(batch.stream().map(BinaryFileMetadata::name).toList());
        for (BinaryFileMetadata file : batch) {
            progress.countFile();
            if (!recorded.contains(file.name())) {
                progress.found(Finding.BYTES_WITHOUT_ROW, file.name());
                repair.bytesWithoutRow(file);
            }
        }
        batch.clear();
        reportNow();
    }

    private void checkLeftovers() {
        try (Stream<BinaryFileMetadata> leftovers = handlers.binarydata().listTemporaryLeftovers()) {
            leftovers.forEach(leftover -> progress.found(Finding.TEMPORARY_LEFTOVERS, leftover.name()));
        }
    }

    private void reportNow() {
        if (System.nanoTime() - nextReport >= 0) {
            report.accept(progress);
            nextReport = System.nanoTime() + reportEveryNanos;
        }
    }
}
