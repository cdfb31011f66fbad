package org.clusterio.io.dfs;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.clusterio.api.IOBackendException;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.MetadataHandler;
import org.clusterio.io.MetadataHandlerProvider;
import org.clusterio.io.SiteLayout;
import org.clusterio.logging.ClusterIOLogger;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

import jakarta.persistence.PersistenceException;

/**
 * The DFS metadata table on one datasource, shared by the sites that use it. The persistence unit is the
 * subsystem's own (not a deployment's): a Hibernate session factory over the single {@link DfsFile} entity, built on
 * first use. When the database cannot be reached, calls fail with {@link IOBackendException} and the next call
 * tries again, so the handler recovers by itself when the database returns.
 *
 * <p>Every statement is bounded by the query timeout: the database cancels a statement that runs longer, and a
 * database that does not answer at all (a stalled server, which cannot answer a cancel either) fails the call one
 * second later, through the network timeout of the connection ({@link BoundedConnections}).
 */
public final class DfsMetadataStore implements MetadataHandlerProvider, AutoCloseable {

    /** Table names are put into SQL, so they are plain identifiers only. */
    public static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    /** DFS statements touch a row or a page of rows: ten seconds is already far beyond a healthy database. */
    public static final int DEFAULT_QUERY_TIMEOUT_SECONDS = 10;

    public static final int MAX_QUERY_TIMEOUT_SECONDS = 3600;

    /** The time a live database gets beyond the query timeout to answer the cancel before the socket gives up. */
    private static final int CANCEL_GRACE_MILLIS = 1000;

    private final String handlerName;
    private final String table;
    private final boolean createSchema;
    private final int queryTimeoutSeconds;
    private final BoundedConnections connections;
    private final AtomicBoolean failing = new AtomicBoolean();

    private volatile SessionFactory sessions;
    private volatile DfsDialect dialect;

    public DfsMetadataStore(String handlerName, DataSource dataSource, String table, boolean createSchema) {
        this(handlerName, dataSource, table, createSchema, DEFAULT_QUERY_TIMEOUT_SECONDS);
    }

