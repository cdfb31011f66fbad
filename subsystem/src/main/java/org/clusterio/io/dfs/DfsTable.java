package org.clusterio.io.dfs;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The DFS table as the connections of one datasource see it. The configured name is an unquoted SQL identifier, the
 * way PHP cluster nodes write it, so it stands for the table that the database finds for that identifier in the
 * connection's own database and schema: never a table of the same name in another database or schema of the same
 * server (with a null catalog, {@link DatabaseMetaData#getTables} searches them all on MariaDB and MySQL).
 * <p>
 * The name is folded as the database folds unquoted identifiers (upper case in H2, lower case in PostgreSQL, as
 * given, or lower case with {@code lower_case_table_names=1}, in MariaDB and MySQL) and then quoted in every
 * statement, so a custom table name that is a reserved word still names the same table as its unquoted form.
 */
final class DfsTable {

    /** How a database stores an unquoted identifier, and whether it then tells two spellings apart. */
    private enum Folding {
        UPPER, LOWER, AS_GIVEN, AS_GIVEN_CASE_INSENSITIVE;

        static Folding of(DatabaseMetaData metaData) throws SQLException {
            if (metaData.storesUpperCaseIdentifiers()) {
                return UPPER;
            }
            if (metaData.storesLowerCaseIdentifiers()) {
                return LOWER;
            }
            // Stored as given: case-sensitive (MySQL on Linux), or compared in lower case (lower_case_table_names=2).
            return metaData.supportsMixedCaseIdentifiers() ? AS_GIVEN : AS_GIVEN_CASE_INSENSITIVE;
        }

        String fold(String identifier) {
            return switch (this) {
                case UPPER -> identifier.toUpperCase(Locale.ROOT);
                case LOWER -> identifier.toLowerCase(Locale.ROOT);
                default -> identifier;
            };
        }

        boolean same(String stored, String folded) {
            return this == AS_GIVEN_CASE_INSENSITIVE ? stored.equalsIgnoreCase(folded) : stored.equals(folded);
        }
    }

    private final String configuredName;
    private final DfsDialect dialect;
    private final Folding folding;
    private final String quote;
    private final String catalog;
    private final String schema;

    private DfsTable(String configuredName, DfsDialect dialect, Folding folding, String quote, String catalog, String schema) {
        this.configuredName = configuredName;
        this.dialect = dialect;
        this.folding = folding;
        this.quote = quote;
        this.catalog = catalog;
        this.schema = schema;
    }

    /**
     * @param configuredName a plain identifier ({@link DfsMetadataStore#TABLE_NAME})
     * @return the table in the connection's current catalog and schema, or null when the connection has none that
     *         unqualified names resolve in (no database in a MariaDB URL, an empty PostgreSQL search path)
     */
    static DfsTable in(Connection connection, DfsDialect dialect, String configuredName) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String catalog = noneIfEmpty(connection.getCatalog());
        String schema = noneIfEmpty(connection.getSchema());
        if (schema == null && (dialect != DfsDialect.MYSQL || catalog == null)) {
            return null; // a null here would search every database or schema again
        }
        String quote = metaData.getIdentifierQuoteString();
        return new DfsTable(configuredName, dialect, Folding.of(metaData), quote == null || quote.isBlank() ? "" : quote, catalog, schema);
    }

    /** MySQL Connector/J says "" for the catalog of a connection without a database, where other drivers say null. */
    private static String noneIfEmpty(String namespace) {
        return namespace == null || namespace.isEmpty() ? null : namespace;
    }

    /** The name the database stores for the table, as its catalog lists it. */
    String storedName() {
        return folding.fold(configuredName);
    }

    /** The table's name in SQL statements. */
    String sql() {
        return quoted(storedName());
    }

    /**
     * The name in SQL of an index or constraint derived from the table's (Ibexa DXP's {@code ezdfsfile_name} becomes
     * {@code <table>_name}), folded like the table's so that it is the name an unquoted DDL would give it.
     */
    String derivedSql(String suffix) {
        return quoted(folding.fold(configuredName + suffix));
    }

    private String quoted(String identifier) {
        return quote + identifier + quote;
    }

    /** Whether the connection's own catalog and schema hold a table (or view) of this name. */
    boolean exists(Connection connection) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String folded = storedName();
        // A case-insensitive database may still match the pattern case-sensitively (H2 does): then list the schema.
        String pattern = folding == Folding.AS_GIVEN_CASE_INSENSITIVE ? "%" : escaped(folded, metaData.getSearchStringEscape());
        try (ResultSet tables = metaData.getTables(catalog, schema, pattern, null)) {
            while (tables.next()) {
                // The pattern may also match other spellings of the name (a case-insensitive catalog): compare here.
                if (folding.same(tables.getString("TABLE_NAME"), folded)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** '_' is a pattern wildcard in getTables: dfs_file would also match dfsXfile. */
    private static String escaped(String name, String escape) {
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    /** Where the table is, for messages: {@code database newdb}, {@code schema public of database clusterio}. */
    String location() {
        if (dialect == DfsDialect.MYSQL) {
            return "database " + (catalog != null ? catalog : schema);
        }
        return catalog == null ? "schema " + schema : "schema " + schema + " of database " + catalog;
    }

    /** The DDL file of docs/sql that creates the table in this database. */
    String ddlFile() {
        return dialect.ddlFile();
    }

    DfsDialect dialect() {
        return dialect;
    }

    /** The configured name, as the operator wrote it. */
    String configuredName() {
        return configuredName;
    }
}
