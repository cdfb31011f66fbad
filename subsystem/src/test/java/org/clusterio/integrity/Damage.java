package org.clusterio.integrity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.clusterio.io.fs.InterruptedWriter;

/**
 * Plants what PHP nodes, crashes and kills leave in a DFS table and an NFS tree, without the handlers: rows by
 * plain SQL as a PHP node writes them (name, name_hash as PHP's md5(), scope, datatype, size, mtime,
 * expired), soft deletes the legacy way ({@code expired = 1, mtime = -mtime}), files written directly with a chosen
 * modification time, and a writer killed mid-file.
 */
final class Damage {

    static final String SITE_PREFIX = "var/site/storage/";

    private final DataSource dataSource;
    private final String table;
    private final Path nfs;

    Damage(DataSource dataSource, String table, Path nfs) {
        this.dataSource = dataSource;
        this.table = table;
        this.nfs = nfs;
    }

    /** A row as a PHP node inserts it. */
    void row(String id, long size, Instant mtime) throws SQLException {
        insert(id, size, mtime.getEpochSecond(), false);
    }

    /** A row as the legacy cluster leaves it after a delete: expired set and mtime negated. */
    void softDeletedRow(String id, long size, Instant mtime) throws SQLException {
        insert(id, size, -mtime.getEpochSecond(), true);
    }

    /** A row of another site sharing the table (its names start with another storage directory). */
    void rowOfOtherSite(String name, Instant mtime) throws SQLException {
        insertName(name, 1, mtime.getEpochSecond(), false);
    }

    private void insert(String id, long size, long mtime, boolean expired) throws SQLException {
        insertName(SITE_PREFIX + id, size, mtime, expired);
    }

    private void insertName(String name, long size, long mtime, boolean expired) throws SQLException {
        String id = name.substring(name.indexOf("/storage/") + "/storage/".length());
        String scope = id.startsWith("images/") ? "image" : id.startsWith("original/") ? "binaryfile" : "UNKNOWN_SCOPE";
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                + " (name, name_hash, name_trunk, datatype, scope, size, mtime, expired, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, name);
            insert.setString(2, md5(name)); // PHP's md5($name): lowercase hex of the UTF-8 bytes
            insert.setString(3, name);
            insert.setString(4, "application/octet-stream");
            insert.setString(5, scope);
            insert.setLong(6, size);
            insert.setInt(7, (int) mtime);
            insert.setBoolean(8, expired);
            insert.setBoolean(9, false);
            insert.executeUpdate();
        }
    }

    private static String md5(String name) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file written directly into the NFS tree, last modified at the given time. */
    Path file(String id, int size, Instant mtime) throws IOException {
        Path file = nfs.resolve(SITE_PREFIX + id);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[size]);
        Files.setLastModifiedTime(file, FileTime.from(mtime));
        return file;
    }

    boolean fileExists(String id) {
        return Files.exists(nfs.resolve(SITE_PREFIX + id));
    }

    /** @return the number of rows of the name, soft-deleted ones included */
    long rows(String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE name = ?")) {
            select.setString(1, SITE_PREFIX + id);
            try (var result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /**
     * Starts a writer process that stores {@code images/big.bin} through the filesystem handler, and kills it
     * (SIGKILL) mid-file.
     *
     * @return the temporary file it left, relative to the site's directory
     */
    String killedWriter(Path scratch) throws Exception {
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                InterruptedWriter.class.getName(), nfs.toString()).redirectErrorStream(true).redirectOutput(scratch.resolve("writer.log").toFile()).start();
        Path images = nfs.resolve(SITE_PREFIX + "images");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<Path> partial = List.of();
        while (System.nanoTime() < deadline && partial.isEmpty()) {
            TimeUnit.MILLISECONDS.sleep(50);
            if (Files.isDirectory(images)) {
                try (var files = Files.list(images)) {
                    partial = files.filter(file -> file.getFileName().toString().startsWith(".clusterio-")).toList();
                }
            }
        }
        writer.destroyForcibly();
        writer.waitFor(30, TimeUnit.SECONDS);
        if (partial.size() != 1) {
            throw new IllegalStateException("the killed writer left " + partial);
        }
        return "images/" + partial.get(0).getFileName();
    }
}
