package org.clusterio.io.dfs;

import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a failure that lost the database connection (reset, closed, timed out on the network, SQL state class
 * {@code 08}) from one the server answered. A server drops the uncommitted transaction of a connection it loses, so a
 * write whose commit was never sent on such a connection is certainly not applied.
 */
final class LostConnections {

    private LostConnections() {
    }

    static boolean isLost(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof org.hibernate.exception.JDBCConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLTransientConnectionException || cause instanceof SocketException
                    || cause instanceof SocketTimeoutException || cause instanceof EOFException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
