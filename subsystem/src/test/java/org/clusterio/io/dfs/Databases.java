package org.clusterio.io.dfs;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The real databases the DFS tests run against: an in-memory H2, and the MariaDB and PostgreSQL servers on
 * 127.0.0.1 that .ci/services.sh installs and starts (database clusterio_test; root without password, and trust),
 * MariaDB through both of its drivers.
 */
public enum Databases {

    H2 {
        @Override
        public DataSource dataSource() {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:dfs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            return h2;
        }

        @Override
        public String md5(String column) {
            return "LOWER(RAWTOHEX(HASH('MD5', " + column + ")))";
        }
    },
    MARIADB {
        @Override
        public DataSource dataSource() throws SQLException {
            return MariadbDrivers.MARIADB_CONNECTOR.dataSource("clusterio_test");
        }
    },
    /** The same MariaDB database through MySQL Connector/J (the database product it reports is MySQL). */
    MARIADB_THROUGH_MYSQL_CONNECTOR {
        @Override
        public DataSource dataSource() throws SQLException {
            return MariadbDrivers.MYSQL_CONNECTOR.dataSource("clusterio_test");
        }
    },
    POSTGRESQL {
        @Override
        public DataSource dataSource() {
            PGSimpleDataSource postgres = new PGSimpleDataSource();
            postgres.setURL("jdbc:postgresql://127.0.0.1:5432/clusterio_test");
            postgres.setUser("postgres");
            return postgres;
        }
    };

    public abstract DataSource dataSource() throws SQLException;

    /** The database's own MD5 of a column, as the legacy PHP cluster computes name_hash in SQL. */
    public String md5(String column) {
        return "MD5(" + column + ")";
    }

    /** Whether the database is the MariaDB server, through whichever driver. */
    public boolean isMariadb() {
        return this == MARIADB || this == MARIADB_THROUGH_MYSQL_CONNECTOR;
    }

    /** A fresh table name per test, so tests never see each other's rows. */
    public static String freshTable() {
        return "dfs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    public static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