    /** @param queryTimeoutSeconds the longest any one statement may take, 1 to {@value #MAX_QUERY_TIMEOUT_SECONDS} */
    public DfsMetadataStore(String handlerName, DataSource dataSource, String table, boolean createSchema, int queryTimeoutSeconds) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("'" + table + "' is not a plain table name");
        }
        if (queryTimeoutSeconds < 1 || queryTimeoutSeconds > MAX_QUERY_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("query timeout " + queryTimeoutSeconds + " s is not between 1 and " + MAX_QUERY_TIMEOUT_SECONDS);
        }
        this.handlerName = handlerName;
        this.table = table;
        this.createSchema = createSchema;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
        this.connections = new BoundedConnections(dataSource, queryTimeoutSeconds * 1000 + CANCEL_GRACE_MILLIS);
    }

    @Override
    public MetadataHandler forSite(SiteLayout site, BinarydataHandler binarydata) {
        return new DfsMetadataHandler(this, site);
    }

    String table() {
        return table;
    }

    /** The query timeout of every statement, in seconds. */
    int queryTimeout() {
        return queryTimeoutSeconds;
    }

    DfsDialect dialect() {
        start();
        return dialect;
    }

    /**
     * Runs a single-statement read in a stateless session, in auto-commit: a transaction would only add round trips
     * (on MariaDB three of them) to a statement that is atomic anyway.
     */
    <T> T read(String what, Function<StatelessSession, T> work) {
        SessionFactory factory = start();
        try (StatelessSession session = factory.openStatelessSession()) {
            return answered(work.apply(session));
        } catch (PersistenceException e) {
            throw unavailable(what, e);
        }
    }

    /** Runs work in a stateless session and a transaction of its own; database failures become IOBackendException. */
    <T> T inTransaction(String what, Function<StatelessSession, T> work) {
        SessionFactory factory = start();
        try (StatelessSession session = factory.openStatelessSession()) {
            Transaction transaction = session.beginTransaction();
            try {
                T result = work.apply(session);
                transaction.commit();
                return answered(result);
            } catch (RuntimeException e) {
                if (transaction.isActive()) {
                    try {
                        transaction.rollback();
                    } catch (RuntimeException rollback) {
                        e.addSuppressed(rollback);
                    }
                }
                throw e;
            }
        } catch (PersistenceException e) {
            throw unavailable(what, e);
        }
    }

    private SessionFactory start() {
        SessionFactory factory = sessions;
        if (factory == null) {
            synchronized (this) {
                factory = sessions;
                if (factory == null) {
                    try {
                        dialect = inspectDatabase();
                        factory = buildSessionFactory();
                        sessions = factory;
                    } catch (SQLException | PersistenceException e) {
                        throw unavailable("connect", e);
                    }
                }
            }
        }
        return factory;
    }

    private DfsDialect inspectDatabase() throws SQLException {
        try (Connection connection = connections.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            DfsDialect detected = DfsDialect.of(metaData.getDatabaseProductName());
            if (createSchema && !tableExists(metaData)) {
                ClusterIOLogger.ROOT_LOGGER.creatingDfsTable(handlerName, table);
                try (Statement statement = connection.createStatement()) {
                    for (String ddl : detected.createTable(table)) {
                        statement.execute(ddl);
                    }
                }
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            }
            return detected;
        }
    }

    private boolean tableExists(DatabaseMetaData metaData) throws SQLException {
        // Unquoted identifiers fold to upper case in H2 and to lower case in PostgreSQL.
        for (String candidate : new String[] { table, table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT) }) {
            try (ResultSet tables = metaData.getTables(null, null, candidate, new String[] { "TABLE" })) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private SessionFactory buildSessionFactory() {
        ClassLoader ownLoader = DfsFile.class.getClassLoader();
        BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder().applyClassLoader(ownLoader).build();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap)
                .applySetting(AvailableSettings.CONNECTION_PROVIDER, connections)
                // Transactions of our own on the connection: never the caller's JTA transaction.
                .applySetting(AvailableSettings.TRANSACTION_COORDINATOR_STRATEGY, "jdbc")
                .applySetting(AvailableSettings.JTA_PLATFORM, "org.hibernate.engine.transaction.jta.platform.internal.NoJtaPlatform")
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
                .applySetting(AvailableSettings.PHYSICAL_NAMING_STRATEGY, new TableNaming(table))
                .applySetting(AvailableSettings.USE_SECOND_LEVEL_CACHE, "false")
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, "0")
                .build();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(ownLoader);
        try {
            return new MetadataSources(registry).addAnnotatedClass(DfsFile.class).buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** A call the database answered: the first one after a failure says in the log that the handler recovered. */
    private <T> T answered(T result) {
        if (failing.compareAndSet(true, false)) {
            ClusterIOLogger.ROOT_LOGGER.dfsDatabaseBack(handlerName, table);
        }
        return result;
    }

    private IOBackendException unavailable(String what, Exception cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String problem = root.getClass().getSimpleName() + ": " + root.getMessage();
        IOBackendException failure = DatabaseTimeouts.isTimeout(cause)
                ? ClusterIOLogger.ROOT_LOGGER.dfsDatabaseTimedOut(handlerName, what, table, queryTimeoutSeconds, cause)
                : ClusterIOLogger.ROOT_LOGGER.dfsDatabaseFailed(handlerName, what, table, problem, cause);
        // One warning when the database goes away, not one per request while it stays away.
        if (failing.compareAndSet(false, true)) {
            ClusterIOLogger.ROOT_LOGGER.dfsDatabaseUnavailable(handlerName, table, failure.getMessage());
        }
        return failure;
    }

    @Override
    public void close() {
        SessionFactory factory = sessions;
        sessions = null;
        if (factory != null) {
            factory.close();
        }
    }
}
