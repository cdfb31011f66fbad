package org.clusterio.io.dfs;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Set;

/**
 * Tells a database that did not answer in time from one that failed: the statement was cancelled at its query
 * timeout, or the connection's network timeout ran out while waiting for the server.
 */
final class DatabaseTimeouts {

    /**
     * SQL states of a statement cancelled at its timeout where the driver throws a plain SQLException:
     * PostgreSQL's query_canceled, MariaDB's interrupted statement (max_statement_time).
     */
    private static final Set<String> CANCELLED = Set.of("57014", "70100");

    private DatabaseTimeouts() {
    }

    static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SocketTimeoutException || cause instanceof SQLTimeoutException || cause instanceof jakarta.persistence.QueryTimeoutException
                    || cause instanceof org.hibernate.QueryTimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && CANCELLED.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
