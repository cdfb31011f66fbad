package org.clusterio.migration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.clusterio.api.ClusterIOException;
import org.clusterio.io.BinaryFileMetadata;
import org.clusterio.io.BinaryStoreMetadataHandler;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.ForwardingMetadataHandler;
import org.clusterio.io.MetadataHandler;
import org.clusterio.io.SiteLayout;
import org.clusterio.io.dfs.DfsMetadataStore;
import org.clusterio.io.fs.FilesystemBinarydataStore;
import org.clusterio.io.fs.PosixPermissions;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * migrate-files from a single server's handlers (files on disk, metadata read from them) to the cluster's (DFS on H2,
 * an NFS-style directory), on real stores: every byte arrives, runs resume, dry runs write nothing, failures are
 * reported by id.
 */
class FileMigrationTest {

    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");
    private static final FileMigration.Options RUN = new FileMigration.Options(37, 4, false, false);

    @TempDir
    Path local;

    @TempDir
    Path nfs;

    private JdbcDataSource h2;
    private DfsMetadataStore dfs;
    private FileMigration.Handlers from;
    private FileMigration.Handlers to;
    private final List<String> ids = new ArrayList<>();

    @BeforeEach
    void stores() throws IOException {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dfs = new DfsMetadataStore("dfs", h2, "ezdfsfile", true);
        BinarydataHandler localFiles = store(local);
        from = new FileMigration.Handlers("default", new BinaryStoreMetadataHandler(localFiles), "default", localFiles);
        BinarydataHandler nfsFiles = store(nfs);
        to = new FileMigration.Handlers("dfs", dfs.forSite(SITE, nfsFiles), "nfs", nfsFiles);

        Random random = new Random(42);
        String[] names = { "images/1/2/3/4/1234-1-eng-GB/photo %d.jpg", "images/_aliases/small/été/ü-%d.png", "original/application/report %d.pdf",
                "images-versioned/5/6/draft-%d.gif" };
        for (int i = 0; i < 240; i++) {
            String id = String.format(names[i % names.length], i);
            byte[] content = new byte[i % 10 == 0 ? 0 : random.nextInt(i % 7 == 0 ? 300_000 : 5_000)];
            random.nextBytes(content);
            localFiles.create(id, new java.io.ByteArrayInputStream(content), content.length);
            ids.add(id);
        }
    }

    @AfterEach
    void close() {
        dfs.close();
    }

