package org.clusterio.io.dfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

import javax.sql.DataSource;

import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.IOBackendException;
import org.clusterio.api.IOService;
import org.clusterio.cache.LocalInfinispan;
import org.clusterio.cache.SharedCache;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.CachingMetadataHandler;
import org.clusterio.io.SiteIOService;
import org.clusterio.io.SiteLayout;
import org.clusterio.io.UrlPrefix;
import org.clusterio.io.fs.FilesystemBinarydataStore;
import org.clusterio.io.fs.PosixPermissions;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A create whose metadata write fails after the binary is stored, on a real DFS table (H2), a real Infinispan cache and
 * real files: the binary is deleted only when it is certain that no record names it. Each failure is a real one: a
 * cache stopped during the upload, a commit that reaches the database but whose acknowledgement is lost, a row
 * that another node (a PHP cluster node, which bypasses the cache) writes during the upload, a check constraint by
 * which the database refuses the row.
 */
class MetadataWriteFailureTest {

    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");
    private static final String ID = "images/1/photo.jpg";
    private static final byte[] CONTENT = "new jpeg bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path nfs;

    private LocalInfinispan infinispan;
    private SharedCache cache;
    private JdbcDataSource database;
    private String table;
    private DfsMetadataStore store;

    @BeforeEach
    void open() {
        infinispan = new LocalInfinispan();
        cache = infinispan.start("dfs", 10_000, -1).shared();
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:write-failure-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        table = Databases.freshTable();
        store = new DfsMetadataStore("dfs", database, table, true);
        store.dialect();
    }

    @AfterEach
    void close() {
        store.close();
        infinispan.close();
    }

    private IOService site(DfsMetadataStore metadataStore) {
        BinarydataHandler binarydata = new FilesystemBinarydataStore(nfs, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0644"),
                PosixPermissions.fromOctal("0755"), false).forSite(SITE);
        return new SiteIOService(SITE, UrlPrefix.of("var/site/storage"), new CachingMetadataHandler(metadataStore.forSite(SITE, binarydata), cache, "dfs:", SITE), binarydata);
    }

    private Path binary() {
        return nfs.resolve("var/site/storage/" + ID);
    }

    @Test
    void aCacheThatFailsAfterTheCommitKeepsTheBinaryTheRowNames() throws Exception {
        IOService io = site(store);
        // The cache manager stops while the bytes are uploaded: the row commits, then its invalidation fails.
        InputStream content = atEnd(new ByteArrayInputStream(CONTENT), () -> infinispan.manager().stop());

        // (The MIME type is given, so the content is read by the upload alone.)
        IOBackendException failure = assertThrows(IOBackendException.class, () -> io.create(BinaryFileCreateStruct.of(ID, content).withMimeType("image/jpeg")));

        assertTrue(failure.getMessage().contains("could not invalidate"), failure.getMessage());
        assertEquals(CONTENT.length, rowSize(), "the row committed");
        assertArrayEquals(CONTENT, Files.readAllBytes(binary()), "the binary the row names is still there");
    }

    @Test
    void aCommitWhoseAcknowledgementIsLostKeepsTheBinary() throws Exception {
        DfsMetadataStore lostAcknowledgements = new DfsMetadataStore("dfs", commitsThenFails(database), table, false);
        try {
            IOService io = site(lostAcknowledgements);

            assertThrows(IOBackendException.class, () -> io.create(BinaryFileCreateStruct.of(ID, new ByteArrayInputStream(CONTENT))));

            assertEquals(CONTENT.length, rowSize(), "the commit reached the database");
            assertArrayEquals(CONTENT, Files.readAllBytes(binary()), "a write of unknown outcome never deletes the binary");
        } finally {
            lostAcknowledgements.close();
        }
    }

    @Test
    void aRowAnotherNodeWroteDuringTheUploadKeepsTheBinaryWhenOurWriteFails() throws Exception {
        IOService io = site(store);
        assertFalse(io.exists(ID), "no row yet; the answer is cached");
        // A PHP cluster node records the id (bypassing the cache) while this node uploads; then this node's own write
        // fails for certain: the database refuses its row.
        refuseRowsOfMoreThanFourBytes();
        InputStream content = atEnd(new ByteArrayInputStream(CONTENT), () -> phpInsert(ID, 1));

        IOBackendException failure = assertThrows(IOBackendException.class, () -> io.create(BinaryFileCreateStruct.of(ID, content).withMimeType("image/jpeg")));

        assertInstanceOf(SQLException.class, rootCause(failure));
        assertEquals(1, rowSize(), "the other node's row");
        assertArrayEquals(CONTENT, Files.readAllBytes(binary()), "the binary that row names is still there");
    }

    @Test
    void aWriteThatCertainlyFailedTakesItsNewBinaryBack() throws Exception {
        IOService io = site(store);
        refuseRowsOfMoreThanFourBytes();

        assertThrows(IOBackendException.class, () -> io.create(BinaryFileCreateStruct.of(ID, new ByteArrayInputStream(CONTENT))));

        assertEquals(-1, rowSize());
        assertFalse(Files.exists(binary()), "no row names it, so no binary stays");
    }

    @Test
    void aStoppedCacheFailsLookupsWithTheBackendException() {
        IOService io = site(store);
        infinispan.manager().stop();

        IOBackendException failure = assertThrows(IOBackendException.class, () -> io.exists(ID));
        assertTrue(failure.getMessage().contains("Persistence cache 'dfs'") && failure.getMessage().contains("CLUSTERIO0082"), failure.getMessage());
        assertThrows(IOBackendException.class, () -> io.find(ID));
    }

    /** The database refuses the upsert of this node's row, and answers every read. */
    private void refuseRowsOfMoreThanFourBytes() throws SQLException {
        Databases.execute(database, "ALTER TABLE " + table + " ADD CONSTRAINT " + table + "_small CHECK (size < 5)");
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    /** @return the size in the id's row, or -1 when there is none */
    private long rowSize() throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT size FROM " + table + " WHERE name = ?")) {
            select.setString(1, SITE.internalPath(ID));
            ResultSet row = select.executeQuery();
            return row.next() ? row.getLong(1) : -1;
        }
    }

    private void phpInsert(String id, long size) {
        String name = SITE.internalPath(id);
        try (Connection connection = database.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (name, name_hash, name_trunk, datatype, scope, size, mtime) VALUES (?, ?, ?, 'image/jpeg', 'image', ?, 1700000000)")) {
            insert.setString(1, name);
            insert.setString(2, DfsNames.hash(name));
            insert.setString(3, name);
            insert.setLong(4, size);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The content, with something that happens once it has been read to its end: during the create, after the upload. */
    private static InputStream atEnd(InputStream content, Runnable then) {
        return new FilterInputStream(content) {
            private boolean done;

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                if (read < 0 && !done) {
                    done = true;
                    then.run();
                }
                return read;
            }
        };
    }

    /**
     * The real database, whose commits go through and whose answers to them are lost, as when the connection breaks
     * right after the database committed: what no database on this machine can be made to do on cue.
     */
    private static DataSource commitsThenFails(DataSource database) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] { DataSource.class }, (proxy, method, arguments) -> {
            Object result = invoke(database, method, arguments);
            if (!(result instanceof Connection connection)) {
                return result;
            }
            return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] { Connection.class }, (connectionProxy, call, values) -> {
                Object answer = invoke(connection, call, values);
                if (call.getName().equals("commit")) {
                    throw new SQLNonTransientConnectionException("Connection reset while reading the answer to COMMIT", "08006");
                }
                return answer;
            });
        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
