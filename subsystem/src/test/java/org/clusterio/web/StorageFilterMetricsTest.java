package org.clusterio.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.clusterio.api.BinaryFileCreateStruct;
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

/** The storage filter's response counters, over real HTTP: each status class, and the body bytes really sent. */
class StorageFilterMetricsTest {

    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");
    private static final byte[] CONTENT = new byte[10_000];

    @TempDir
    Path storage;

    private final HttpClient http = HttpClient.newHttpClient();
    private StorageFilterServer server;

    @BeforeEach
    void start() {
        BinarydataHandler binarydata = new FilesystemBinarydataStore(storage, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0640"),
                PosixPermissions.fromOctal("0750"), false).forSite(SITE);
        SiteIOService site = new SiteIOService(SITE, UrlPrefix.of("var/site/storage"), new BinaryStoreMetadataHandler(binarydata), binarydata);
        site.create(BinaryFileCreateStruct.of("images/a.jpg", new ByteArrayInputStream(CONTENT)));
        server = new StorageFilterServer(site);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void countsResponsesByStatusClassAndTheBytesSent() throws Exception {
        HttpResponse<byte[]> whole = send(request("images/a.jpg"));
        assertEquals(200, whole.statusCode());
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        assertEquals(206, send(request("images/a.jpg").header("Range", "bytes=0-99")).statusCode());
        assertEquals(304, send(request("images/a.jpg").header("If-None-Match", etag)).statusCode());
        assertEquals(200, send(request("images/a.jpg").method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode());
        assertEquals(404, send(request("images/missing.jpg")).statusCode());
        assertEquals(405, send(request("images/a.jpg").DELETE()).statusCode());
        assertEquals(400, send(request("images/%2e%2e/%2e%2e/secret")).statusCode());

        ResponseStatistics statistics = server.awaitCounted(7);
        assertEquals(3, statistics.responses(2));
        assertEquals(1, statistics.responses(3));
        assertEquals(3, statistics.responses(4));
        assertEquals(0, statistics.responses(5));
        assertEquals(CONTENT.length + 100, statistics.bytesSent(), "the whole file sent by the kernel, and the range; HEAD and 304 send no body");
    }

    private HttpRequest.Builder request(String id) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/var/site/storage/" + id));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
