package org.clusterio.io.dfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.clusterio.api.IOBackendException;
import org.clusterio.io.BackendErrors;
import org.clusterio.io.BinaryFileMetadata;
import org.clusterio.io.ErrorCountingStores;
import org.clusterio.io.MetadataHandler;
import org.clusterio.io.MetadataStore;
import org.clusterio.io.SiteLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The DFS handler's batch writes and lookups (what migrate-files uses a page at a time), on H2, MariaDB and PostgreSQL:
 * a batch writes the very rows that single writes write, and a row the table refuses fails alone.
 */
class DfsBatchWriteTest {

    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");
    private static final Instant MTIME = Instant.ofEpochSecond(1_700_000_000);

    private final List<DfsMetadataStore> stores = new ArrayList<>();
    private DataSource dataSource;

    @AfterEach
    void close() {
        stores.forEach(DfsMetadataStore::close);
    }

    private DfsMetadataStore store(Databases database, String table) throws SQLException {
        if (dataSource == null) {
            dataSource = database.dataSource();
        }
        DfsMetadataStore store = new DfsMetadataStore("dfs", dataSource, table, true);
        store.dialect();
        stores.add(store);
        return store;
    }

    private static List<BinaryFileMetadata> records(int count) {
        List<BinaryFileMetadata> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(new BinaryFileMetadata("images/" + i + "/été " + i + "/photo.jpg", 1000 + i, MTIME.plusSeconds(i), "image/jpeg"));
        }
        return records;
    }

    @ParameterizedTest
    @EnumSource(value = Databases.class, names = { "H2", "MARIADB", "MARIADB_THROUGH_MYSQL_CONNECTOR", "POSTGRESQL" })
    void aBatchWritesTheRowsThatSingleWritesWrite(Databases database) throws SQLException {
        String batched = Databases.freshTable();
        String single = Databases.freshTable();
        MetadataHandler batch = store(database, batched).forSite(SITE, null);
        MetadataHandler oneByOne = store(database, single).forSite(SITE, null);
        List<BinaryFileMetadata> records = records(25);
        // A row soft-deleted by a PHP node comes back, in a batch as on its own.
        oneByOne.create(records.get(3));
        batch.create(records.get(3));
        Databases.execute(dataSource, "UPDATE " + batched + " SET expired = " + (database.isMariadb() ? "1" : "true"));
        Databases.execute(dataSource, "UPDATE " + single + " SET expired = " + (database.isMariadb() ? "1" : "true"));

        assertEquals(Map.of(), batch.createAll(records));
        records.forEach(oneByOne::create);

        assertEquals(rows(single), rows(batched));
        Map<String, BinaryFileMetadata> loaded = batch.loadAll(records.stream().map(BinaryFileMetadata::name).toList());
        assertEquals(records.size(), loaded.size());
        for (BinaryFileMetadata record : records) {
            assertEquals(oneByOne.load(record.name()).orElseThrow(), loaded.get(record.name()));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Databases.class, names = { "H2", "MARIADB", "MARIADB_THROUGH_MYSQL_CONNECTOR", "POSTGRESQL" })
    void aRowTheTableRefusesFailsAloneAndTheOthersAreWritten(Databases database) throws SQLException {
        DfsMetadataStore dfs = store(database, Databases.freshTable());
        MetadataStore counted = ErrorCountingStores.of(dfs);
        MetadataHandler handler = counted.forSite(SITE, null);
        List<BinaryFileMetadata> records = new ArrayList<>(records(10));
        // datatype is a varchar(255): the database refuses the row, and with it the whole batch.
        BinaryFileMetadata refused = new BinaryFileMetadata("images/refused/photo.jpg", 10, MTIME, "image/" + "x".repeat(300));
        BinaryFileMetadata unstorable = new BinaryFileMetadata("images/1970/photo.jpg", 10, Instant.EPOCH, "image/jpeg");
        records.add(4, refused);
        records.add(7, unstorable);

        Map<String, RuntimeException> failures = handler.createAll(records);

        assertEquals(Set.of(refused.name(), unstorable.name()), failures.keySet(), failures.toString());
        assertTrue(failures.get(refused.name()) instanceof IOBackendException, failures.toString());
        assertTrue(failures.get(unstorable.name()) instanceof IllegalArgumentException, failures.toString());
        Map<String, BinaryFileMetadata> loaded = handler.loadAll(records.stream().map(BinaryFileMetadata::name).toList());
        assertEquals(records.size() - 2, loaded.size());
        assertTrue(!loaded.containsKey(refused.name()) && !loaded.containsKey(unstorable.name()));
        assertEquals(records.size() - 2, handler.count(""));
        assertEquals(1, ((BackendErrors.Counted) counted).backendErrors().count(), "the refused row counts, as a failed single write does");
    }

    /** Every column of every row, in the order of the primary key. */
    private List<List<Object>> rows(String table) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT name_hash, name, name_trunk, datatype, scope, size, mtime, expired, status FROM " + table
                        + " ORDER BY name_hash")) {
            ResultSetMetaData columns = result.getMetaData();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int column = 1; column <= columns.getColumnCount(); column++) {
                    row.add(result.getObject(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
