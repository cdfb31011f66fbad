package org.clusterio.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.httpcache.CacheTags;
import org.clusterio.io.BinaryStoreMetadataHandler;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.SiteIOService;
import org.clusterio.io.SiteLayout;
import org.clusterio.io.UrlPrefix;
import org.clusterio.io.fs.FilesystemBinarydataStore;
import org.clusterio.io.fs.PosixPermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a cache in front learns from the storage filter: the tags of each file, and whether this server is ready. */
class CacheTagsAndReadinessTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");

    @TempDir
    Path storage;

    private final AtomicReference<String> notReady = new AtomicReference<>();
    private StorageFilterServer server;

    @BeforeEach
    void serve() {
        BinarydataHandler binarydata = new FilesystemBinarydataStore(storage, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0640"),
                PosixPermissions.fromOctal("0750"), false).forSite(SITE);
        SiteIOService site = new SiteIOService(SITE, UrlPrefix.of("var/site/storage"), new BinaryStoreMetadataHandler(binarydata), binarydata);
        site.create(BinaryFileCreateStruct.of("images/1/2/x.jpg", new ByteArrayInputStream("jpeg".getBytes(StandardCharsets.UTF_8))));
        server = new StorageFilterServer(site, notReady::get);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aFileIsTaggedWithItselfAndEachOfItsDirectories() throws Exception {
        String expected = String.join(" ", CacheTags.of("var/site/storage/images/1/2/x.jpg"), CacheTags.of("var/site/storage"),
                CacheTags.of("var/site/storage/images"), CacheTags.of("var/site/storage/images/1"), CacheTags.of("var/site/storage/images/1/2"));
        HttpResponse<String> get = send("GET", "/var/site/storage/images/1/2/x.jpg");
        assertEquals(200, get.statusCode());
        assertEquals(expected, get.headers().firstValue("xkey").orElseThrow());
        String etag = get.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> revalidated = HTTP.send(HttpRequest.newBuilder(uri("/var/site/storage/images/1/2/x.jpg")).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(304, revalidated.statusCode());
        assertEquals(expected, revalidated.headers().firstValue("xkey").orElseThrow(), "a revalidation keeps the cached copy's tags");
        assertTrue(send("GET", "/var/site/storage/images/missing.jpg").headers().firstValue("xkey").isEmpty(), "a 404 is not cached, so not tagged");
    }

    @Test
    void theReadinessEndpointSaysWhetherTheServerTakesRequestsAndIsNeverCached() throws Exception {
        HttpResponse<String> ready = send("GET", "/.cluster-io/ready");
        assertEquals(200, ready.statusCode());
        assertEquals("ready\n", ready.body());
        assertEquals("no-store", ready.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(200, send("HEAD", "/.cluster-io/ready").statusCode());

        notReady.set("suspended");
        HttpResponse<String> suspended = send("GET", "/.cluster-io/ready");
        assertEquals(503, suspended.statusCode());
        assertEquals("not ready: suspended\n", suspended.body());
        assertEquals("5", suspended.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("no-store", suspended.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(503, send("HEAD", "/.cluster-io/ready").statusCode());
        assertEquals(405, send("POST", "/.cluster-io/ready").statusCode());

        notReady.set(null);
        assertEquals(200, send("GET", "/.cluster-io/ready").statusCode());
        assertEquals(404, send("GET", "/.cluster-io/ready/more").statusCode(), "anything else goes to the application");
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
