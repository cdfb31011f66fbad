package org.clusterio.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.clusterio.api.BinaryFileNotFoundException;
import org.clusterio.io.BinaryFileMetadata;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.MetadataHandler;
import org.clusterio.logging.ClusterIOLogger;

/**
 * Copies every file of one site from a pair of handlers to another: Ibexa DXP's ezplatform:io:migrate-files, resumable and verified.
 *
 * <ul>
 * <li>The source is listed as a lazy stream, a page of {@code bulkCount} records at a time (keyset pagination on the
 * DFS table), and migrated a page at a time by {@code parallelism} threads: one lookup of the page at the destination,
 * its bytes in one batch (flushed together), then its records in one batch (one JDBC batch on a DFS table). Memory
 * holds {@code parallelism} pages whatever the number of files.</li>
 * <li>A file already identical at the destination is skipped: same size and a copy stored after the source's
 * modification time (with {@code verify}: same size and SHA-256) for the bytes, same size, modification time and
 * MIME type for the metadata. A run killed at any point therefore
 * resumes where it stopped when run again: bytes are published atomically and the metadata only after them.</li>
 * <li>Only what differs is written: a pair that shares its binarydata handler copies metadata only, and the other way
 * round. The source is never changed. A dry run reads and compares, and writes nothing.</li>
 * <li>Each file is tried {@value #MAX_ATTEMPTS} times, with a growing pause, when the storage fails; a file that still
 * fails, whose bytes are missing at the source, or whose metadata the destination cannot hold (a modification time
 * of 0 or less, or beyond 2038, in a DFS table), is reported by id with the reason.</li>
 * </ul>
 *
 * <p>Longer than 250 lines on purpose: the per-file copy, its verification and its resume decision are one sequence
 * whose order is the migration's safety argument (never publish a row before its bytes are verified); split across
 * classes, that order would no longer be readable in one place.</p>
 */
public final class FileMigration {

    static final int MAX_ATTEMPTS = 3;

    /** One side of a migration: a metadata handler and a binarydata handler, bound to the site, with their names. */
    public record Handlers(String metadataName, MetadataHandler metadata, String binarydataName, BinarydataHandler binarydata) {

        @Override
        public String toString() {
            return metadataName + "," + binarydataName;
        }
    }

    /**
     * How to run: records per page and batch, threads, whether to write, whether to compare checksums, and the pause
     * before the second attempt at a failed file (four times longer before the third).
     */
    public record Options(int bulkCount, int parallelism, boolean dryRun, boolean verify, Duration firstRetryPause) {

        public Options {
            if (bulkCount < 1 || parallelism < 1) {
                throw ClusterIOLogger.ROOT_LOGGER.invalidMigrationOptions();
            }
        }

        public Options(int bulkCount, int parallelism, boolean dryRun, boolean verify) {
            this(bulkCount, parallelism, dryRun, verify, Duration.ofMillis(200));
        }
    }

    private final Handlers from;
    private final Handlers to;
    private final Options options;
    private final MigrationProgress progress;
    private final boolean copyBytes;
    private final boolean copyMetadata;
    private final long reportEveryNanos;
    private final Consumer<MigrationProgress> report;

    /** @param report told of the progress every {@code reportEvery} while the migration runs */
    public FileMigration(Handlers from, Handlers to, Options options, MigrationProgress progress, Duration reportEvery, Consumer<MigrationProgress> report) {
        this.from = from;
        this.to = to;
        this.options = options;
        this.progress = progress;
        this.reportEveryNanos = reportEvery.toNanos();
        this.report = report;
        this.copyBytes = !from.binarydataName().equals(to.binarydataName());
        // Metadata read from the destination store follows its bytes: nothing of its own to write.
        this.copyMetadata = !from.metadataName().equals(to.metadataName()) && !to.metadata().derivesFromStore();
    }

    /**
     * Runs the migration to its end; per-file failures are in the progress, never thrown. Pages of {@code bulkCount}
     * files are migrated by {@code parallelism} threads, a page per thread; the listing stays at most that many pages
     * ahead of the pages done.
     */
    public MigrationProgress run() {
        ExecutorService workers = Executors.newFixedThreadPool(options.parallelism(), new MigrationThreads());
        try (Stream<BinaryFileMetadata> files = from.metadata().list("", options.bulkCount())) {
            progress.total(from.metadata().count(""));
            Iterator<BinaryFileMetadata> source = files.iterator();
            Deque<Future<?>> pages = new ArrayDeque<>(options.parallelism());
            List<BinaryFileMetadata> page = new ArrayList<>(options.bulkCount());
            long nextReport = System.nanoTime() + reportEveryNanos;
            while (source.hasNext()) {
                page.add(source.next());
                progress.countListed();
                if (page.size() == options.bulkCount()) {
                    List<BinaryFileMetadata> full = page;
                    pages.add(workers.submit(() -> migratePage(full)));
                    page = new ArrayList<>(options.bulkCount());
                    if (pages.size() == options.parallelism()) {
                        await(pages.removeFirst());
                    }
                    if (System.nanoTime() - nextReport >= 0) {
                        report.accept(progress);
                        nextReport = System.nanoTime() + reportEveryNanos;
                    }
                }
            }
            if (!page.isEmpty()) {
                List<BinaryFileMetadata> last = page;
                pages.add(workers.submit(() -> migratePage(last)));
            }
            while (!pages.isEmpty()) {
                await(pages.removeFirst());
            }
        } finally {
            workers.shutdownNow();
            progress.finished();
        }
        return progress;
    }

