package org.clusterio.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
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
 * DFS table), and copied a batch of {@code bulkCount} files at a time by a fixed number of threads: memory holds one
 * batch whatever the number of files.</li>
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

    /** Runs the migration to its end; per-file failures are in the progress, never thrown. */
    public MigrationProgress run() {
        ExecutorService workers = Executors.newFixedThreadPool(options.parallelism(), new MigrationThreads());
        try (Stream<BinaryFileMetadata> files = from.metadata().list("", options.bulkCount())) {
            progress.total(from.metadata().count(""));
            Iterator<BinaryFileMetadata> source = files.iterator();
            List<Future<?>> batch = new ArrayList<>(options.bulkCount());
            long nextReport = System.nanoTime() + reportEveryNanos;
            while (source.hasNext()) {
                BinaryFileMetadata file = source.next();
                progress.countListed();
                batch.add(workers.submit(() -> migrate(file)));
                if (batch.size() == options.bulkCount()) {
                    await(batch);
                    if (System.nanoTime() - nextReport >= 0) {
                        report.accept(progress);
                        nextReport = System.nanoTime() + reportEveryNanos;
                    }
                }
            }
            await(batch);
        } finally {
            workers.shutdownNow();
            progress.finished();
        }
        return progress;
    }

    private static void await(List<Future<?>> batch) {
        try {
            for (Future<?> file : batch) {
                file.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ClusterIOLogger.ROOT_LOGGER.migrationInterrupted(e);
        } catch (ExecutionException e) {
            throw ClusterIOLogger.ROOT_LOGGER.migrationTaskFailed(e.getCause());
        }
        batch.clear();
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
        boolean bytesThere = !copyBytes || sameBytes(file, metadataThere);
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
    private boolean sameBytes(BinaryFileMetadata file, boolean recorded) {
        Optional<BinaryFileMetadata> stored = to.binarydata().stat(file.name());
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
        Optional<BinaryFileMetadata> stored = to.metadata().load(file.name());
        return stored.isPresent() && stored.get().size() == file.size() && stored.get().mimeType().equals(file.mimeType())
                && stored.get().mtime().getEpochSecond() == file.mtime().getEpochSecond();
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
