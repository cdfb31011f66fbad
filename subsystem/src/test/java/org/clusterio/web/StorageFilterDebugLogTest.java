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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

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

/**
 * With DEBUG on for {@code org.clusterio.web} (docs/logging.md), the storage filter says why it answered 400, 404 or
 * 412; nothing of it is logged at the default level.
 */
class StorageFilterDebugLogTest {

    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");

    @TempDir
    Path storage;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Logger category = Logger.getLogger("org.clusterio.web");
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {

        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            logged.add(formatter.formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;
    private StorageFilterServer server;

    @BeforeEach
    void serve() {
        BinarydataHandler binarydata = new FilesystemBinarydataStore(storage, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0640"),
                PosixPermissions.fromOctal("0750"), false).forSite(SITE);
        SiteIOService site = new SiteIOService(SITE, UrlPrefix.of("var/site/storage"), new BinaryStoreMetadataHandler(binarydata), binarydata);
        site.create(BinaryFileCreateStruct.of("images/a.jpg", new ByteArrayInputStream("jpeg".getBytes(StandardCharsets.UTF_8))));
        server = new StorageFilterServer(site);
        previousLevel = category.getLevel();
        capture.setLevel(Level.ALL);
        category.addHandler(capture);
    }

    @AfterEach
    void stop() {
        category.removeHandler(capture);
        category.setLevel(previousLevel);
        server.close();
    }

    @Test
    void debugSaysWhyARequestWasRefused() throws Exception {
        category.setLevel(Level.FINE);
        assertEquals(404, get("/var/site/storage/images/missing.jpg", null));
        assertEquals(400, get("/var/site/storage/images/%2e%2e/a.jpg", null));
        assertEquals(412, get("/var/site/storage/images/a.jpg", "\"not-its-tag\""));

        assertLogged("CLUSTERIO0201: Storage request /var/site/storage/images/missing.jpg answered 404: site 'site' has no file 'images/missing.jpg'");
        assertLogged("CLUSTERIO0200: Storage request /var/site/storage/images/%2e%2e/a.jpg answered 400: ");
        assertLogged("CLUSTERIO0203: Storage request /var/site/storage/images/a.jpg answered 412: ");
    }

    @Test
    void nothingIsLoggedPerRequestByDefault() throws Exception {
        category.setLevel(Level.INFO);
        assertEquals(404, get("/var/site/storage/images/missing.jpg", null));
        assertTrue(logged.isEmpty(), logged.toString());
    }

    private int get(String path, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void assertLogged(String start) {
        assertTrue(logged.stream().anyMatch(message -> message.startsWith(start)), start + " in " + logged);
    }
}
