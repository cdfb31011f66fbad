package org.clusterio.io.dfs;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.service.UnknownUnwrapTypeException;

/**
 * The DFS handler's connections: those of its datasource, each with a network timeout set before it is used, so
 * that a database which stops answering (a stalled server, a dead peer on the network that sends no reset) fails the
 * statement after that time instead of holding the caller's thread until TCP gives up, minutes later. A statement's
 * query timeout alone cannot do that: cancelling a statement needs an answer from the very server that stalled.
 *
 * <p>The timeout stays on the pooled connection after it is returned. The datasource is the handler's own (the
 * documented setups give it one), and the pool's validation of that connection is then bounded by it too.
 */
final class BoundedConnections implements ConnectionProvider {

    private static final long serialVersionUID = 1L;

    /** The drivers apply the timeout to the socket and need no thread of their own for it. */
    private static final Executor DIRECT = Runnable::run;

    private final transient DataSource dataSource;
    private final int networkTimeoutMillis;

    BoundedConnections(DataSource dataSource, int networkTimeoutMillis) {
        this.dataSource = dataSource;
        this.networkTimeoutMillis = networkTimeoutMillis;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setNetworkTimeout(DIRECT, networkTimeoutMillis);
        } catch (SQLFeatureNotSupportedException e) {
            // A driver without network timeouts: the statements' query timeout and its own socket timeout bound it.
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        connection.close();
    }

    @Override
    public boolean supportsAggressiveRelease() {
        return false;
    }

    @Override
    public boolean isUnwrappableAs(Class<?> type) {
        return type.isInstance(this) || type.isInstance(dataSource);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        if (type.isInstance(dataSource)) {
            return type.cast(dataSource);
        }
        throw new UnknownUnwrapTypeException(type);
    }
}