    private static void await(Future<?> page) {
        try {
            page.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ClusterIOLogger.ROOT_LOGGER.migrationInterrupted(e);
        } catch (ExecutionException e) {
            throw ClusterIOLogger.ROOT_LOGGER.migrationTaskFailed(e.getCause());
        }
    }

    /**
     * Migrates one page: a {@code stat} of each file at the destination and one lookup of the records of those whose
     * bytes are there (a file whose bytes are missing is copied and recorded whatever its record says: a first run
     * looks nothing up), then the bytes that differ in one batch
     * ({@link BinarydataHandler#createAll}: flushed together, each renamed into place after its own flush, each
     * directory flushed once), then the records in one batch ({@link MetadataHandler#createAll}). Records are written
     * only after the batch of bytes has returned, so that no record ever names bytes that are not durably stored. A file
     * whose step fails in the batch is migrated again on its own, as {@link #migrate} does, with its attempts.
     */
    private void migratePage(List<BinaryFileMetadata> page) {
        // The bytes first: a file whose bytes are not at the destination is copied and recorded whatever its record
        // says, so only the files whose bytes are there need their record looked up (none in a first run).
        Map<String, Optional<BinaryFileMetadata>> stored = new HashMap<>();
        List<String> lookup = new ArrayList<>(page.size());
        for (BinaryFileMetadata file : page) {
            try {
                Optional<BinaryFileMetadata> copy = copyBytes ? to.binarydata().stat(file.name()) : Optional.empty();
                stored.put(file.name(), copy);
                if (!copyBytes || copy.isPresent() && copy.get().size() == file.size()) {
                    lookup.add(file.name());
                }
            } catch (RuntimeException e) {
                // migrated on its own below
            }
        }
        Map<String, BinaryFileMetadata> recorded;
        try {
            recorded = copyMetadata && !lookup.isEmpty() ? to.metadata().loadAll(lookup) : Map.of();
        } catch (RuntimeException e) {
            page.forEach(this::migrate);
            return;
        }
        List<BinaryFileMetadata> writing = new ArrayList<>(page.size());
        List<BinaryFileMetadata> bytes = new ArrayList<>(page.size());
        for (BinaryFileMetadata file : page) {
            try {
                if (!stored.containsKey(file.name())) {
                    migrate(file);
                    continue;
                }
                boolean metadataThere = !copyMetadata || sameMetadata(file, recorded.get(file.name()));
                boolean bytesThere = !copyBytes || sameBytes(file, metadataThere, stored.get(file.name()));
                if (bytesThere && metadataThere) {
                    progress.countSkipped();
                    continue;
                }
                if (copyMetadata) {
                    to.metadata().checkRecordable(file); // before any byte is written: no orphan for a row that cannot be
                }
                if (options.dryRun()) {
                    progress.countCopied();
                    continue;
                }
                writing.add(file);
                if (!bytesThere) {
                    bytes.add(file);
                }
            } catch (IllegalArgumentException e) {
                progress.countFailed(file.name(), e.getMessage());
            } catch (RuntimeException e) {
                migrate(file);
            }
        }
        Set<String> retried = new HashSet<>();
        Set<String> settled = new HashSet<>();
        copyBytes(bytes, retried, settled);
        if (copyMetadata) {
            writeRecords(writing.stream().filter(file -> !retried.contains(file.name()) && !settled.contains(file.name())).toList(), retried, settled);
        }
        for (BinaryFileMetadata file : writing) {
            if (retried.contains(file.name())) {
                migrate(file);
            } else if (!settled.contains(file.name())) {
                progress.countCopied();
            }
        }
    }

    /** Copies the bytes of a page; a file that failed is added to retried, or to settled once its failure is counted. */
    private void copyBytes(List<BinaryFileMetadata> files, Set<String> retried, Set<String> settled) {
        if (files.isEmpty()) {
            return;
        }
        Map<String, RuntimeException> failures = new HashMap<>();
        if (options.verify()) {
            // Each copy is read back and compared: one at a time, as migrate() does it.
            for (BinaryFileMetadata file : files) {
                try {
                    copyBytes(file);
                } catch (RuntimeException e) {
                    failures.put(file.name(), e);
                }
            }
        } else {
            try {
                failures = to.binarydata().createAll(files.stream()
                        .map(file -> new BinarydataHandler.NewFile(file.name(), () -> from.binarydata().open(file.name()), file.size())).toList());
            } catch (RuntimeException e) {
                files.forEach(file -> retried.add(file.name()));
                return;
            }
        }
        for (BinaryFileMetadata file : files) {
            RuntimeException failure = failures.get(file.name());
            if (failure == null) {
                if (!options.verify()) {
                    progress.countBytesWritten(file.size()); // createAll refuses a content of another size
                }
            } else if (failure instanceof BinaryFileNotFoundException) {
                progress.countFailed(file.name(), "its bytes are missing at the source (" + from.binarydataName() + ")");
                settled.add(file.name());
            } else {
                retried.add(file.name());
            }
        }
    }

