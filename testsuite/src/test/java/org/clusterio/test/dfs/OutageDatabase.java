package org.clusterio.test.dfs;

/**
 * A database server of the outage tests and the documented script that sets a server up on it (datasource on the
 * driver of a driver layer, DFS handler, shared directory); the tests point its datasource at a
 * {@link FaultyDatabaseProxy} in front of it.
 */
enum OutageDatabase {

    POSTGRESQL("dfs-on-postgresql.cli", "DfsDS", 5432, "jdbc:postgresql://127.0.0.1:%d/clusterio_test", "postgres"),
    MARIADB("dfs-on-mariadb.cli", "MariaDbDfsDS", 3306, "jdbc:mariadb://127.0.0.1:%d/clusterio_test", "root"),
    /** The MariaDB server through MySQL Connector/J, as docs/cli/dfs-on-mysql.cli sets a server up for MySQL. */
    MARIADB_THROUGH_MYSQL_CONNECTOR("dfs-on-mysql.cli", "MysqlDfsDS", 3306, "jdbc:mysql://127.0.0.1:%d/clusterio_test", "root");

    /** The documented scripts let a new connection take this long to connect and log in (connectTimeout, loginTimeout). */
    static final int LOGIN_TIMEOUT_SECONDS = 5;

    final String script;
    final String dataSource;
    final int port;
    private final String url;
    /** A user without password on the test databases. */
    final String user;

    OutageDatabase(String script, String dataSource, int port, String url, String user) {
        this.script = script;
        this.dataSource = dataSource;
        this.port = port;
        this.url = url;
        this.user = user;
    }

    String url(int proxyPort) {
        return String.format(url, proxyPort);
    }
}
