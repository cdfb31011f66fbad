package org.clusterio.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.BinaryFileMetadata;
import org.clusterio.io.BinaryStoreMetadataHandler;
import org.clusterio.io.ForwardingMetadataHandler;
import org.clusterio.io.MetadataHandler;
import org.clusterio.io.SiteIOService;
import org.clusterio.io.SiteLayout;
import org.clusterio.io.UrlPrefix;
import org.clusterio.io.dfs.DfsMetadataStore;
import org.clusterio.io.fs.FilesystemBinarydataStore;
import org.clusterio.io.fs.PosixPermissions;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage filter over real HTTP (an embedded Undertow on 127.0.0.1) and real files while they change: every
 * answer describes the bytes it sends, whatever happened to the file between the lookup and the send.
 */
class StorageFilterUnderChangeTest {

    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");
    private static final String ID = "images/a/photo.jpg";
    private static final String URI_PATH = "/var/site/storage/" + ID;

    @TempDir
    Path storage;

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<Runnable> afterNextLookup = new AtomicReference<>();
    private StorageFilterServer server;
    private DfsMetadataStore dfs;
    private BinarydataHandler binarydata;
    private SiteIOService site;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (dfs != null) {
            dfs.close();
        }
    }

    /** A filesystem site whose metadata (read from the files) runs a hook right after a lookup, as a concurrent writer would. */
    private void serveFilesystemSite() {
        binarydata = new FilesystemBinarydataStore(storage, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0640"),
                PosixPermissions.fromOctal("0750"), false).forSite(SITE);
        start(new HookedMetadata(new BinaryStoreMetadataHandler(binarydata)));
    }

    private void serveDfsSite() {
        binarydata = new FilesystemBinarydataStore(storage, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0640"),
                PosixPermissions.fromOctal("0750"), false).forSite(SITE);
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:dfs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dfs = new DfsMetadataStore("dfs", h2, "ezdfsfile", true);
        start(dfs.forSite(SITE, binarydata));
    }

    private void start(MetadataHandler metadata) {
        site = new SiteIOService(SITE, UrlPrefix.of("var/site/storage"), metadata, binarydata);
        server = new StorageFilterServer(site);
    }

    private void store(String content) {
        site.create(BinaryFileCreateStruct.of(ID, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8))));
    }

    /** Replaces the stored file on disk the way every writer does: a new file renamed over the old one. */
    private void replaceOnDisk(String content) {
        try {
            Path file = storage.resolve("var/site/storage").resolve(ID);
            Path next = file.resolveSibling(".next");
            Files.writeString(next, content);
            Files.move(next, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> request(String method, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + URI_PATH))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static long contentLength(HttpResponse<?> response) {
        return Long.parseLong(response.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void aFileReplacedAfterTheLookupIsSentWholeUnderItsOwnLengthAndTag() throws Exception {
        serveFilesystemSite();
        for (String[] change : new String[][] { { "old bytes", "the new, longer bytes" }, { "the old, longer bytes", "new" } }) {
            store(change[0]);
            afterNextLookup.set(() -> replaceOnDisk(change[1]));
            HttpResponse<byte[]> served = request("GET");
            assertEquals(200, served.statusCode());
            assertArrayEquals(change[1].getBytes(StandardCharsets.UTF_8), served.body(), "the opened file, whole, never a prefix or a truncated body");
            assertEquals(served.body().length, contentLength(served));
            HttpResponse<byte[]> after = request("GET");
            assertEquals(after.headers().firstValue("ETag"), served.headers().firstValue("ETag"), "the tag of what was sent");
            assertEquals(after.headers().firstValue("Last-Modified"), served.headers().firstValue("Last-Modified"));
        }
    }

    @Test
    void aRangeOfAReplacedFileIsCutFromTheFileSent() throws Exception {
        serveFilesystemSite();
        store("0123456789");
        afterNextLookup.set(() -> replaceOnDisk("abcdefghijklmnopqrstuvwxyz"));
        HttpResponse<byte[]> served = request("GET", "Range", "bytes=-3");
        assertEquals(206, served.statusCode());
        assertEquals("bytes 23-25/26", served.headers().firstValue("Content-Range").orElseThrow());
        assertEquals("xyz", new String(served.body(), StandardCharsets.UTF_8));
    }

    @Test
    void everyReplacementGetsANewTagEvenInTheSameSecondWithTheSameSize() throws Exception {
        serveFilesystemSite();
        Set<String> tags = new java.util.HashSet<>();
        Set<String> seconds = new java.util.HashSet<>();
        int versions = 20;
        for (int version = 10; version < 10 + versions; version++) {
            store("version " + version); // same size each time, writes quicker than the file system's clock ticks
            HttpResponse<byte[]> served = request("GET");
            assertEquals("version " + version, new String(served.body(), StandardCharsets.UTF_8));
            tags.add(served.headers().firstValue("ETag").orElseThrow());
            seconds.add(served.headers().firstValue("Last-Modified").orElseThrow());
        }
        assertTrue(seconds.size() < versions, "some replacements fell in the same second: " + seconds);
        assertEquals(versions, tags.size(), "a new tag for every replacement: " + tags);
    }

    @Test
    void ifMatchAndIfUnmodifiedSinceFailWith412() throws Exception {
        serveFilesystemSite();
        store("content");
        HttpResponse<byte[]> current = request("GET");
        String etag = current.headers().firstValue("ETag").orElseThrow();
        String lastModified = current.headers().firstValue("Last-Modified").orElseThrow();
        assertEquals(412, request("GET", "If-Match", "\"other\"").statusCode());
        assertEquals(412, request("HEAD", "If-Match", "W/" + etag).statusCode(), "If-Match compares strongly");
        assertEquals(200, request("GET", "If-Match", "\"other\", " + etag).statusCode());
        assertEquals(200, request("GET", "If-Match", "*").statusCode());
        assertEquals(412, request("GET", "If-Unmodified-Since", "Sun, 06 Nov 1994 08:49:37 GMT").statusCode());
        assertEquals(200, request("GET", "If-Unmodified-Since", lastModified).statusCode());
        assertEquals(200, request("GET", "If-Unmodified-Since", "not a date").statusCode(), "an unreadable date is ignored");
        // RFC 9110 13.2.2: If-Match decides before If-Unmodified-Since, and both before If-None-Match
        assertEquals(200, request("GET", "If-Match", etag, "If-Unmodified-Since", "Sun, 06 Nov 1994 08:49:37 GMT").statusCode());
        assertEquals(412, request("GET", "If-Match", "\"other\"", "If-None-Match", etag).statusCode());
    }

    @Test
    void ifModifiedSinceTakesAllThreeDateFormats() throws Exception {
        serveFilesystemSite();
        store("content");
        Instant modified = HttpDates.parse(request("HEAD").headers().firstValue("Last-Modified").orElseThrow()).orElseThrow();
        java.time.ZonedDateTime at = modified.atZone(java.time.ZoneOffset.UTC);
        String rfc850 = at.format(java.time.format.DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", java.util.Locale.US));
        String asctime = at.format(java.time.format.DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", java.util.Locale.US));
        assertEquals(304, request("GET", "If-Modified-Since", rfc850).statusCode(), rfc850);
        assertEquals(304, request("GET", "If-Modified-Since", asctime).statusCode(), asctime);
        assertEquals(200, request("GET", "If-Modified-Since", "Sunday, 06-Nov-94 08:49:37 GMT").statusCode());
        assertEquals(200, request("GET", "If-Modified-Since", "Sun Nov  6 08:49:37 1994").statusCode());
    }

    @Test
    void headOfARowWithoutItsFileIs404LikeGet() throws Exception {
        serveDfsSite();
        store("content");
        assertEquals(200, request("HEAD").statusCode());
        Files.delete(storage.resolve("var/site/storage").resolve(ID));
        assertTrue(site.exists(ID), "the row is still there");
        assertEquals(404, request("GET").statusCode());
        HttpResponse<byte[]> head = request("HEAD");
        assertEquals(404, head.statusCode());
        assertTrue(head.headers().firstValue("ETag").isEmpty());
    }

    @Test
    void aFileDeletedAfterTheLookupIs404ForGetAndHead() throws Exception {
        serveFilesystemSite();
        for (String method : new String[] { "GET", "HEAD" }) {
            store("content");
            afterNextLookup.set(() -> site.delete(site.load(ID)));
            HttpResponse<byte[]> gone = request(method);
            assertEquals(404, gone.statusCode(), method);
            assertTrue(gone.headers().firstValue("ETag").isEmpty(), method);
        }
    }

    @Test
    void aDfsRowIsDescribedByTheFileItNames() throws Exception {
        serveDfsSite();
        store("old");
        replaceOnDisk("bytes written by a PHP cluster node, the row not yet updated");
        HttpResponse<byte[]> served = request("GET");
        assertEquals(200, served.statusCode());
        assertEquals(served.body().length, contentLength(served));
        assertEquals("bytes written by a PHP cluster node, the row not yet updated", new String(served.body(), StandardCharsets.UTF_8));
        assertEquals(served.body().length, contentLength(request("HEAD")), "HEAD answers what GET would");
    }

    /** The metadata a site reads, with a hook that runs once right after the next lookup. */
    private final class HookedMetadata extends ForwardingMetadataHandler {

        HookedMetadata(MetadataHandler delegate) {
            super(delegate);
        }

        @Override
        public Optional<BinaryFileMetadata> load(String name) {
            Optional<BinaryFileMetadata> found = super.load(name);
            Runnable hook = afterNextLookup.getAndSet(null);
            if (hook != null) {
                hook.run();
            }
            return found;
        }
    }
}