    /** Writes the records of a page whose bytes are stored; a record that failed goes to retried, or to settled. */
    private void writeRecords(List<BinaryFileMetadata> files, Set<String> retried, Set<String> settled) {
        if (files.isEmpty()) {
            return;
        }
        Map<String, RuntimeException> failures;
        try {
            failures = to.metadata().createAll(files);
        } catch (RuntimeException e) {
            files.forEach(file -> retried.add(file.name()));
            return;
        }
        failures.forEach((name, failure) -> {
            if (failure instanceof IllegalArgumentException) {
                progress.countFailed(name, failure.getMessage());
                settled.add(name);
            } else {
                retried.add(name);
            }
        });
    }

    private void migrate(BinaryFileMetadata file) {
        for (int attempt = 1;; attempt++) {
            try {
                if (migrateOnce(file)) {
                    progress.countCopied();
                } else {
                    progress.countSkipped();
                }
                return;
            } catch (BinaryFileNotFoundException e) {
                progress.countFailed(file.name(), "its bytes are missing at the source (" + from.binarydataName() + ")");
                return;
            } catch (IllegalArgumentException e) {
                // The destination cannot hold this file's metadata (a modification time the DFS table cannot keep, for
                // one): trying again cannot help.
                progress.countFailed(file.name(), e.getMessage());
                return;
            } catch (RuntimeException e) {
                if (attempt == MAX_ATTEMPTS) {
                    progress.countFailed(file.name(), e.toString());
                    return;
                }
                if (!pause(options.firstRetryPause().toMillis() << (2 * (attempt - 1)))) {
                    progress.countFailed(file.name(), "interrupted");
                    return;
                }
            }
        }
    }

    /** @return whether anything was (or, in a dry run, would be) written */
    private boolean migrateOnce(BinaryFileMetadata file) {
        boolean metadataThere = !copyMetadata || sameMetadata(file);
        boolean bytesThere = !copyBytes || sameBytes(file, metadataThere, to.binarydata().stat(file.name()));
        if (bytesThere && metadataThere) {
            return false;
        }
        if (copyMetadata) {
            to.metadata().checkRecordable(file); // before any byte is written: no orphan for a row that cannot be
        }
        if (options.dryRun()) {
            return true;
        }
        if (!bytesThere) {
            copyBytes(file);
        }
        if (copyMetadata) {
            to.metadata().create(file);
        }
        return true;
    }

    /**
     * Without verify, the size alone cannot tell a changed source from the copy: the copy counts as the source's
     * current bytes only when it was stored after the source was last changed. A copy from before that (a same-size
     * change since the last run) is copied again, so that the source's new time is never written over old bytes.
     * Where this run writes the destination's records, the record must also name this very version of the source
     * (records are written only after their bytes): the two stores' clocks then decide only within one second.
     */
    private boolean sameBytes(BinaryFileMetadata file, boolean recorded, Optional<BinaryFileMetadata> stored) {
        if (stored.isEmpty() || stored.get().size() != file.size()) {
            return false;
        }
        if (options.verify()) {
            return Checksums.same(from.binarydata(), to.binarydata(), file.name());
        }
        boolean storedAfterTheChange = stored.get().mtime().isAfter(file.mtime());
        return copyMetadata ? recorded && storedAfterTheChange : storedAfterTheChange;
    }

    private boolean sameMetadata(BinaryFileMetadata file) {
        return sameMetadata(file, to.metadata().load(file.name()).orElse(null));
    }

    /** @param stored the destination's record, or null */
    private static boolean sameMetadata(BinaryFileMetadata file, BinaryFileMetadata stored) {
        return stored != null && stored.size() == file.size() && stored.mimeType().equals(file.mimeType())
                && stored.mtime().getEpochSecond() == file.mtime().getEpochSecond();
    }

    private void copyBytes(BinaryFileMetadata file) {
        // The source's checksum is taken as it is copied: verifying reads the source once, not twice.
        MessageDigest source = Checksums.newDigest();
        InputStream content = from.binarydata().open(file.name());
        try (InputStream in = options.verify() ? new DigestInputStream(content, source) : content) {
            progress.countBytesWritten(to.binarydata().create(file.name(), in, file.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (options.verify() && !Arrays.equals(source.digest(), Checksums.sha256(to.binarydata(), file.name()))) {
            throw ClusterIOLogger.ROOT_LOGGER.copyDiffers(file.name());
        }
    }

    private static boolean pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Daemon threads with names that say what they do, in thread dumps. */
    private static final class MigrationThreads implements java.util.concurrent.ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "cluster-io-migrate-files-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
