package org.clusterio.io.dfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.clusterio.logging.ClusterIOLogger;

/**
 * What differs between the databases the DFS table lives in: the atomic insert-or-update of a row, and the DDL.
 * The upsert also resets {@code expired} and {@code status}, so that a row the legacy cluster soft-deleted comes back
 * to life when the file is stored again (the PHP implementation's insert-then-update does not).
 */
enum DfsDialect {

    MYSQL("mysql", "INSERT INTO %s (name, name_hash, name_trunk, datatype, scope, size, mtime, expired, status) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0)"
            + " ON DUPLICATE KEY UPDATE name = VALUES(name), name_trunk = VALUES(name_trunk), datatype = VALUES(datatype), scope = VALUES(scope),"
            + " size = VALUES(size), mtime = VALUES(mtime), expired = 0, status = 0") {

        /**
         * LIKE in MySQL and MariaDB follows the column's collation, case- and accent-insensitive by default
         * (utf8mb4_general_ci takes {@code images/Föo} for {@code images/foo}). The collation's LIKE finds the
         * candidates through the index on name; comparing the bytes keeps the exact matches, whatever the collation.
         * The bytes of the parameter are those of the connection's character set: the table must use the same one
         * (utf8mb4, as docs/sql creates it). A legacy latin1 table would match no prefix with non-ASCII characters.
         */
        @Override
        String nameLike() {
            return EXACT_LIKE + " AND CAST(name AS BINARY) LIKE CAST(?1 AS BINARY) ESCAPE '" + DfsNames.LIKE_ESCAPE + "'";
        }
    },
    POSTGRESQL("postgresql", "INSERT INTO %s (name, name_hash, name_trunk, datatype, scope, size, mtime, expired, status) VALUES (?, ?, ?, ?, ?, ?, ?, false, false)"
            + " ON CONFLICT (name_hash) DO UPDATE SET name = EXCLUDED.name, name_trunk = EXCLUDED.name_trunk, datatype = EXCLUDED.datatype,"
            + " scope = EXCLUDED.scope, size = EXCLUDED.size, mtime = EXCLUDED.mtime, expired = false, status = false"),
    H2("h2", "MERGE INTO %s (name, name_hash, name_trunk, datatype, scope, size, mtime, expired, status) KEY (name_hash) VALUES (?, ?, ?, ?, ?, ?, ?, false, false)");

    /** Ibexa DXP's table name in the DDL files, alone or as the start of an index or constraint name. */
    private static final Pattern DDL_TABLE_NAME = Pattern.compile("\\b" + DfsFile.DEFAULT_TABLE + "(\\w*)");

    /** LIKE in PostgreSQL and H2 compares characters exactly, whatever the column's collation. */
    private static final String EXACT_LIKE = "name LIKE ?1 ESCAPE '" + DfsNames.LIKE_ESCAPE + "'";

    private final String schemaName;
    private final String upsert;

    DfsDialect(String schemaName, String upsert) {
        this.schemaName = schemaName;
        this.upsert = upsert;
    }

    /** @param productName what the JDBC driver reports as the database product */
    static DfsDialect of(String productName) {
        String product = productName.toLowerCase(Locale.ROOT);
        if (product.contains("mysql") || product.contains("mariadb")) {
            return MYSQL;
        }
        if (product.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (product.contains("h2")) {
            return H2;
        }
        throw ClusterIOLogger.DFS_LOGGER.unsupportedDatabase(productName);
    }

    /** Parameters: name, name_hash, name_trunk, datatype, scope, size, mtime. */
    String upsert(DfsTable table) {
        return String.format(upsert, table.sql());
    }

    /**
     * @return the SQL condition that a row's name matches, byte for byte, the LIKE pattern bound to {@code ?1}
     *         (made by {@link DfsNames#belowDirectory})
     */
    String nameLike() {
        return EXACT_LIKE;
    }

    /** The file in docs/sql (and in the subsystem jar) with the DDL of Ibexa DXP's table for this database. */
    String ddlFile() {
        return "dfs_schema." + schemaName + ".sql";
    }

    /**
     * @return the statements that create the table, taken from the DDL file published in docs/sql, with the table's
     *         name (and the names of its indexes) in place of Ibexa DXP's
     */
    List<String> createTable(DfsTable table) {
        String resource = ddlFile();
        try (InputStream in = DfsDialect.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the subsystem jar");
            }
            String ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            return Arrays.stream(ddl.split(";"))
                    .map(String::strip)
                    .filter(statement -> !statement.isEmpty())
                    .map(statement -> renamed(statement, table))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String renamed(String statement, DfsTable table) {
        Matcher ddlName = DDL_TABLE_NAME.matcher(statement);
        StringBuilder renamed = new StringBuilder(statement.length() + 32);
        while (ddlName.find()) {
            String suffix = ddlName.group(1);
            ddlName.appendReplacement(renamed, Matcher.quoteReplacement(suffix.isEmpty() ? table.sql() : table.derivedSql(suffix)));
        }
        return ddlName.appendTail(renamed).toString();
    }
}
