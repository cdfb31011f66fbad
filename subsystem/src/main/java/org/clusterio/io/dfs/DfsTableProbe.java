package org.clusterio.io.dfs;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.clusterio.io.ReadinessProbe;

/**
 * Whether a DFS handler's database answers and has its table: one statement that reads no row of the table, on a
 * connection of the handler's datasource whose network timeout and query timeout are the probe's, so that a database
 * that stops answering fails the probe in time instead of holding it until TCP gives up. With create-schema the
 * probe creates a missing table first, as the handler's first use would (see {@link DfsTableCreation}).
 */
public final class DfsTableProbe implements ReadinessProbe {

    private final DataSource dataSource;
    private final String dataSourceName;
    private final String table;
    private final String handlerName;
    private final boolean createSchema;

    /**
     * @param table        an unquoted identifier ({@link DfsMetadataStore#TABLE_NAME}), as the handler names it
     * @param createSchema the handler's create-schema: whether a missing table is created rather than reported
     */
    public DfsTableProbe(DataSource dataSource, String dataSourceName, String table, String handlerName, boolean createSchema) {
        if (!DfsMetadataStore.TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException(table);
        }
        this.dataSource = dataSource;
        this.dataSourceName = dataSourceName;
        this.table = table;
        this.handlerName = handlerName;
        this.createSchema = createSchema;
    }

    @Override
    public Map<String, String> probe(Duration timeout) throws SQLException {
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
        try (Connection connection = new BoundedConnections(dataSource, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis())).getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(seconds);
            if (createSchema) {
                createIfMissing(connection);
            }
            // The table name is a checked identifier, no user input: the statement needs no parameters.
            statement.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
        }
        return Map.of("data-source", dataSourceName, "table", table);
    }

    /** Without a current schema or database there is nowhere to create it: the query below says so. */
    private void createIfMissing(Connection connection) throws SQLException {
        DfsTable located = DfsTable.in(connection, DfsDialect.of(connection.getMetaData().getDatabaseProductName()), table);
        if (located != null) {
            DfsTableCreation.createIfMissing(connection, located, handlerName, table, dataSourceName);
        }
    }
}
