package org.clusterio.io.dfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The DFS readiness probe on each real database: UP with the table, DOWN with the database's reason without it; with
 * create-schema it creates a missing table, so that a node whose first request would create it is ready.
 */
class DfsTableProbeTest {

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aTableThatIsThereIsReadyAndAMissingOneIsNot(Databases database) throws Exception {
        DataSource dataSource = database.dataSource();
        String table = Databases.freshTable();
        DfsTableProbe probe = new DfsTableProbe(dataSource, "TestDS", table, "dfs", false);
        SQLException missing = assertThrows(SQLException.class, () -> probe.probe(Duration.ofSeconds(5)));
        assertTrue(missing.getMessage().toLowerCase(Locale.ROOT).contains(table.toLowerCase(Locale.ROOT)), missing.getMessage());

        Databases.execute(dataSource, "CREATE TABLE " + table + " (id INT)");
        try {
            assertEquals(Map.of("data-source", "TestDS", "table", table), probe.probe(Duration.ofSeconds(5)));
        } finally {
            Databases.execute(dataSource, "DROP TABLE " + table);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void withCreateSchemaAMissingTableIsCreatedAndReady(Databases database) throws Exception {
        DataSource dataSource = database.dataSource();
        String table = Databases.freshTable();
        DfsTableProbe probe = new DfsTableProbe(dataSource, "TestDS", table, "dfs", true);
        try {
            assertEquals(Map.of("data-source", "TestDS", "table", table), probe.probe(Duration.ofSeconds(5)));
            assertEquals(Map.of("data-source", "TestDS", "table", table), probe.probe(Duration.ofSeconds(5)), "and the next probe finds it");
            // The handler's own statement works on what the probe created: the same DDL as its first use.
            Databases.execute(dataSource, "SELECT name_hash, name, mtime, size, datatype, scope, expired FROM " + table + " WHERE 1 = 0");
        } finally {
            Databases.execute(dataSource, "DROP TABLE " + table);
        }
    }
}
