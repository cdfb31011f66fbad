package org.clusterio.io.dfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;

import javax.sql.DataSource;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.IOService;
import org.clusterio.cache.CacheStatistics;
import org.clusterio.cache.LocalInfinispan;
import org.clusterio.cache.SharedCache;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.CachingMetadataHandler;
import org.clusterio.io.SiteIOService;
import org.clusterio.io.SiteLayout;
import org.clusterio.io.UrlPrefix;
import org.clusterio.io.fs.FilesystemBinarydataStore;
import org.clusterio.io.fs.PosixPermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DFS lookups served from a real Infinispan cache over a real DFS table (H2): answers come from the cache (the table
 * is changed behind its back to prove it), and every write through the handler invalidates before it returns.
 */
class CachedDfsMetadataTest {

    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");

    @TempDir
    Path nfs;

    private LocalInfinispan infinispan;
    private SharedCache cache;
    private DataSource dataSource;
    private String table;
    private DfsMetadataStore store;
    private IOService io;

    @BeforeEach
    void open() throws SQLException {
        infinispan = new LocalInfinispan();
        cache = infinispan.start("default", 10_000, -1).shared();
        dataSource = Databases.H2.dataSource();
        table = Databases.freshTable();
        store = new DfsMetadataStore("dfs", dataSource, table, true);
        store.dialect();
        io = service();
    }

    /** A node's view of the site: every node builds its own handlers on the same store and cache. */
    private IOService service() {
        BinarydataHandler binarydata = new FilesystemBinarydataStore(nfs, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0644"),
                PosixPermissions.fromOctal("0755"), false).forSite(SITE);
        return new SiteIOService(SITE, UrlPrefix.of("var/site/storage"), new CachingMetadataHandler(store.forSite(SITE, binarydata), cache, "dfs:test:", SITE), binarydata);
    }

    @AfterEach
    void close() throws SQLException {
        store.close();
        Databases.execute(dataSource, "DROP TABLE " + table);
        infinispan.close();
    }

    private BinaryFile store(IOService service, String id, String content) {
        return service.create(BinaryFileCreateStruct.of(id, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8))));
    }

    private void changeRowBehindTheCache(String id, long size) throws SQLException {
        Databases.execute(dataSource, "UPDATE " + table + " SET size = " + size + " WHERE name = 'var/site/storage/" + id + "'");
    }

    @Test
    void lookupsAreServedFromTheCache() throws SQLException {
        store(io, "images/1/a.jpg", "12345");
        assertEquals(5, io.load("images/1/a.jpg").size());
        changeRowBehindTheCache("images/1/a.jpg", 99);
        assertEquals(5, io.load("images/1/a.jpg").size(), "the second lookup never reached the table");
        assertTrue(io.exists("images/1/a.jpg"));
        CacheStatistics statistics = cache.statistics();
        assertEquals(2, statistics.misses(), "the create's own existence check, then the first load after it");
        assertEquals(2, statistics.hits());
    }

    @Test
    void aStoreInvalidatesTheLookupOnEveryViewBeforeItReturns() throws SQLException {
        IOService otherNode = service();
        assertFalse(otherNode.exists("images/2/b.jpg"), "a not-found answer is cached too");
        BinaryFile stored = store(io, "images/2/b.jpg", "abc");
        assertEquals(stored, otherNode.load("images/2/b.jpg"), "no negative-cache lie after a create");

        store(io, "images/2/b.jpg", "abcdef");
        assertEquals(6, otherNode.load("images/2/b.jpg").size());
        assertEquals(6, io.load("images/2/b.jpg").size());
    }

    @Test
    void aDeleteInvalidatesTheLookup() {
        BinaryFile stored = store(io, "images/3/c.jpg", "c");
        IOService otherNode = service();
        assertTrue(otherNode.exists("images/3/c.jpg"));
        io.delete(stored);
        assertFalse(otherNode.exists("images/3/c.jpg"));
        assertFalse(otherNode.find("images/3/c.jpg").isPresent());
    }

    @Test
    void deletingADirectoryInvalidatesEveryLookupBelowItAndNothingElse() throws SQLException {
        store(io, "images/_aliases/small/1/x.jpg", "x");
        store(io, "images/_aliases/small/2/y.jpg", "y");
        store(io, "images/_aliases/smaller/z.jpg", "z");
        store(io, "images/other/w.jpg", "w");
        for (String id : new String[] { "images/_aliases/small/1/x.jpg", "images/_aliases/small/2/y.jpg", "images/_aliases/smaller/z.jpg", "images/other/w.jpg" }) {
            assertTrue(io.exists(id));
        }
        changeRowBehindTheCache("images/other/w.jpg", 42);

        io.deleteDirectory("images/_aliases/small");

        assertFalse(io.exists("images/_aliases/small/1/x.jpg"));
        assertFalse(io.exists("images/_aliases/small/2/y.jpg"));
        assertTrue(io.exists("images/_aliases/smaller/z.jpg"), "a sibling whose name starts the same is untouched");
        assertEquals(1, io.load("images/other/w.jpg").size(), "other directories stay cached");
    }

    @Test
    void mtimeAndMimeTypeSurviveTheCache() {
        BinaryFile stored = store(io, "original/application/report.pdf", "%PDF-1.7");
        BinaryFile first = io.load("original/application/report.pdf");
        BinaryFile cached = io.load("original/application/report.pdf");
        assertEquals(stored, cached);
        assertEquals(first.mtime(), cached.mtime());
        assertEquals("application/pdf", cached.mimeType());
        assertTrue(cached.mtime().isAfter(Instant.EPOCH));
    }
}
