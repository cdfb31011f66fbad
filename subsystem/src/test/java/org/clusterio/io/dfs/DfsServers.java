package org.clusterio.io.dfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Database servers with several namespaces of the test's own: databases on MariaDB, schemas of clusterio_test on
 * PostgreSQL, schemas of one in-memory database on H2, in each of the ways H2 can fold unquoted identifiers (as
 * H2 does by default, as PostgreSQL does, and as MariaDB and MySQL do with lower_case_table_names 0 and 2).
 */
enum DfsServers {

    /** MariaDB through MariaDB Connector/J: its databases are the namespaces. */
    MARIADB(MariadbDrivers.MARIADB_CONNECTOR),
    /** The same server through MySQL Connector/J, which reports it as MySQL and lists its databases as catalogs too. */
    MARIADB_THROUGH_MYSQL_CONNECTOR(MariadbDrivers.MYSQL_CONNECTOR),
    POSTGRESQL("dfs_schema.postgresql.sql", "SCHEMA", " CASCADE") {
        @Override
        DataSource in(String namespace) {
            PGSimpleDataSource postgres = new PGSimpleDataSource();
            postgres.setURL("jdbc:postgresql://127.0.0.1:5432/clusterio_test");
            postgres.setUser("postgres");
            postgres.setCurrentSchema(namespace);
            return postgres;
        }

        @Override
        DataSource admin() {
            return in("public");
        }

        @Override
        String location(String namespace) {
            return "schema " + namespace + " of database clusterio_test";
        }

        @Override
        DataSource withoutCurrentNamespace() {
            return in("clusterio_dfs20_nonexistent"); // a search_path without an existing schema
        }

        @Override
        Folding folding() {
            return Folding.LOWER;
        }
    },
    H2(Folding.UPPER, ""),
    H2_LOWER_CASE(Folding.LOWER, ";DATABASE_TO_LOWER=TRUE"),
    H2_CASE_SENSITIVE(Folding.AS_GIVEN, ";DATABASE_TO_UPPER=FALSE"),
    H2_CASE_INSENSITIVE(Folding.AS_GIVEN_CASE_INSENSITIVE, ";DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE");

    /** How a server stores an unquoted identifier, and whether two spellings then name the same table. */
    enum Folding {
        UPPER, LOWER, AS_GIVEN, AS_GIVEN_CASE_INSENSITIVE;

        String stored(String unquoted) {
            return switch (this) {
                case UPPER -> unquoted.toUpperCase(Locale.ROOT);
                case LOWER -> unquoted.toLowerCase(Locale.ROOT);
                default -> unquoted;
            };
        }

        boolean sameTable(String unquoted, String other) {
            return this == AS_GIVEN_CASE_INSENSITIVE ? unquoted.equalsIgnoreCase(other) : stored(unquoted).equals(stored(other));
        }
    }

    private final String ddlFile;
    /** What a namespace is in SQL (DATABASE or SCHEMA), and how to drop one with everything in it. */
    private final String namespaceKind;
    private final String dropEverything;
    private final Folding h2Folding;
    private final String h2Settings;
    private final String h2Database = "dfs20-" + UUID.randomUUID();
    /** The driver to the MariaDB server, for the constants on MariaDB (which share everything else). */
    private final MariadbDrivers mariadb;

    DfsServers(MariadbDrivers mariadb) {
        this("dfs_schema.mysql.sql", "DATABASE", "", mariadb);
    }

    DfsServers(String ddlFile, String namespaceKind, String dropEverything) {
        this(ddlFile, namespaceKind, dropEverything, null);
    }

    private DfsServers(String ddlFile, String namespaceKind, String dropEverything, MariadbDrivers mariadb) {
        this.ddlFile = ddlFile;
        this.namespaceKind = namespaceKind;
        this.dropEverything = dropEverything;
        this.h2Folding = null;
        this.h2Settings = null;
        this.mariadb = mariadb;
    }

    DfsServers(Folding h2Folding, String h2Settings) {
        this.ddlFile = "dfs_schema.h2.sql";
        this.namespaceKind = "SCHEMA";
        this.dropEverything = " CASCADE";
        this.h2Folding = h2Folding;
        this.h2Settings = h2Settings;
        this.mariadb = null;
    }

    /** A datasource whose connections use the namespace (database or schema) for unqualified names. */
    DataSource in(String namespace) throws SQLException {
        if (mariadb != null) {
            return mariadb.dataSource(namespace);
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + h2Database + ";DB_CLOSE_DELAY=-1" + h2Settings + ";SCHEMA=" + h2Folding.stored(namespace));
        return h2;
    }

    /** A datasource for setting up and looking at the namespaces. */
    DataSource admin() throws SQLException {
        if (mariadb != null) {
            return in("clusterio_test");
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + h2Database + ";DB_CLOSE_DELAY=-1" + h2Settings);
        return h2;
    }

    /** Creates an empty namespace (dropping what an earlier, killed run may have left). */
    void create(String namespace) throws SQLException {
        drop(namespace);
        Databases.execute(admin(), "CREATE " + namespaceKind + " " + namespace);
    }

    void drop(String namespace) throws SQLException {
        Databases.execute(admin(), "DROP " + namespaceKind + " IF EXISTS " + namespace + dropEverything);
    }

    /** How the messages name the namespace. */
    String location(String namespace) {
        if (mariadb != null) {
            return "database " + namespace;
        }
        return "schema " + h2Folding.stored(namespace) + " of database " + h2Folding.stored(h2Database);
    }

    Folding folding() throws SQLException {
        if (mariadb != null) {
            // The server's setting, not a guess: 0 on Linux, 1 on Windows, 2 on macOS.
            try (Connection connection = admin().getConnection(); Statement statement = connection.createStatement();
                    ResultSet setting = statement.executeQuery("SELECT @@lower_case_table_names")) {
                setting.next();
                return switch (setting.getInt(1)) {
                    case 0 -> Folding.AS_GIVEN;
                    case 1 -> Folding.LOWER;
                    default -> Folding.AS_GIVEN_CASE_INSENSITIVE;
                };
            }
        }
        return h2Folding;
    }

    /** A datasource whose connections have no current database or schema (H2 always has one). */
    DataSource withoutCurrentNamespace() throws SQLException {
        if (mariadb != null) {
            return in(""); // a URL without a database
        }
        throw new UnsupportedOperationException(name() + " connections always have a current schema");
    }

    /** The file in docs/sql a new user runs for this server. */
    String ddlFile() {
        return ddlFile;
    }

    /**
     * Creates a table the way a PHP cluster's installer or a DBA does: the published DDL file, run as it is, with
     * the table's name written over {@code ezdfsfile}, unquoted.
     */
    void createTableAsPhpNodesDo(String namespace, String table) throws SQLException {
        String ddl;
        try (InputStream in = DfsServers.class.getResourceAsStream(ddlFile)) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try (Connection connection = in(namespace).getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : ddl.split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql.replace(DfsFile.DEFAULT_TABLE, table));
                }
            }
        }
    }

    /** The names of the tables in the namespace, exactly as the server stores them. */
    Set<String> tables(String namespace) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection connection = admin().getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_SCHEMA) = ?")) {
            select.setString(1, namespace.toLowerCase(Locale.ROOT));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    /** The number of rows in a table of the namespace, named as the server stores it. */
    long rows(String namespace, String storedTable) throws SQLException {
        String quote = mariadb != null ? "`" : "\"";
        try (Connection connection = admin().getConnection(); Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + quote + folding().stored(namespace) + quote + "." + quote + storedTable + quote)) {
            count.next();
            return count.getLong(1);
        }
    }
}
