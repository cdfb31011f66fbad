package org.clusterio.io.dfs;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.clusterio.logging.ClusterIOLogger;

/**
 * What create-schema promises: a missing DFS table is created from its dialect's DDL (docs/sql) by whoever needs it
 * first, the handler's first use or its readiness probe. The probe must not wait for the handler: a node whose
 * table is still to be created would be reported not ready, and a load balancer would never send it the request
 * that creates the table.
 */
final class DfsTableCreation {

    private DfsTableCreation() {
    }

    /** Creates the table on the connection unless it exists; a table created meanwhile by another node fails the DDL. */
    static void createIfMissing(Connection connection, DfsTable located, String handlerName, String configuredName, String dataSourceName) throws SQLException {
        if (located.exists(connection)) {
            return;
        }
        ClusterIOLogger.DFS_LOGGER.creatingDfsTable(handlerName, configuredName, located.location(), dataSourceName, located.dialect().ddlFile());
        try (Statement statement = connection.createStatement()) {
            for (String ddl : located.dialect().createTable(located)) {
                statement.execute(ddl);
            }
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }
}
