package org.clusterio.io.dfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.BinaryFileNotFoundException;
import org.clusterio.api.IOBackendException;
import org.clusterio.api.IOService;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.SiteIOService;
import org.clusterio.io.SiteLayout;
import org.clusterio.io.UrlPrefix;
import org.clusterio.io.fs.FilesystemBinarydataStore;
import org.clusterio.io.fs.PosixPermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The DFS metadata handler with an NFS-style filesystem binarydata handler, on H2, MariaDB and PostgreSQL: the
 * same tests on each, each on a fresh table that create-schema makes from the DDL in docs/sql.
 */
class DfsMetadataHandlerTest {

    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");

    @TempDir
    Path nfs;

    private DataSource dataSource;
    private String table;
    private DfsMetadataStore store;

    private IOService open(Databases database) throws SQLException {
        dataSource = database.dataSource();
        table = Databases.freshTable();
        store = new DfsMetadataStore("dfs", dataSource, table, true);
        store.dialect(); // connects and creates the table now, so that tests can write rows with plain SQL first
        return service(store);
    }

    private IOService service(DfsMetadataStore metadataStore) {
        BinarydataHandler binarydata = new FilesystemBinarydataStore(nfs, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0644"),
                PosixPermissions.fromOctal("0755"), false).forSite(SITE);
        return new SiteIOService(SITE, UrlPrefix.of("var/site/storage"), metadataStore.forSite(SITE, binarydata), binarydata);
    }

    @AfterEach
    void dropTable() throws SQLException {
        if (store != null) {
            store.close();
            Databases.execute(dataSource, "DROP TABLE " + table);
        }
    }