    private static BinarydataHandler store(Path root) {
        return new FilesystemBinarydataStore(root, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0644"), PosixPermissions.fromOctal("0755"), false)
                .forSite(SITE);
    }

    private MigrationProgress migrate(FileMigration.Handlers source, FileMigration.Handlers destination, FileMigration.Options options) {
        return new FileMigration(source, destination, options, new MigrationProgress(source + " -> " + destination, options.dryRun()), Duration.ofHours(1), progress -> {
        }).run();
    }

    @Test
    void everyFileArrivesByteForByteAndARerunCopiesNothing() throws IOException {
        MigrationProgress first = migrate(from, to, RUN);
        assertEquals(ids.size(), first.total());
        assertEquals(ids.size(), first.copied());
        assertEquals(0, first.failed(), first.failures().toString());
        assertEverythingMigrated();

        MigrationProgress second = migrate(from, to, RUN);
        assertEquals(0, second.copied());
        assertEquals(ids.size(), second.skipped());
    }

    @Test
    void theServersTotalsCountWhatRunsWroteAndNothingOfDryRuns() throws IOException {
        MigrationTotals totals = new MigrationTotals();
        run(new FileMigration.Options(50, 2, true, false), totals);
        assertEquals(0, totals.files(), "a dry run writes nothing");

        MigrationProgress first = run(RUN, totals);
        long bytes;
        try (Stream<Path> files = Files.walk(local)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
        assertEquals(first.copied(), totals.files());
        assertEquals(ids.size(), totals.files());
        assertEquals(bytes, totals.bytes());
        assertEquals(0, totals.failures());

        run(RUN, totals);
        assertEquals(ids.size(), totals.files(), "a rerun skips every file");
        assertEquals(bytes, totals.bytes());
    }

    private MigrationProgress run(FileMigration.Options options, MigrationTotals totals) {
        return new FileMigration(from, to, options, new MigrationProgress("counted", options.dryRun(), totals), Duration.ofHours(1), progress -> {
        }).run();
    }

    @Test
    void aDryRunWritesNothing() throws IOException {
        MigrationProgress dryRun = migrate(from, to, new FileMigration.Options(50, 2, true, false));
        assertEquals(ids.size(), dryRun.copied(), "what would be copied");
        assertEquals(0, dfs.forSite(SITE, null).count(""));
        try (Stream<Path> files = Files.walk(nfs)) {
            assertFalse(files.anyMatch(Files::isRegularFile));
        }
    }

    @Test
    void aMigrationStoppedHalfwayCompletesWhenRunAgain() throws IOException {
        // The destination's metadata store stops answering after a third of the files: as if the server died there.
        AtomicInteger writes = new AtomicInteger();
        MetadataHandler dying = new StoppingMetadataHandler(to.metadata(), writes, ids.size() / 3);
        MigrationProgress broken = migrate(from, new FileMigration.Handlers("dfs", dying, "nfs", to.binarydata()), new FileMigration.Options(20, 4, false, false, Duration.ofMillis(1)));
        assertTrue(broken.failed() > 0 && broken.copied() < ids.size(), broken.copied() + " copied");

        MigrationProgress resumed = migrate(from, to, RUN);
        assertEquals(0, resumed.failed(), resumed.failures().toString());
        assertEquals(ids.size(), resumed.copied() + resumed.skipped());
        assertTrue(resumed.skipped() >= broken.copied(), "what the broken run completed is not copied again");
        assertEverythingMigrated();
    }

    @Test
    void filesThatCannotBeMigratedAreReportedById() throws IOException {
        migrate(from, to, RUN);
        // A row whose bytes are gone (the legacy cluster leaves such rows behind), migrated back to local files.
        to.metadata().create(new BinaryFileMetadata("images/orphan.jpg", 10, Instant.now(), "image/jpeg"));
        Path scratch = Files.createTempDirectory(local, "back");
        BinarydataHandler back = store(scratch);
        MigrationProgress progress = migrate(to, new FileMigration.Handlers("default", new BinaryStoreMetadataHandler(back), "default", back), RUN);
        assertEquals(1, progress.failed());
        assertEquals("images/orphan.jpg", progress.failures().get(0).id());
        assertTrue(progress.failures().get(0).reason().contains("missing at the source"), progress.failures().get(0).reason());
        assertEquals(ids.size(), progress.copied());
    }

    @Test
    void verifyFindsCopiesThatDifferWithTheSameSize() throws IOException {
        migrate(from, to, RUN);
        String id = ids.get(1);
        Path copy = nfs.resolve("var/site/storage/" + id);
        byte[] corrupt = Files.readAllBytes(copy);
        corrupt[0] ^= 0x55;
        Files.write(copy, corrupt);

        assertEquals(0, migrate(from, to, RUN).copied(), "size and time alone cannot see it");
        MigrationProgress verified = migrate(from, to, new FileMigration.Options(100, 4, false, true));
        assertEquals(1, verified.copied());
        assertEverythingMigrated();
    }

    @Test
    void aSameSizeChangeOfTheSourceIsCopiedAgainWithoutVerify() throws IOException {
        migrate(from, to, RUN);
        String id = ids.get(1);
        byte[] changed;
        try (InputStream in = from.binarydata().open(id)) {
            changed = in.readAllBytes();
        }
        changed[0] ^= 0x55;
        from.binarydata().create(id, new java.io.ByteArrayInputStream(changed), changed.length); // same size, later time

        MigrationProgress rerun = migrate(from, to, RUN);

        assertEquals(1, rerun.copied(), "the changed file, and only it");
        try (InputStream migrated = to.binarydata().open(id)) {
            assertArrayEquals(changed, migrated.readAllBytes(), "the new time was not written over the old bytes");
        }
        assertEverythingMigrated();
    }

    @Test
    void modificationTimesTheDfsTableCannotHoldAreFailuresWithTheReason() throws Exception {
        long[] unstorable = { 0, -86_400, 1L + Integer.MAX_VALUE };
        List<String> failing = new ArrayList<>();
        for (int i = 0; i < unstorable.length; i++) {
            String id = ids.get(3 + i);
            Files.setLastModifiedTime(local.resolve("var/site/storage/" + id), FileTime.from(Instant.ofEpochSecond(unstorable[i])));
            failing.add(id);
        }

        for (int run = 0; run < 2; run++) {
            MigrationProgress progress = migrate(from, to, RUN);
            assertEquals(unstorable.length, progress.failed(), "on every run: " + progress.failures());
            assertEquals(ids.size() - unstorable.length, progress.copied() + progress.skipped());
            for (int i = 0; i < unstorable.length; i++) {
                String id = failing.get(i);
                String reason = progress.failures().stream().filter(failure -> failure.id().equals(id)).findFirst().orElseThrow().reason();
                assertTrue(reason.contains("CLUSTERIO0081") && reason.contains("modification time " + unstorable[i]), reason);
            }
        }
        assertEquals(ids.size() - unstorable.length, rowsInTable(), "no row that readers cannot see");
        for (String id : failing) {
            assertFalse(Files.exists(nfs.resolve("var/site/storage/" + id)), "refused before its bytes were copied: no orphan " + id);
        }
    }

    /**
     * The destination store's clock may run ahead of the source's (an NFS server, an S3 endpoint): a copy that looks
     * newer than a later same-size change of its source must still be copied again, since its record names the old
     * version.
     */
    @Test
    void aDestinationClockAheadNeverKeepsOldBytesUnderNewMetadata() throws IOException {
        migrate(from, to, RUN);
        String id = ids.get(2);
        Path source = local.resolve("var/site/storage/" + id);
        FileTime migratedVersion = Files.getLastModifiedTime(source);
        byte[] changed = Files.readAllBytes(source);
        changed[0] ^= 0x55;
        from.binarydata().create(id, new java.io.ByteArrayInputStream(changed), changed.length);
        Files.setLastModifiedTime(source, FileTime.from(migratedVersion.toInstant().plusSeconds(5)));
        Files.setLastModifiedTime(nfs.resolve("var/site/storage/" + id), FileTime.from(Instant.now().plus(java.time.Duration.ofDays(1))));

        MigrationProgress rerun = migrate(from, to, RUN);

        assertEquals(1, rerun.copied(), "the changed file, and only it");
        try (InputStream migrated = to.binarydata().open(id)) {
            assertArrayEquals(changed, migrated.readAllBytes(), "the copy's time, ahead of the source's, did not pass for the new version");
        }
        assertEverythingMigrated();
    }

    @Test
    void filesDeletedWhileTheListingRunsAreSkippedAndTheRunGoesOn() throws IOException {
        // One file at a time: when the first file is listed, its directory is open and its other entries are read
        // ahead, and the other directories are still to come. Then half of the files and one whole tree go away.
        List<String> deleted = new ArrayList<>();
        MetadataHandler deleting = new DeletingWhenFirstListed(from.metadata(), first -> {
            String tree = first.startsWith("images-versioned/") ? "original/" : "images-versioned/";
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                if (!id.equals(first) && (i % 2 == 1 || id.startsWith(tree))) {
                    from.binarydata().delete(id);
                    deleted.add(id);
                }
            }
            from.binarydata().deleteDirectory(tree.substring(0, tree.length() - 1));
        });

        MigrationProgress progress = migrate(new FileMigration.Handlers("default", deleting, "default", from.binarydata()), to,
                new FileMigration.Options(1, 1, false, false));

        assertEquals(0, progress.failed(), progress.failures().toString());
        assertEquals(ids.size() - deleted.size(), progress.copied());
        ids.removeAll(deleted);
        assertEverythingMigrated();
    }

    /**
     * Pages are written in one batch of rows: a row the table refuses fails the batch, which is then written one row
     * at a time, so that this file alone fails (reported, with no record naming it) and every other file lands.
     */
    @Test
    void aRowTheTableRefusesFailsAloneAndTheRestOfItsPageLands() throws Exception {
        String refused = ids.get(5);
        to.metadata().count(""); // the table exists: plant the constraint
        try (java.sql.Connection connection = h2.getConnection(); java.sql.Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE ezdfsfile ADD CONSTRAINT refuses_one CHECK (name <> 'var/site/storage/" + refused + "')");
        }

        MigrationProgress progress = migrate(from, to, new FileMigration.Options(37, 4, false, false, Duration.ofMillis(1)));

        assertEquals(1, progress.failed(), progress.failures().toString());
        assertEquals(refused, progress.failures().get(0).id());
        assertEquals(ids.size() - 1, progress.copied());
        assertEquals(ids.size() - 1, rowsInTable());
        assertTrue(to.metadata().load(refused).isEmpty(), "no record of the refused file");
        for (String id : ids) {
            if (!id.equals(refused)) {
                assertTrue(to.metadata().load(id).isPresent(), id);
            }
        }
        try (Stream<BinaryFileMetadata> leftovers = to.binarydata().listTemporaryLeftovers()) {
            assertEquals(0, leftovers.count(), "no partial file");
        }
    }

    /** The bytes counted are those written, batch or not, and flushed batches store what single writes store. */
    @Test
    void flushedBatchesStoreEveryFileAndCountItsBytes() throws IOException {
        BinarydataHandler flushed = new FilesystemBinarydataStore(nfs, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0644"),
                PosixPermissions.fromOctal("0755"), true).forSite(SITE);
        FileMigration.Handlers durable = new FileMigration.Handlers("dfs", dfs.forSite(SITE, flushed), "nfs", flushed);

        MigrationTotals totals = new MigrationTotals();
        MigrationProgress progress = new FileMigration(from, durable, RUN, new MigrationProgress("flushed", false, totals), Duration.ofHours(1), p -> {
        }).run();

        assertEquals(ids.size(), progress.copied());
        long bytes = 0;
        for (String id : ids) {
            bytes += from.metadata().load(id).orElseThrow().size();
        }
        assertEquals(bytes, totals.bytes());
        assertEquals(ids.size(), totals.files());
        assertEverythingMigrated();
        try (Stream<BinaryFileMetadata> leftovers = flushed.listTemporaryLeftovers()) {
            assertEquals(0, leftovers.count());
        }
    }

    @Test
    void optionsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new FileMigration.Options(0, 1, false, false));
        assertThrows(IllegalArgumentException.class, () -> new FileMigration.Options(1, 0, false, false));
    }

    private void assertEverythingMigrated() throws IOException {
        MetadataHandler metadata = dfs.forSite(SITE, null);
        assertEquals(ids.size(), metadata.count(""));
        for (String id : ids) {
            BinaryFileMetadata source = from.metadata().load(id).orElseThrow();
            BinaryFileMetadata migrated = metadata.load(id).orElseThrow(() -> new AssertionError("no metadata for " + id));
            assertEquals(source.size(), migrated.size(), id);
            assertEquals(source.mtime().getEpochSecond(), migrated.mtime().getEpochSecond(), id);
            assertEquals(source.mimeType(), migrated.mimeType(), id);
            try (InputStream expected = from.binarydata().open(id); InputStream actual = to.binarydata().open(id)) {
                assertArrayEquals(expected.readAllBytes(), actual.readAllBytes(), id);
            }
        }
    }

    private long rowsInTable() throws java.sql.SQLException {
        try (java.sql.Connection connection = h2.getConnection(); java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM ezdfsfile")) {
            count.next();
            return count.getLong(1);
        }
    }

    /** The source's metadata, listed as it is; the first file listed sets off something (deletes at the source). */
    private static final class DeletingWhenFirstListed extends ForwardingMetadataHandler {

        private final Consumer<String> onFirst;

        DeletingWhenFirstListed(MetadataHandler delegate, Consumer<String> onFirst) {
            super(delegate);
            this.onFirst = onFirst;
        }

        @Override
        public Stream<BinaryFileMetadata> list(String prefix, int pageSize) {
            AtomicInteger listed = new AtomicInteger();
            return super.list(prefix, pageSize).peek(file -> {
                if (listed.incrementAndGet() == 1) {
                    onFirst.accept(file.name());
                }
            });
        }
    }

    /** A metadata handler whose writes fail for good after a number of them, like a server that went away. */
    private static final class StoppingMetadataHandler extends ForwardingMetadataHandler {

        private final AtomicInteger writes;
        private final int limit;

        StoppingMetadataHandler(MetadataHandler delegate, AtomicInteger writes, int limit) {
            super(delegate);
            this.writes = writes;
            this.limit = limit;
        }

        @Override
        public BinaryFileMetadata create(BinaryFileMetadata metadata) {
            if (writes.incrementAndGet() > limit) {
                throw new ClusterIOException("the server is gone");
            }
            return super.create(metadata);
        }
    }
}
