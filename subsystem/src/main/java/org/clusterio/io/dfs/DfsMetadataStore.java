package org.clusterio.io.dfs;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.clusterio.api.IOBackendException;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.MetadataHandler;
import org.clusterio.io.MetadataNotWrittenException;
import org.clusterio.io.MetadataStore;
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
 *
 * <p>Longer than 250 lines because every statement on the table goes through one place that bounds it in time and
 * tells a certain failure from an unknown one; the table, its dialects, timeouts and connection handling are
 * classes of their own ({@link DfsTable}, {@link DfsDialect}, {@link DatabaseTimeouts}, {@link LostConnections}).</p>
 */
public final class DfsMetadataStore implements MetadataStore, AutoCloseable {

    /** Table names are put into SQL, so they are plain identifiers only. */
    public static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    /** DFS statements touch a row or a page of rows: ten seconds is already far beyond a healthy database. */
    public static final int DEFAULT_QUERY_TIMEOUT_SECONDS = 10;

    public static final int MAX_QUERY_TIMEOUT_SECONDS = 3600;

    /** The time a live database gets beyond the query timeout to answer the cancel before the socket gives up. */
    private static final int CANCEL_GRACE_MILLIS = 1000;

    private final String handlerName;
    private final String dataSourceName;
    private final String table;
    private final boolean createSchema;
    private final int queryTimeoutSeconds;
    private final BoundedConnections connections;
    private final AtomicBoolean failing = new AtomicBoolean();
    /**
     * The last problem with the table that was logged (what callers are told): a missing table is logged once per
     * start of the handler, not by every operation that fails for it.
     */
    private final AtomicReference<String> loggedTableProblem = new AtomicReference<>();

    private volatile SessionFactory sessions;
    private volatile DfsTable located;