    private static BinaryFile store(IOService io, String id, String content) {
        return io.create(BinaryFileCreateStruct.of(id, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * The dialect follows the database product the driver reports: MySQL Connector/J reports a MariaDB server as
     * MySQL, whose SQL (upsert, DDL, byte-exact LIKE) MariaDB shares, and a connection of either driver gets it.
     */
    @ParameterizedTest
    @EnumSource(Databases.class)
    void theDialectIsTheDatabasesWhicheverDriverReachesIt(Databases database) throws Exception {
        open(database);
        DfsDialect expected = switch (database) {
            case H2 -> DfsDialect.H2;
            case POSTGRESQL -> DfsDialect.POSTGRESQL;
            case MARIADB, MARIADB_THROUGH_MYSQL_CONNECTOR -> DfsDialect.MYSQL;
        };
        assertEquals(expected, store.dialect());
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            assertEquals(database == Databases.MARIADB_THROUGH_MYSQL_CONNECTOR, "MySQL".equals(product), product);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void storesLoadsListsAndDeletes(Databases database) throws Exception {
        IOService io = open(database);
        BinaryFile stored = store(io, "images/1/2/photo.jpg", "jpeg bytes");
        assertEquals(10, stored.size());
        assertEquals("image/jpeg", stored.mimeType());
        assertEquals(stored, io.load("images/1/2/photo.jpg"));
        assertTrue(io.exists("images/1/2/photo.jpg"));
        try (InputStream in = io.open(stored, 5, 5)) {
            assertArrayEquals("bytes".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
        store(io, "images/1/3/other.png", "png");
        store(io, "original/doc.pdf", "%PDF-1.4");
        try (Stream<BinaryFile> images = io.list("images")) {
            assertEquals(Set.of("images/1/2/photo.jpg", "images/1/3/other.png"), images.map(BinaryFile::id).collect(Collectors.toSet()));
        }
        try (Stream<BinaryFile> all = io.list("")) {
            assertEquals(3, all.count());
        }
        io.delete(stored);
        assertFalse(io.exists("images/1/2/photo.jpg"));
        assertFalse(Files.exists(nfs.resolve("var/site/storage/images/1/2/photo.jpg")));
        assertThrows(BinaryFileNotFoundException.class, () -> io.load("images/1/2/photo.jpg"));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void writesRowsExactlyAsPhpClusterNodesDo(Databases database) throws Exception {
        IOService io = open(database);
        long before = Instant.now().getEpochSecond();
        store(io, "images/1/2/3/4/1234-1-eng-GB/Ça.jpg", "x");
        store(io, "original/application/a.pdf", "%PDF-1.7");
        store(io, "images-versioned/5/6/draft.png", "p");
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT name, name_trunk, name_hash, " + database.md5("name") + ", datatype, scope, size, mtime, expired, status FROM " + table + " ORDER BY name")) {
            ResultSet rows = select.executeQuery();
            List<String> scopes = new ArrayList<>();
            while (rows.next()) {
                String name = rows.getString(1);
                assertTrue(name.startsWith("var/site/storage/"), name);
                assertEquals(name, rows.getString(2), "name_trunk = name");
                assertEquals(rows.getString(4), rows.getString(3), "name_hash is the database's own MD5 of the name");
                assertEquals(32, rows.getString(3).length());
                assertTrue(rows.getInt(8) >= before && rows.getInt(8) <= Instant.now().getEpochSecond() + 1, "mtime in Unix seconds");
                assertFalse(rows.getBoolean(9));
                assertFalse(rows.getBoolean(10));
                scopes.add(name.substring("var/site/storage/".length()) + " " + rows.getString(5) + " " + rows.getString(6) + " " + rows.getLong(7));
            }
            assertEquals(List.of("images-versioned/5/6/draft.png image/png UNKNOWN_SCOPE 1",
                    "images/1/2/3/4/1234-1-eng-GB/Ça.jpg image/jpeg image 1",
                    "original/application/a.pdf application/pdf binaryfile 8"), scopes);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void storedAndReadTypesAreNeverActiveUnlessTheNameSaysSo(Databases database) throws Exception {
        IOService io = open(database);
        String html = "<!DOCTYPE html><html><script>alert(document.cookie)</script></html>";
        store(io, "images/upload/evil.jpg", html);
        store(io, "images/upload/evil", html);
        io.create(BinaryFileCreateStruct.of("images/upload/declared", new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8))).withMimeType("text/html"));
        io.create(BinaryFileCreateStruct.of("images/upload/claimed.png", new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8))).withMimeType("image/svg+xml"));
        assertEquals("image/jpeg", datatype("images/upload/evil.jpg"), "the name wins over the content");
        assertEquals("application/octet-stream", datatype("images/upload/evil"), "sniffing never yields an active type");
        assertEquals("application/octet-stream", datatype("images/upload/declared"), "nor does a declared type");
        assertEquals("image/png", datatype("images/upload/claimed.png"), "the name wins over a declared type");

        // A PHP cluster node sniffs content: its rows may hold active types for passive names.
        phpInsert(database, "var/site/storage/images/php/evil.jpg", "text/html", "image", 6, 1700000000, false);
        phpInsert(database, "var/site/storage/images/php/evil", "image/svg+xml", "image", 6, 1700000000, false);
        phpInsert(database, "var/site/storage/images/php/logo.svg", "image/svg+xml", "image", 6, 1700000000, false);
        assertEquals("image/jpeg", io.load("images/php/evil.jpg").mimeType());
        assertEquals("application/octet-stream", io.load("images/php/evil").mimeType());
        assertEquals("image/svg+xml", io.load("images/php/logo.svg").mimeType(), "an SVG by name is stored on purpose");
    }

    /** The check is the same for every database: H2 alone proves that only the normalised type is stored and served. */
    @ParameterizedTest
    @EnumSource(value = Databases.class, names = "H2")
    void onlyWellFormedClaimedTypesAreStoredAndServedNormalised(Databases database) throws Exception {
        IOService io = open(database);
        byte[] html = "<!DOCTYPE html><script>alert(document.cookie)</script>".getBytes(StandardCharsets.UTF_8);
        io.create(BinaryFileCreateStruct.of("images/u/evil", new ByteArrayInputStream(html)).withMimeType("image/png;,text/html"));
        io.create(BinaryFileCreateStruct.of("images/u/clip", new ByteArrayInputStream(html)).withMimeType("video/mp4,text/html"));
        io.create(BinaryFileCreateStruct.of("images/u/photo", new ByteArrayInputStream(html)).withMimeType("IMAGE/PNG"));
        assertEquals("application/octet-stream", datatype("images/u/evil"));
        assertEquals("application/octet-stream", io.load("images/u/evil").mimeType());
        assertEquals("application/octet-stream", datatype("images/u/clip"));
        assertEquals("image/png", datatype("images/u/photo"), "stored normalised");
        assertEquals("image/png", io.load("images/u/photo").mimeType());

        // Rows written by others are normalised, or refused, on the way out.
        phpInsert(database, "var/site/storage/images/php/smuggled", "image/png;,text/html", "image", 6, 1700000000, false);
        phpInsert(database, "var/site/storage/images/php/header", "text/plain\r\nX-Injected: 1", "image", 6, 1700000000, false);
        phpInsert(database, "var/site/storage/images/php/upper", "IMAGE/GIF", "image", 6, 1700000000, false);
        assertEquals("application/octet-stream", io.load("images/php/smuggled").mimeType());
        assertEquals("application/octet-stream", io.load("images/php/header").mimeType());
        assertEquals("image/gif", io.load("images/php/upper").mimeType());
    }

    private String datatype(String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT datatype FROM " + table + " WHERE name = ?")) {
            select.setString(1, "var/site/storage/" + id);
            ResultSet row = select.executeQuery();
            assertTrue(row.next(), id);
            return row.getString(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void readsRowsThePhpHandlerWrote(Databases database) throws Exception {
        IOService io = open(database);
        // As the PHP DFS handler writes them: name with the site prefix, name_hash = md5(name), expired/status left 0.
        phpInsert(database, "var/site/storage/images/php/written.gif", "image/gif", "image", 6, 1700000000, false);
        Files.createDirectories(nfs.resolve("var/site/storage/images/php"));
        Files.writeString(nfs.resolve("var/site/storage/images/php/written.gif"), "GIF89a");
        // Soft-deleted by the legacy cluster: expired = 1, mtime = -abs(mtime).
        phpInsert(database, "var/site/storage/images/php/gone.gif", "image/gif", "image", 6, -1700000000, true);

        BinaryFile written = io.load("images/php/written.gif");
        assertEquals(6, written.size());
        assertEquals(Instant.ofEpochSecond(1700000000), written.mtime());
        assertEquals("image/gif", written.mimeType());
        try (InputStream in = io.open(written)) {
            assertEquals("GIF89a", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
        assertFalse(io.exists("images/php/gone.gif"), "soft-deleted rows do not exist for readers");
        try (Stream<BinaryFile> listed = io.list("images/php")) {
            assertEquals(List.of("images/php/written.gif"), listed.map(BinaryFile::id).toList());
        }

        store(io, "images/php/gone.gif", "GIF89a again");
        assertTrue(io.exists("images/php/gone.gif"), "storing again brings a soft-deleted row back (expired reset)");
        assertEquals(1, count("name_hash = " + database.md5("'var/site/storage/images/php/gone.gif'")));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void concurrentCreatesOfOneIdEndWithOneRowAndOneCompleteBinary(Databases database) throws Exception {
        IOService io = open(database);
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<BinaryFile>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String content = ("writer " + i + " ").repeat(1000);
                results.add(pool.submit((Callable<BinaryFile>) () -> {
                    start.await();
                    return store(io, "images/race/same.txt", content);
                }));
            }
            start.countDown();
            for (Future<BinaryFile> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, count("name LIKE 'var/site/storage/images/race/%'"));
        String stored = Files.readString(nfs.resolve("var/site/storage/images/race/same.txt"));
        assertTrue(stored.matches("(writer \\d )+") && stored.length() == "writer 0 ".length() * 1000, "one complete version");
        assertEquals(stored.length(), io.load("images/race/same.txt").size());
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void deleteDirectoryDoesNotLetWildcardsWidenTheMatch(Databases database) throws Exception {
        IOService io = open(database);
        store(io, "images/a_b/1.jpg", "1");
        store(io, "images/a_b/c/2.jpg", "2");
        store(io, "images/aXb/3.jpg", "3");
        store(io, "images/a%/4.jpg", "4");
        store(io, "images/a_bc/5.jpg", "5");
        io.deleteDirectory("images/a_b");
        assertFalse(io.exists("images/a_b/1.jpg"));
        assertFalse(io.exists("images/a_b/c/2.jpg"));
        assertTrue(io.exists("images/aXb/3.jpg"), "'_' must not match any character");
        assertTrue(io.exists("images/a%/4.jpg"));
        assertTrue(io.exists("images/a_bc/5.jpg"), "a sibling with a longer name stays");
        io.deleteDirectory("images/a%");
        assertFalse(io.exists("images/a%/4.jpg"));
        assertTrue(io.exists("images/aXb/3.jpg"), "'%' must not match everything");
        store(io, "images/a!_/6.jpg", "6");
        store(io, "images/a!x/7.jpg", "7");
        io.deleteDirectory("images/a!_");
        assertFalse(io.exists("images/a!_/6.jpg"), "the escape character is itself escaped");
        assertTrue(io.exists("images/a!x/7.jpg"));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void directoryPrefixesCompareNamesByteForByte(Databases database) throws Exception {
        IOService io = open(database);
        // On MariaDB and MySQL the default collation of utf8mb4 ignores case and accents: Foo, FOO and föo equal foo.
        for (String id : new String[] { "images/foo/1.jpg", "images/foo/sub/2.jpg", "images/Foo/3.jpg", "images/FOO/sub/4.jpg", "images/föo/5.jpg", "images/fôo/6.jpg" }) {
            store(io, id, id);
        }
        try (Stream<BinaryFile> listed = io.list("images/foo")) {
            assertEquals(Set.of("images/foo/1.jpg", "images/foo/sub/2.jpg"), listed.map(BinaryFile::id).collect(Collectors.toSet()));
        }
        assertEquals(2, store.forSite(SITE, null).count("images/foo"));

        io.deleteDirectory("images/foo");

        assertFalse(io.exists("images/foo/1.jpg"));
        assertFalse(io.exists("images/foo/sub/2.jpg"));
        for (String id : new String[] { "images/Foo/3.jpg", "images/FOO/sub/4.jpg", "images/föo/5.jpg", "images/fôo/6.jpg" }) {
            assertTrue(io.exists(id), id + " is not below images/foo");
            assertTrue(Files.exists(nfs.resolve("var/site/storage/" + id)), id);
        }
        assertEquals(4, count("name LIKE 'var/site/storage/images/%'"), "the other rows stay");
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void listsMoreThanAPageLazily(Databases database) throws Exception {
        IOService io = open(database);
        int rows = DfsMetadataHandler.LIST_PAGE_SIZE * 2 + 37;
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (name, name_hash, name_trunk, datatype, scope, size, mtime) VALUES (?, ?, ?, 'image/jpeg', 'image', 1, 1700000000)")) {
            for (int i = 0; i < rows; i++) {
                String name = "var/site/storage/images/bulk/" + i + ".jpg";
                insert.setString(1, name);
                insert.setString(2, DfsNames.hash(name));
                insert.setString(3, name);
                insert.addBatch();
            }
            insert.executeBatch();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
        phpInsert(database, "var/admin/storage/images/bulk/other-site.jpg", "image/jpeg", "image", 1, 1700000000, false);
        try (Stream<BinaryFile> listed = io.list("images/bulk")) {
            assertEquals(rows, listed.map(BinaryFile::id).distinct().count(), "every row once, none of another site");
        }
        try (Stream<BinaryFile> firstFew = io.list("images/bulk")) {
            assertEquals(3, firstFew.limit(3).count());
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void anUnreachableDatabaseFailsClearlyAndTheHandlerRecovers(Databases database) throws Exception {
        open(database);
        SwitchableDataSource switchable = new SwitchableDataSource(dataSource);
        DfsMetadataStore flaky = new DfsMetadataStore("dfs", switchable, table, false);
        try {
            IOService io = service(flaky);
            switchable.down.set(true);
            IOBackendException failure = assertThrows(IOBackendException.class, () -> store(io, "images/later.jpg", "x"));
            assertTrue(failure.getMessage().contains("DFS metadata handler 'dfs'") && failure.getMessage().contains(table), failure.getMessage());
            assertFalse(Files.exists(nfs.resolve("var/site/storage/images/later.jpg")), "no binary without metadata");
            assertThrows(IOBackendException.class, () -> io.exists("images/later.jpg"));

            switchable.down.set(false);
            store(io, "images/later.jpg", "x");
            assertTrue(io.exists("images/later.jpg"), "the next call after the database returns works");
        } finally {
            flaky.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Databases.class, names = { "MARIADB", "MARIADB_THROUGH_MYSQL_CONNECTOR", "POSTGRESQL" })
    void aStatementThatOutlastsTheQueryTimeoutFailsAtTheTimeout(Databases database) throws Exception {
        IOService io = open(database);
        store(io, "images/locked.jpg", "x");
        DfsMetadataStore bounded = new DfsMetadataStore("dfs", dataSource, table, false, 1);
        assertTrue(bounded.forSite(SITE, null).exists("images/locked.jpg"), "started before the clock runs: only the statement is timed");
        try (Connection locker = dataSource.getConnection()) {
            // Another transaction holds the row, so that the handler's delete waits for it longer than its query timeout.
            locker.setAutoCommit(false);
            try (PreparedStatement lock = locker.prepareStatement("UPDATE " + table + " SET size = size WHERE name_hash = ?")) {
                lock.setString(1, DfsNames.hash("var/site/storage/images/locked.jpg"));
                assertEquals(1, lock.executeUpdate());
            }
            long start = System.nanoTime();
            IOBackendException failure = assertThrows(IOBackendException.class, () -> bounded.forSite(SITE, null).delete("images/locked.jpg"));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 900 && millis < 5000, "failed after " + millis + " ms, not at the 1 s query timeout");
            assertTrue(failure.getMessage().startsWith("CLUSTERIO0071: DFS metadata handler 'dfs' could not delete the metadata of 'images/locked.jpg'"),
                    failure.getMessage());
            locker.rollback();
        } finally {
            bounded.close();
        }
        assertTrue(io.exists("images/locked.jpg"), "the cancelled delete deleted nothing");
    }

    private void phpInsert(Databases database, String name, String datatype, String scope, long size, int mtime, boolean expired) throws SQLException {
        String hash = database == Databases.H2 ? "'" + DfsNames.hash(name) + "'" : database.md5("'" + name + "'");
        String expiredValue = database.isMariadb() ? (expired ? "1" : "0") : String.valueOf(expired);
        Databases.execute(dataSource, "INSERT INTO " + table + " (name, name_trunk, name_hash, datatype, scope, size, mtime, expired) VALUES ('"
                + name + "', '" + name + "', " + hash + ", '" + datatype + "', '" + scope + "', " + size + ", " + mtime + ", " + expiredValue + ")");
    }

    private long count(String where) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + where)) {
            ResultSet result = select.executeQuery();
            result.next();
            return result.getLong(1);
        }
    }

    /** A real database behind a switch that makes every new connection fail, as a network partition would. */
    private static final class SwitchableDataSource implements DataSource {

        final AtomicBoolean down = new AtomicBoolean();
        private final DataSource database;

        SwitchableDataSource(DataSource database) {
            this.database = database;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down.get()) {
                throw new SQLException("Connection refused (the database is down)", "08001");
            }
            return database.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return database.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            database.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            database.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return database.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return database.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return database.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return database.isWrapperFor(type);
        }
    }
}
