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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.clusterio.api.ClusterIOException;
import org.clusterio.io.BinaryFileMetadata;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.ForwardingMetadataHandler;
import org.clusterio.io.MetadataHandler;
import org.clusterio.io.SiteLayout;
import org.clusterio.io.dfs.DfsMetadataStore;
import org.clusterio.io.fs.FilesystemBinarydataStore;
import org.clusterio.io.fs.PosixPermissions;
import org.clusterio.io.fs.StoreDerivedMetadataHandler;
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

    private DfsMetadataStore dfs;
    private FileMigration.Handlers from;
    private FileMigration.Handlers to;
    private final List<String> ids = new ArrayList<>();

    @BeforeEach
    void stores() throws IOException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dfs = new DfsMetadataStore("dfs", h2, "ezdfsfile", true);
        BinarydataHandler localFiles = store(local);
        from = new FileMigration.Handlers("default", new StoreDerivedMetadataHandler(localFiles), "default", localFiles);
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
        MigrationProgress progress = migrate(to, new FileMigration.Handlers("default", new StoreDerivedMetadataHandler(back), "default", back), RUN);
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
