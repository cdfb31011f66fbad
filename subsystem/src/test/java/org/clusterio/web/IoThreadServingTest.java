package org.clusterio.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.cache.LocalInfinispan;
import org.clusterio.io.BinaryStoreMetadataHandler;
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
 * Requests whose record is in the node's cache and whose bytes are a local file are answered on Undertow's IO thread;
 * anything that could block goes to a worker, and every answer is the one a worker gives: real files on the local
 * file system of the test, a real Infinispan cache, real HTTP.
 */
class IoThreadServingTest {

    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");
    private static final String URI_PATH = "/var/site/storage/images/a.jpg";

    @TempDir
    Path storage;

    private final HttpClient http = HttpClient.newHttpClient();
    /** The name of the thread of each openForServing, in order. */
    private final List<String> openedOn = new CopyOnWriteArrayList<>();
    private final LocalInfinispan infinispan = new LocalInfinispan();
    private StorageFilterServer server;

    /** A site whose records come from the node's cache (filled from the store on a miss) and whose bytes are local files. */
    @BeforeEach
    void start() {
        var files = new FilesystemBinarydataStore(storage, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0640"), PosixPermissions.fromOctal("0750"), false)
                .forSite(SITE);
        var cached = new CachingMetadataHandler(new BinaryStoreMetadataHandler(files), infinispan.start("default", 1000, -1).shared(), "fs:", SITE);
        var site = new SiteIOService(SITE, UrlPrefix.of("var/site/storage"), cached, threadRecording(files));
        site.create(BinaryFileCreateStruct.of("images/a.jpg", new ByteArrayInputStream("first".getBytes(StandardCharsets.UTF_8))));
        server = new StorageFilterServer(site);
    }

    @AfterEach
    void stop() {
        server.close();
        infinispan.close();
    }

    @Test
    void aCachedRecordOfALocalFileIsAnsweredOnTheIoThreadAsAWorkerWouldAnswerIt() throws Exception {
        HttpResponse<byte[]> first = send(request());
        HttpResponse<byte[]> second = send(request());
        assertEquals(List.of(200, 200), List.of(first.statusCode(), second.statusCode()));
        assertArrayEquals("first".getBytes(StandardCharsets.UTF_8), second.body());
        for (String header : List.of("ETag", "Last-Modified", "Content-Type", "Cache-Control", "xkey", "Content-Security-Policy", "X-Content-Type-Options")) {
            assertEquals(first.headers().allValues(header), second.headers().allValues(header), header);
        }
        assertFalse(ioThread(openedOn.get(0)), "the first lookup fills the cache from the store, on a worker: " + openedOn);
        assertTrue(ioThread(openedOn.get(1)), "the second is answered from memory: " + openedOn);
        assertEquals(2, server.awaitCounted(2).responses(2));
        assertEquals(10, server.filter().statistics().bytesSent());
    }

    @Test
    void whatCouldBlockGoesToAWorker() throws Exception {
        send(request()); // fills the cache
        openedOn.clear();
        assertEquals(206, send(request().header("Range", "bytes=0-1")).statusCode());
        assertEquals(200, send(request().method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode());
        assertEquals(List.of(false, false), openedOn.stream().map(IoThreadServingTest::ioThread).toList(), openedOn.toString());
    }

    @Test
    void bytesOfAnotherSizeThanTheCachedRecordAreAnsweredByAWorkerOnce() throws Exception {
        send(request()); // fills the cache
        openedOn.clear();
        Files.writeString(storage.resolve("var/site/storage/images/a.jpg"), "replaced behind the cache's back");
        HttpResponse<byte[]> replaced = send(request());
        assertEquals(200, replaced.statusCode());
        assertEquals("replaced behind the cache's back", new String(replaced.body(), StandardCharsets.UTF_8), "the opened bytes describe themselves");
        assertEquals(List.of(true, false), openedOn.stream().map(IoThreadServingTest::ioThread).toList(), "opened on the IO thread, then by a worker");
        assertEquals(2, server.awaitCounted(2).responses(2), "counted once");
    }

    @Test
    void aMissingFileIsNotFoundFromTheIoThreadToo() throws Exception {
        send(request()); // fills the cache
        Files.delete(storage.resolve("var/site/storage/images/a.jpg"));
        assertEquals(404, send(request()).statusCode());
        assertEquals(1, server.awaitCounted(2).responses(4));
    }

    /** Undertow's IO threads are XNIO's "I/O" threads; its workers are its "task" threads. */
    private static boolean ioThread(String name) {
        return name.contains("I/O");
    }

    private BinarydataHandler threadRecording(BinarydataHandler handler) {
        return (BinarydataHandler) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { BinarydataHandler.class }, (proxy, method, args) -> {
            if (method.getName().equals("openForServing")) {
                openedOn.add(Thread.currentThread().getName());
            }
            try {
                return method.invoke(handler, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private HttpRequest.Builder request() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + URI_PATH));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
