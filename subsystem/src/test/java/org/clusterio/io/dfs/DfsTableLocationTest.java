package org.clusterio.io.dfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

import org.clusterio.api.IOBackendException;
import org.clusterio.io.BinaryFileMetadata;
import org.clusterio.io.MetadataHandler;
import org.clusterio.io.SiteLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Which table create-schema and the table check look at: the one in the datasource's own database (MariaDB) or
 * schema (PostgreSQL, H2), never a table of the same name in another database or schema of the same server, such
 * as a PHP cluster's or a staging copy. A missing table without create-schema is reported once, with the fix.
 */
class DfsTableLocationTest {

    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");
    /** Another database of the same server that holds a PHP cluster's table. */
    private static final String PHP_CLUSTERS = "clusterio_dfs20_a";
    /** The empty database (or schema) of the new datasource. */
    private static final String OURS = "clusterio_dfs20_b";
    private static final BinaryFileMetadata PHOTO = new BinaryFileMetadata("images/1/photo.jpg", 10, Instant.ofEpochSecond(1_700_000_000), "image/jpeg");

    private DfsServers server;
    private DfsMetadataStore store;

    private void createNamespaces(DfsServers database) throws SQLException {
        server = database;
        server.create(PHP_CLUSTERS);
        server.create(OURS);
    }

    private MetadataHandler handler(String table, boolean createSchema) throws SQLException {
        store = new DfsMetadataStore("dfs", "DfsDS", server.in(OURS), table, createSchema);
        return store.forSite(SITE, null);
    }

