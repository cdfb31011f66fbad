package org.clusterio.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.clusterio.io.BinaryStoreMetadataHandler;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.SiteLayout;
import org.clusterio.io.fs.FilesystemBinarydataStore;
import org.clusterio.io.fs.PosixPermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * migrate-files walks a whole tree and writes a whole tree: links planted in the source take nothing from outside it,
 * links planted in the destination get nothing written outside it. Real files and links.
 */
class MigrationThroughLinksTest {

    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");

    @TempDir
    Path sandbox;

    @Test
    void linksInEitherTreeTakeNothingFromOutsideAndWriteNothingThere() throws IOException {
        BinarydataHandler local = store(sandbox.resolve("local"));
        BinarydataHandler nfs = store(sandbox.resolve("nfs"));
        local.create("images/a.jpg", new ByteArrayInputStream(new byte[] { 1 }), 1);
        local.create("images/b/c.jpg", new ByteArrayInputStream(new byte[] { 2 }), 1);
        nfs.create("images/keep.jpg", new ByteArrayInputStream(new byte[] { 3 }), 1);
        Path secrets = Files.createDirectories(sandbox.resolve("secrets"));
        Files.writeString(secrets.resolve("secret.jpg"), "outside the source");
        Files.createSymbolicLink(sandbox.resolve("local/var/site/storage/images/planted"), secrets);
        Path elsewhere = Files.createDirectories(sandbox.resolve("elsewhere"));
        Files.createSymbolicLink(sandbox.resolve("nfs/var/site/storage/images/b"), elsewhere);

        FileMigration.Handlers from = new FileMigration.Handlers("default", new BinaryStoreMetadataHandler(local), "default", local);
        FileMigration.Handlers to = new FileMigration.Handlers("nfs", new BinaryStoreMetadataHandler(nfs), "nfs", nfs);
        FileMigration.Options options = new FileMigration.Options(10, 2, false, false);
        MigrationProgress progress = new FileMigration(from, to, options, new MigrationProgress("links", false), Duration.ofMinutes(1), p -> {
        }).run();

        assertEquals(2, progress.total(), "the planted link is no file of the source");
        assertEquals(1, progress.copied());
        assertEquals(1, progress.failed(), progress.failures().toString());
        assertTrue(progress.failures().toString().contains("images/b/c.jpg"), progress.failures().toString());
        try (Stream<Path> written = Files.list(elsewhere)) {
            assertEquals(List.of(), written.toList(), "nothing written through the destination's link");
        }
        try (Stream<Path> files = Files.walk(sandbox.resolve("nfs"))) {
            assertEquals(List.of("a.jpg", "keep.jpg"), files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    private static BinarydataHandler store(Path root) {
        return new FilesystemBinarydataStore(root, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0644"), PosixPermissions.fromOctal("0755"), false)
                .forSite(SITE);
    }
}