    /**
     * @param dataSourceName the name of the datasource resource, for messages
     * @param table an unquoted identifier ({@link #TABLE_NAME}): the table the database finds for it in the current
     *        database and schema of the datasource's connections
     * @param queryTimeoutSeconds the longest any one statement may take, 1 to {@value #MAX_QUERY_TIMEOUT_SECONDS}
     */
    public DfsMetadataStore(String handlerName, String dataSourceName, DataSource dataSource, String table, boolean createSchema, int queryTimeoutSeconds) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw ClusterIOLogger.DFS_LOGGER.notPlainTableName(table);
        }
        if (queryTimeoutSeconds < 1 || queryTimeoutSeconds > MAX_QUERY_TIMEOUT_SECONDS) {
            throw ClusterIOLogger.DFS_LOGGER.queryTimeoutOutOfRange(queryTimeoutSeconds, MAX_QUERY_TIMEOUT_SECONDS);
        }
        this.handlerName = handlerName;
        this.dataSourceName = dataSourceName;
        this.table = table;
        this.createSchema = createSchema;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
        this.connections = new BoundedConnections(dataSource, queryTimeoutSeconds * 1000 + CANCEL_GRACE_MILLIS);
    }

    /** A store with the default query timeout. */
    public DfsMetadataStore(String handlerName, String dataSourceName, DataSource dataSource, String table, boolean createSchema) {
        this(handlerName, dataSourceName, dataSource, table, createSchema, DEFAULT_QUERY_TIMEOUT_SECONDS);
    }

    /** A store on a DataSource that is no management resource (plain Java use: tests, benchmarks). */
    public DfsMetadataStore(String handlerName, DataSource dataSource, String table, boolean createSchema) {
        this(handlerName, dataSource, table, createSchema, DEFAULT_QUERY_TIMEOUT_SECONDS);
    }

    /** The same, with a query timeout. */
    public DfsMetadataStore(String handlerName, DataSource dataSource, String table, boolean createSchema, int queryTimeoutSeconds) {
        this(handlerName, handlerName + "'s own DataSource", dataSource, table, createSchema, queryTimeoutSeconds);
    }

    @Override
    public MetadataHandler forSite(SiteLayout site, BinarydataHandler binarydata) {
        return new DfsMetadataHandler(this, site);
    }

    /** The query timeout of every statement, in seconds. */
    int queryTimeout() {
        return queryTimeoutSeconds;
    }

    /** Connects (creating the table with create-schema) if it has not yet: the database's dialect. */
    DfsDialect dialect() {
        start();
        return located.dialect();
    }

    /** The table's name in SQL statements of its own (the native queries by name prefix). */
    String tableSql() {
        start();
        return located.sql();
    }

    /** The upsert of one row; parameters as {@link DfsDialect#upsert}. */
    String upsertStatement() {
        start();
        return located.dialect().upsert(located);
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

    /**
     * Runs work in a stateless session and a transaction of its own; database failures become IOBackendException, and
     * {@link MetadataNotWrittenException} when the transaction certainly did not commit: it failed before it began,
     * or before its commit was sent and was rolled back. A failing commit may still have committed.
     */
    <T> T inTransaction(String what, Function<StatelessSession, T> work) {
        SessionFactory factory;
        try {
            factory = start();
        } catch (IOBackendException e) {
            ClusterIOLogger.DFS_LOGGER.dfsNotWritten(handlerName, what, "did not begin: the handler could not connect");
            throw new MetadataNotWrittenException(e);
        }
        Transaction transaction = null;
        boolean committing = false;
        boolean rolledBack = false;
        try (StatelessSession session = factory.openStatelessSession()) {
            transaction = session.beginTransaction();
            try {
                T result = work.apply(session);
                committing = true;
                transaction.commit();
                return answered(result);
            } catch (RuntimeException e) {
                if (transaction.isActive()) {
                    try {
                        transaction.rollback();
                        rolledBack = true;
                    } catch (RuntimeException rollback) {
                        e.addSuppressed(rollback);
                    }
                }
                throw e;
            }
        } catch (PersistenceException e) {
            IOBackendException failure = unavailable(what, e);
            // Not written for certain: nothing began, or no commit was sent and the transaction is gone, rolled back
            // or with its connection (a server drops an uncommitted transaction with its connection). A rollback that
            // failed on a live connection leaves an open transaction that a later commit could still apply: unknown.
            boolean notWritten = transaction == null || !committing && (rolledBack || LostConnections.isLost(e));
            if (notWritten) {
                ClusterIOLogger.DFS_LOGGER.dfsNotWritten(handlerName, what, transaction == null ? "did not begin" : rolledBack ? "was rolled back" : "lost its connection before its commit");
                throw new MetadataNotWrittenException(failure);
            }
            ClusterIOLogger.DFS_LOGGER.dfsMaybeWritten(handlerName, what, committing ? "failed while committing" : "failed before its commit but was not certainly rolled back");
            throw failure;
        }
    }

    /**
     * Builds the session factory on first use, once the table is there. Until it is, every call looks again (the
     * operator may create it at any moment) and fails with an IOBackendException that says how to create it.
     */
    private SessionFactory start() {
        SessionFactory factory = sessions;
        if (factory == null) {
            synchronized (this) {
                factory = sessions;
                if (factory == null) {
                    try {
                        located = locateTable();
                        factory = buildSessionFactory(located);
                        sessions = factory;
                        ClusterIOLogger.DFS_LOGGER.dfsConnected(handlerName, table, located.location(), dataSourceName, located.dialect().name());
                    } catch (SQLException | PersistenceException e) {
                        throw unavailable("connect", e);
                    }
                }
            }
        }
        return factory;
    }

    /** Finds the table in the connection's own database and schema, and creates it there with create-schema. */
    private DfsTable locateTable() throws SQLException {
        try (Connection connection = connections.getConnection()) {
            DfsDialect dialect = DfsDialect.of(connection.getMetaData().getDatabaseProductName());
            DfsTable located = DfsTable.in(connection, dialect, table);
            if (located == null) {
                throw noCurrentSchema(dialect);
            }
            if (createSchema) {
                DfsTableCreation.createIfMissing(connection, located, handlerName, table, dataSourceName);
            } else if (!located.exists(connection)) {
                throw missing(located);
            }
            loggedTableProblem.set(null);
            return located;
        }
    }

    private IOBackendException missing(DfsTable located) {
        String problem = ClusterIOLogger.DFS_LOGGER.dfsTableMissingFailure(handlerName, table, located.location(), dataSourceName, located.ddlFile());
        if (firstReportOf(problem)) {
            ClusterIOLogger.DFS_LOGGER.dfsTableMissing(handlerName, table, located.location(), dataSourceName, located.ddlFile());
        }
        return new IOBackendException(problem, null);
    }

    private IOBackendException noCurrentSchema(DfsDialect dialect) {
        String namespace = dialect == DfsDialect.MYSQL ? "database" : "schema";
        String problem = ClusterIOLogger.DFS_LOGGER.dfsNoCurrentSchemaFailure(handlerName, dataSourceName, namespace, table);
        if (firstReportOf(problem)) {
            ClusterIOLogger.DFS_LOGGER.dfsNoCurrentSchema(handlerName, dataSourceName, namespace, table);
        }
        return new IOBackendException(problem, null);
    }

    private boolean firstReportOf(String problem) {
        return !problem.equals(loggedTableProblem.getAndSet(problem));
    }

    private SessionFactory buildSessionFactory(DfsTable located) {
        ClassLoader ownLoader = DfsFile.class.getClassLoader();
        BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder().applyClassLoader(ownLoader).build();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap)
                .applySetting(AvailableSettings.CONNECTION_PROVIDER, connections)
                // Transactions of our own on the connection: never the caller's JTA transaction.
                .applySetting(AvailableSettings.TRANSACTION_COORDINATOR_STRATEGY, "jdbc")
                .applySetting(AvailableSettings.JTA_PLATFORM, "org.hibernate.engine.transaction.jta.platform.internal.NoJtaPlatform")
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
                .applySetting(AvailableSettings.PHYSICAL_NAMING_STRATEGY, new TableNaming(located.storedName()))
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
            ClusterIOLogger.DFS_LOGGER.dfsDatabaseBack(handlerName, table);
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
                ? ClusterIOLogger.DFS_LOGGER.dfsDatabaseTimedOut(handlerName, what, table, queryTimeoutSeconds, cause)
                : ClusterIOLogger.DFS_LOGGER.dfsDatabaseFailed(handlerName, what, table, problem, cause);
        ClusterIOLogger.DFS_LOGGER.dfsCallFailed(handlerName, what, table, cause);
        // One warning when the database goes away, not one per request while it stays away.
        if (failing.compareAndSet(false, true)) {
            ClusterIOLogger.DFS_LOGGER.dfsDatabaseUnavailable(handlerName, table, failure.getMessage());
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
