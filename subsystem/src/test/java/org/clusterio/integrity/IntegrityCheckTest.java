package org.clusterio.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.clusterio.api.IOBackendException;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.SiteLayout;
import org.clusterio.io.dfs.Databases;
import org.clusterio.io.dfs.DfsMetadataStore;
import org.clusterio.io.fs.FilesystemBinarydataStore;
import org.clusterio.io.fs.PosixPermissions;
import org.clusterio.migration.FileMigration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * check-integrity and purge on a DFS table in H2, MariaDB and PostgreSQL and an NFS-style directory, with every kind
 * of damage planted the way PHP nodes, crashes and kills leave it (see {@link Damage}), old and young: the report is
 * exact, and purge removes exactly the old damage it is asked to, and nothing younger than its window.
 */
class IntegrityCheckTest {

    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");
    /** A small page, so that every stream is read in several pages. */
    private static final IntegrityOptions OPTIONS = new IntegrityOptions(3, false);
    private static final Set<PurgeTarget> EVERYTHING = EnumSet.allOf(PurgeTarget.class);

    private static final Instant NOW = Instant.now();
    private static final Instant OLD = NOW.minus(Duration.ofDays(3));
    private static final Instant YOUNG = NOW.minus(Duration.ofHours(1));

    private static final String OLD_ROW_WITHOUT_BYTES = "images/old/row-without-bytes.jpg";
    private static final String YOUNG_ROW_WITHOUT_BYTES = "images/young/row-without-bytes.jpg";
    private static final String OLD_ORPHAN = "original/old/orphan é.pdf";
    private static final String YOUNG_ORPHAN = "original/young/orphan.pdf";
    private static final String SIZE_MISMATCH = "images/size/mismatch.png";
    private static final String OLD_SOFT_DELETED = "images/old/soft-deleted.gif";
    private static final String OLD_SOFT_DELETED_WITHOUT_BYTES = "images/old/soft-deleted-without-bytes.gif";
    private static final String YOUNG_SOFT_DELETED = "images/young/soft-deleted.gif";

    @TempDir
    Path nfs;

    @TempDir
    Path scratch;

    private DataSource dataSource;
    private String table;
    private DfsMetadataStore dfs;
    private FileMigration.Handlers handlers;
    private Damage damage;
    private final List<String> healthy = new ArrayList<>();
    private String leftover;

    private void plant(Databases database) throws Exception {
        dataSource = database.dataSource();
        table = Databases.freshTable();
        dfs = new DfsMetadataStore("dfs", dataSource, table, true);
        BinarydataHandler files = new FilesystemBinarydataStore(nfs, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0644"),
                PosixPermissions.fromOctal("0755"), false).forSite(SITE);
        handlers = new FileMigration.Handlers("dfs", dfs.forSite(SITE, files), "nfs", files);
        handlers.metadata().count(""); // creates the table
        damage = new Damage(dataSource, table, nfs);

        for (int i = 0; i < 9; i++) {
            String id = i % 2 == 0 ? "images/" + i + "/photo " + i + ".jpg" : "original/application/report-" + i + ".pdf";
            damage.row(id, 100 + i, i < 5 ? OLD : YOUNG);
            damage.file(id, 100 + i, i < 5 ? OLD : YOUNG);
            healthy.add(id);
        }
        damage.rowOfOtherSite("var/other/storage/images/not-this-site.jpg", OLD);
        damage.row(OLD_ROW_WITHOUT_BYTES, 10, OLD);
        damage.row(YOUNG_ROW_WITHOUT_BYTES, 10, YOUNG);
        damage.file(OLD_ORPHAN, 30, OLD);
        damage.file(YOUNG_ORPHAN, 30, YOUNG);
        damage.row(SIZE_MISMATCH, 10, OLD);
        damage.file(SIZE_MISMATCH, 20, OLD);
        damage.softDeletedRow(OLD_SOFT_DELETED, 40, OLD);
        damage.file(OLD_SOFT_DELETED, 40, OLD);
        damage.softDeletedRow(OLD_SOFT_DELETED_WITHOUT_BYTES, 40, OLD);
        damage.softDeletedRow(YOUNG_SOFT_DELETED, 40, YOUNG);
        damage.file(YOUNG_SOFT_DELETED, 40, YOUNG);
        leftover = damage.killedWriter(scratch);
    }

    @AfterEach
    void drop() throws Exception {
        if (dfs != null) {
            dfs.close();
            Databases.execute(dataSource, "DROP TABLE " + table);
        }
    }

