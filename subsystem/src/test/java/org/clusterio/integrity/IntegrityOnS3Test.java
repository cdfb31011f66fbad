package org.clusterio.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.SiteLayout;
import org.clusterio.io.dfs.Databases;
import org.clusterio.io.dfs.DfsMetadataStore;
import org.clusterio.io.s3.S3BinarydataStore;
import org.clusterio.io.s3.S3Settings;
import org.clusterio.migration.FileMigration;
import org.clusterio.testing.S3ProxyProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * check-integrity and purge on a DFS table in PostgreSQL and an S3 bucket (S3Proxy): objects written directly to the
 * bucket, rows by SQL. S3 sets an object's time itself, so the protect window is shown by purging with and without
 * one; verify compares the bytes with the ETag of single-part uploads.
 */
class IntegrityOnS3Test {

    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");
    private static final IntegrityOptions VERIFY = new IntegrityOptions(2, true);

    @TempDir
    static Path work;

    private static S3ProxyProcess server;
    private static S3Client admin;

    private String bucket;
    private S3BinarydataStore store;
    private DfsMetadataStore dfs;
    private String table;
    private Damage damage;
    private FileMigration.Handlers handlers;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyProcess.start(work);
        admin = server.client();
    }

    @AfterAll
    static void stopServer() throws Exception {
        admin.close();
        server.close();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        dfs.close();
        Databases.execute(Databases.POSTGRESQL.dataSource(), "DROP TABLE " + table);
    }

    private void stores() throws Exception {
        bucket = "clusterio-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createBucket(create -> create.bucket(bucket));
        store = new S3BinarydataStore(new S3Settings(bucket, "us-east-1", Optional.of(server.endpoint()), true,
                Optional.of(new S3Settings.StaticKeys(S3ProxyProcess.ACCESS_KEY, S3ProxyProcess.SECRET_KEY)), S3Settings.MIN_PART_SIZE, Duration.ofSeconds(2),
                Duration.ofSeconds(30), 2, true), "", "$var_dir$/$storage_dir$/");
        table = Databases.freshTable();
        dfs = new DfsMetadataStore("dfs", Databases.POSTGRESQL.dataSource(), table, true);
        BinarydataHandler objects = store.forSite(SITE);
        handlers = new FileMigration.Handlers("dfs", dfs.forSite(SITE, objects), "aws_s3", objects);
        handlers.metadata().count("");
        damage = new Damage(Databases.POSTGRESQL.dataSource(), table, work);
    }

    private void object(String id, int size) {
        admin.putObject(put -> put.bucket(bucket).key(Damage.SITE_PREFIX + id), RequestBody.fromBytes(new byte[size]));
    }

    private boolean objectExists(String id) {
        return admin.listObjectsV2(list -> list.bucket(bucket).prefix(Damage.SITE_PREFIX + id)).keyCount() > 0;
    }

    private IntegrityProgress run(IntegrityOptions options, PurgeOptions purge) {
        IntegrityProgress progress = new IntegrityProgress("purge", "test", purge.dryRun(), Instant.now());
        return new IntegrityScan(handlers, options, progress, Duration.ofHours(1), p -> {
        }).run(new IntegrityPurge(handlers, purge, progress));
    }

    @Test
    void theReportIsExactAndPurgeKeepsWhatIsYoungerThanTheWindow() throws Exception {
        stores();
        Instant old = Instant.now().minus(Duration.ofDays(2));
        for (int i = 0; i < 5; i++) {
            damage.row("images/good/" + i + ".jpg", 10 + i, old);
            object("images/good/" + i + ".jpg", 10 + i);
        }
        damage.row("images/row-without-bytes.jpg", 3, old);
        object("original/orphan.pdf", 7);
        damage.row("images/size.png", 3, old);
        object("images/size.png", 4);
        damage.softDeletedRow("images/soft.gif", 5, old);
        object("images/soft.gif", 5);
        Set<PurgeTarget> everything = EnumSet.allOf(PurgeTarget.class);

        IntegrityProgress windowed = run(VERIFY, new PurgeOptions(everything, PurgeOptions.DEFAULT_OLDER_THAN, false));

        assertEquals(5 + 1 + 1 + 1, windowed.rowsChecked());
        assertEquals(Set.of("images/row-without-bytes.jpg"), Set.copyOf(windowed.examples(Finding.ROWS_WITHOUT_BYTES)));
        // the object of the soft-deleted row too, once the purge removed the row (rows before bytes)
        assertEquals(Set.of("original/orphan.pdf", "images/soft.gif"), Set.copyOf(windowed.examples(Finding.BYTES_WITHOUT_ROW)));
        assertEquals(Set.of("images/size.png"), Set.copyOf(windowed.examples(Finding.SIZE_MISMATCHES)));
        assertEquals(Set.of("images/soft.gif"), Set.copyOf(windowed.examples(Finding.SOFT_DELETED_ROWS)));
        assertEquals(0, windowed.count(Finding.CHECKSUM_MISMATCHES));
        assertEquals(0, windowed.notVerifiable(), "single-part uploads: every ETag is an MD5");
        assertEquals(0, windowed.purged(PurgeTarget.ORPHAN_FILES), "the orphan objects were just written");
        assertEquals(2, windowed.kept(PurgeTarget.ORPHAN_FILES));
        assertTrue(objectExists("original/orphan.pdf"));
        assertEquals(1, windowed.purged(PurgeTarget.SOFT_DELETED), "the row is old");
        assertEquals(0, damage.rows("images/soft.gif"));
        assertTrue(objectExists("images/soft.gif"), "but its object is younger than the window");
        assertEquals(1, windowed.purged(PurgeTarget.ORPHAN_ROWS));

        IntegrityProgress unprotected = run(VERIFY, new PurgeOptions(everything, Duration.ZERO, false));
        assertEquals(Set.of("original/orphan.pdf", "images/soft.gif"), Set.copyOf(unprotected.purgedExamples(PurgeTarget.ORPHAN_FILES)));
        assertFalse(objectExists("original/orphan.pdf") || objectExists("images/soft.gif"));
        for (int i = 0; i < 5; i++) {
            assertTrue(objectExists("images/good/" + i + ".jpg"));
        }
    }
}