    @AfterEach
    void dropNamespaces() throws SQLException {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.drop(PHP_CLUSTERS);
            server.drop(OURS);
        }
    }

    @ParameterizedTest
    @EnumSource(DfsServers.class)
    void createSchemaCreatesItsOwnTableThoughAnotherDatabaseOfTheServerHasOne(DfsServers database) throws Exception {
        createNamespaces(database);
        server.createTableAsPhpNodesDo(PHP_CLUSTERS, "ezdfsfile");
        String stored = server.folding().stored("ezdfsfile");
        try (CapturedLog log = new CapturedLog()) {
            MetadataHandler dfs = handler("ezdfsfile", true);
            dfs.create(PHOTO);
            assertEquals(Optional.of(PHOTO), dfs.load(PHOTO.name()));

            List<CapturedLog.Entry> created = log.withId("CLUSTERIO0003");
            assertEquals(1, created.size(), "the creation is logged once: " + created);
            assertTrue(created.get(0).message().contains(server.location(OURS)) && created.get(0).message().contains("'DfsDS'")
                    && created.get(0).message().contains(server.ddlFile()), created.get(0).message());
        }
        assertTrue(server.tables(OURS).contains(stored), "created in the datasource's own namespace: " + server.tables(OURS));
        assertEquals(1, server.rows(OURS, stored));
        assertEquals(0, server.rows(PHP_CLUSTERS, stored), "the other database's table is not ours");
    }

    @ParameterizedTest
    @EnumSource(DfsServers.class)
    void aMissingTableWithoutCreateSchemaIsReportedOnceWithTheFileToRun(DfsServers database) throws Exception {
        createNamespaces(database);
        server.createTableAsPhpNodesDo(PHP_CLUSTERS, "ezdfsfile");
        try (CapturedLog log = new CapturedLog()) {
            MetadataHandler dfs = handler("ezdfsfile", false);
            for (int call = 0; call < 3; call++) {
                IOBackendException failure = assertThrows(IOBackendException.class, () -> dfs.load(PHOTO.name()));
                assertNamesTableDatabaseAndFix(failure.getMessage(), "CLUSTERIO0061");
            }
            assertThrows(IOBackendException.class, () -> dfs.create(PHOTO));

            List<CapturedLog.Entry> reported = log.withId("CLUSTERIO0060");
            assertEquals(1, reported.size(), "reported once, not by every call: " + reported);
            assertTrue(reported.get(0).level().intValue() >= Level.SEVERE.intValue(), "an error: " + reported.get(0).level());
            assertNamesTableDatabaseAndFix(reported.get(0).message(), "CLUSTERIO0060");
            assertFalse(server.tables(OURS).contains(server.folding().stored("ezdfsfile")), "nothing created without create-schema");

            // The operator runs the file the message names; the very next call finds the table, without a reload.
            server.createTableAsPhpNodesDo(OURS, "ezdfsfile");
            assertEquals(Optional.empty(), dfs.load(PHOTO.name()));
            dfs.create(PHOTO);
            assertEquals(Optional.of(PHOTO), dfs.load(PHOTO.name()));
            assertEquals(1, log.withId("CLUSTERIO0060").size());
        }
    }

    private void assertNamesTableDatabaseAndFix(String message, String messageId) {
        for (String part : List.of(messageId + ":", "DFS metadata handler 'dfs'", "table ezdfsfile", "in " + server.location(OURS), "data-source 'DfsDS'",
                "docs/sql/" + server.ddlFile(), "create-schema=true")) {
            assertTrue(message.contains(part), "'" + part + "' in: " + message);
        }
    }

    /** With no current database, a null catalog would search every database of the server again. */
    @ParameterizedTest
    @EnumSource(value = DfsServers.class, names = { "MARIADB", "MARIADB_THROUGH_MYSQL_CONNECTOR", "POSTGRESQL" })
    void aConnectionWithoutACurrentDatabaseIsReportedNotSearchedEverywhere(DfsServers database) throws Exception {
        createNamespaces(database);
        server.createTableAsPhpNodesDo(PHP_CLUSTERS, "ezdfsfile");
        store = new DfsMetadataStore("dfs", "DfsDS", server.withoutCurrentNamespace(), "ezdfsfile", true);
        MetadataHandler dfs = store.forSite(SITE, null);
        try (CapturedLog log = new CapturedLog()) {
            for (int call = 0; call < 2; call++) {
                IOBackendException failure = assertThrows(IOBackendException.class, () -> dfs.load(PHOTO.name()));
                assertTrue(failure.getMessage().startsWith("CLUSTERIO0063:") && failure.getMessage().contains("data-source 'DfsDS'")
                        && failure.getMessage().contains("connection-url"), failure.getMessage());
            }
            assertEquals(1, log.withId("CLUSTERIO0062").size(), "reported once");
        }
        assertEquals(0, server.rows(PHP_CLUSTERS, server.folding().stored("ezdfsfile")));
    }

    /** PHP tooling creates a custom table with an unquoted name: the same name in the subsystem names the same table. */
    @ParameterizedTest
    @EnumSource(DfsServers.class)
    void aCustomTableNameNamesTheTableItsUnquotedIdentifierNames(DfsServers database) throws Exception {
        createNamespaces(database);
        server.createTableAsPhpNodesDo(PHP_CLUSTERS, "Dfs20_Files");
        server.createTableAsPhpNodesDo(OURS, "dfs20_files");
        MetadataHandler dfs = handler("Dfs20_Files", true);
        dfs.create(PHOTO);

        DfsServers.Folding folding = server.folding();
        boolean sameTable = folding.sameTable("Dfs20_Files", "dfs20_files");
        assertEquals(sameTable ? 1 : 0, server.rows(OURS, folding.stored("dfs20_files")),
                "Dfs20_Files and dfs20_files are " + (sameTable ? "one table" : "two tables") + " when identifiers fold " + folding);
        if (!sameTable) {
            assertEquals(1, server.rows(OURS, "Dfs20_Files"), "created beside the table of another spelling");
        }
        assertEquals(0, server.rows(PHP_CLUSTERS, folding.stored("Dfs20_Files")));
        assertEquals(Optional.of(PHOTO), dfs.load(PHOTO.name()));
    }

    /** getTables takes a pattern: '_' in a table name must not match a table that has another character there. */
    @ParameterizedTest
    @EnumSource(DfsServers.class)
    void anUnderscoreInTheTableNameIsNoWildcard(DfsServers database) throws Exception {
        createNamespaces(database);
        server.createTableAsPhpNodesDo(OURS, "dfs20xfiles");
        MetadataHandler dfs = handler("dfs20_files", true);
        dfs.create(PHOTO);
        assertEquals(1, server.rows(OURS, server.folding().stored("dfs20_files")));
        assertEquals(0, server.rows(OURS, server.folding().stored("dfs20xfiles")));
    }

    /** The name is quoted in every statement, so a table may be called what SQL reserves. */
    @ParameterizedTest
    @EnumSource(DfsServers.class)
    void aTableNamedLikeAKeywordWorks(DfsServers database) throws Exception {
        createNamespaces(database);
        MetadataHandler dfs = handler("Order", true);
        dfs.create(PHOTO);
        assertEquals(Optional.of(PHOTO), dfs.load(PHOTO.name()));
        assertTrue(dfs.exists(PHOTO.name()));
        assertTrue(dfs.delete(PHOTO.name()));
        assertTrue(server.tables(OURS).contains(server.folding().stored("Order")), server.tables(OURS).toString());
    }
}