    private IntegrityProgress check() {
        return new IntegrityScan(handlers, OPTIONS, new IntegrityProgress("check-integrity", "test", true, Instant.now()), Duration.ofHours(1), p -> {
        }).run(IntegrityScan.Repair.NONE);
    }

    private IntegrityProgress purge(FileMigration.Handlers on, PurgeOptions options) {
        IntegrityProgress progress = new IntegrityProgress("purge", "test", options.dryRun(), Instant.now());
        return new IntegrityScan(on, OPTIONS, progress, Duration.ofHours(1), p -> {
        }).run(new IntegrityPurge(on, options, progress));
    }

    private static void assertFound(IntegrityProgress progress, Finding finding, String... ids) {
        assertEquals(ids.length, progress.count(finding), finding + ": " + progress.examples(finding));
        assertEquals(Set.of(ids), Set.copyOf(progress.examples(finding)), finding.modelName());
    }

    private static void assertPurged(IntegrityProgress progress, PurgeTarget target, long kept, String... ids) {
        assertEquals(Set.of(ids), Set.copyOf(progress.purgedExamples(target)), target.modelName());
        assertEquals(ids.length, progress.purged(target), target.modelName());
        assertEquals(kept, progress.kept(target), "kept " + target.modelName());
        assertEquals(0, progress.failed(target), progress.failures(target).toString());
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void theReportNamesEveryKindOfDamageExactly(Databases database) throws Exception {
        plant(database);

        IntegrityProgress report = check();

        assertFalse(report.running());
        assertEquals(9 + 2 + 1 + 3, report.rowsChecked(), "this site's rows, soft-deleted ones included, and no other site's");
        assertEquals(9 + 2 + 1 + 2, report.filesChecked());
        assertFound(report, Finding.ROWS_WITHOUT_BYTES, OLD_ROW_WITHOUT_BYTES, YOUNG_ROW_WITHOUT_BYTES);
        assertFound(report, Finding.BYTES_WITHOUT_ROW, OLD_ORPHAN, YOUNG_ORPHAN);
        assertFound(report, Finding.SIZE_MISMATCHES, SIZE_MISMATCH);
        assertFound(report, Finding.SOFT_DELETED_ROWS, OLD_SOFT_DELETED, OLD_SOFT_DELETED_WITHOUT_BYTES, YOUNG_SOFT_DELETED);
        assertFound(report, Finding.TEMPORARY_LEFTOVERS, leftover);
        assertFound(report, Finding.CHECKSUM_MISMATCHES);
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void purgeRemovesExactlyTheOldDamageAndADryRunNothing(Databases database) throws Exception {
        plant(database);

        IntegrityProgress dryRun = purge(handlers, new PurgeOptions(EVERYTHING, PurgeOptions.DEFAULT_OLDER_THAN, true));
        assertPurged(dryRun, PurgeTarget.ORPHAN_FILES, 1, OLD_ORPHAN);
        assertPurged(dryRun, PurgeTarget.SOFT_DELETED, 1, OLD_SOFT_DELETED, OLD_SOFT_DELETED_WITHOUT_BYTES);
        assertPurged(dryRun, PurgeTarget.ORPHAN_ROWS, 1, OLD_ROW_WITHOUT_BYTES);
        assertTrue(damage.fileExists(OLD_ORPHAN) && damage.fileExists(OLD_SOFT_DELETED));
        assertEquals(1, damage.rows(OLD_SOFT_DELETED) + damage.rows(OLD_ROW_WITHOUT_BYTES) - 1);

        IntegrityProgress purged = purge(handlers, new PurgeOptions(EVERYTHING, PurgeOptions.DEFAULT_OLDER_THAN, false));
        assertPurged(purged, PurgeTarget.ORPHAN_FILES, 1, OLD_ORPHAN);
        assertPurged(purged, PurgeTarget.SOFT_DELETED, 1, OLD_SOFT_DELETED, OLD_SOFT_DELETED_WITHOUT_BYTES);
        assertPurged(purged, PurgeTarget.ORPHAN_ROWS, 1, OLD_ROW_WITHOUT_BYTES);

        assertFalse(damage.fileExists(OLD_ORPHAN));
        assertFalse(damage.fileExists(OLD_SOFT_DELETED));
        assertEquals(0, damage.rows(OLD_SOFT_DELETED) + damage.rows(OLD_SOFT_DELETED_WITHOUT_BYTES) + damage.rows(OLD_ROW_WITHOUT_BYTES));
        assertTrue(damage.fileExists(YOUNG_ORPHAN) && damage.fileExists(YOUNG_SOFT_DELETED) && damage.fileExists(SIZE_MISMATCH), "young damage is kept");
        assertEquals(3, damage.rows(YOUNG_SOFT_DELETED) + damage.rows(YOUNG_ROW_WITHOUT_BYTES) + damage.rows(SIZE_MISMATCH));
        for (String id : healthy) {
            assertTrue(damage.fileExists(id) && damage.rows(id) == 1, id);
        }
        assertTrue(handlers.binarydata().listTemporaryLeftovers().count() == 1, "leftovers are the temporary file sweep's");

        IntegrityProgress after = check();
        assertFound(after, Finding.ROWS_WITHOUT_BYTES, YOUNG_ROW_WITHOUT_BYTES);
        assertFound(after, Finding.BYTES_WITHOUT_ROW, YOUNG_ORPHAN);
        assertFound(after, Finding.SOFT_DELETED_ROWS, YOUNG_SOFT_DELETED);
        assertFound(after, Finding.SIZE_MISMATCHES, SIZE_MISMATCH);

        IntegrityProgress again = purge(handlers, new PurgeOptions(EVERYTHING, PurgeOptions.DEFAULT_OLDER_THAN, false));
        for (PurgeTarget target : PurgeTarget.values()) {
            assertPurged(again, target, 1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Databases.class, names = "H2")
    void nothingWrittenDuringThePurgeIsRemovedEvenWithoutAWindow(Databases database) throws Exception {
        plant(database);
        Instant duringTheRun = Instant.now().plusSeconds(3600); // a clock a little ahead, or a write while the walk runs
        damage.file("original/during/orphan.pdf", 5, duringTheRun);
        damage.row("images/during/row-without-bytes.jpg", 5, duringTheRun);
        damage.file(OLD_SOFT_DELETED, 41, duringTheRun); // stored again by a PHP node, its row not written yet

        IntegrityProgress purged = purge(handlers, new PurgeOptions(EVERYTHING, Duration.ZERO, false));

        assertTrue(damage.fileExists("original/during/orphan.pdf"));
        assertEquals(1, damage.rows("images/during/row-without-bytes.jpg"));
        assertTrue(damage.fileExists(OLD_SOFT_DELETED), "the new bytes of a soft-deleted name are kept, its old row goes");
        assertEquals(0, damage.rows(OLD_SOFT_DELETED));
        // kept: the orphan written during the run, and the new bytes of the soft-deleted name, orphans for now
        assertPurged(purged, PurgeTarget.ORPHAN_FILES, 2, OLD_ORPHAN, YOUNG_ORPHAN);
        assertPurged(purged, PurgeTarget.ORPHAN_ROWS, 1, OLD_ROW_WITHOUT_BYTES, YOUNG_ROW_WITHOUT_BYTES);
    }

    @ParameterizedTest
    @EnumSource(value = Databases.class, names = { "MARIADB", "MARIADB_THROUGH_MYSQL_CONNECTOR", "POSTGRESQL" })
    void aPurgeKilledBetweenARowAndItsBytesCompletesWhenRunAgain(Databases database) throws Exception {
        plant(database);
        // The binarydata store fails every delete, as if the node died right after the rows went.
        BinarydataHandler real = handlers.binarydata();
        BinarydataHandler dying = (BinarydataHandler) Proxy.newProxyInstance(BinarydataHandler.class.getClassLoader(), new Class<?>[] { BinarydataHandler.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("delete")) {
                        throw new IOBackendException("the node died", null);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        IntegrityProgress killed = purge(new FileMigration.Handlers("dfs", handlers.metadata(), "nfs", dying),
                new PurgeOptions(Set.of(PurgeTarget.SOFT_DELETED), PurgeOptions.DEFAULT_OLDER_THAN, false));
        assertEquals(1, killed.failed(PurgeTarget.SOFT_DELETED), killed.failures(PurgeTarget.SOFT_DELETED).toString());
        assertTrue(killed.failures(PurgeTarget.SOFT_DELETED).get(0).startsWith(OLD_SOFT_DELETED + ": "));
        assertEquals(0, damage.rows(OLD_SOFT_DELETED), "rows before bytes");
        assertTrue(damage.fileExists(OLD_SOFT_DELETED));

        IntegrityProgress rerun = purge(handlers, new PurgeOptions(EVERYTHING, PurgeOptions.DEFAULT_OLDER_THAN, false));

        assertPurged(rerun, PurgeTarget.ORPHAN_FILES, 1, OLD_ORPHAN, OLD_SOFT_DELETED);
        assertFalse(damage.fileExists(OLD_SOFT_DELETED));
    }
}
