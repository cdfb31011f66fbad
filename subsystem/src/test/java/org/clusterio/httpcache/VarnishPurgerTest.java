package org.clusterio.httpcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.clusterio.testing.VarnishBackends;
import org.clusterio.testing.VarnishProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The purger against real varnishd instances running the shipped VCL over one JDK HTTP node: a change reaches every
 * Varnish before it returns, and a Varnish that is down costs the change nothing but a counted, retried failure.
 */
class VarnishPurgerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Origin ORIGIN = new Origin();

    private static Node node;
    private static VarnishBackends backends;
    private static VarnishProcess varnish1;
    private static VarnishProcess varnish2;

    @BeforeAll
    static void start() throws Exception {
        node = Node.start("node1", ORIGIN);
        backends = VarnishBackends.nodes(List.of(node.port()));
        varnish1 = VarnishProcess.start(work("purger-1"), backends);
        varnish2 = VarnishProcess.start(work("purger-2"), backends);
        varnish1.awaitHealth(VarnishBackends.nodeName(0), true, Duration.ofSeconds(10));
        varnish2.awaitHealth(VarnishBackends.nodeName(0), true, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() throws Exception {
        for (VarnishProcess varnish : new VarnishProcess[] { varnish1, varnish2 }) {
            if (varnish != null) {
                varnish.close();
            }
        }
        node.close();
    }

    @Test
    void aChangedFileIsPurgedFromEveryVarnishBeforeTheChangeReturns() throws Exception {
        String internalPath = "var/site/storage/images/" + UUID.randomUUID() + "/a.png";
        String path = "/" + internalPath;
        ORIGIN.putFile(path, "one", String.join(" ", CacheTags.ofFile("var/site/storage", internalPath.substring("var/site/storage/".length()))));
        VarnishPurger purger = new VarnishPurger(settings(PurgeMode.HARD, 3, varnish1.uri(), varnish2.uri()));
        try {
            for (VarnishProcess varnish : List.of(varnish1, varnish2)) {
                assertEquals("MISS", cache(get(varnish, path)));
                assertEquals("HIT", cache(get(varnish, path)));
            }
            ORIGIN.putFile(path, "two", CacheTags.of(internalPath));

            purger.fileChanged(internalPath);

            for (VarnishProcess varnish : List.of(varnish1, varnish2)) {
                HttpResponse<String> after = get(varnish, path);
                assertEquals("MISS", cache(after));
                assertEquals("two", after.body());
            }
            assertEquals(2, purger.statistics().sent());
            assertEquals(0, purger.statistics().failed());
        } finally {
            purger.close();
        }
    }

    @Test
    void aDirectoryTagAndUrlsArePurgedToo() throws Exception {
        String directory = "var/site/storage/images/" + UUID.randomUUID();
        String path = "/" + directory + "/b.png";
        String other = "/" + directory + "/c.png";
        ORIGIN.putFile(path, "b", CacheTags.of(directory + "/b.png") + " " + CacheTags.of(directory));
        ORIGIN.putFile(other, "c", CacheTags.of(directory + "/c.png"));
        VarnishPurger purger = new VarnishPurger(settings(PurgeMode.HARD, 3, varnish1.uri()));
        try {
            get(varnish1, path);
            get(varnish1, other);
            purger.directoryDeleted(directory);
            assertEquals("MISS", cache(get(varnish1, path)));
            assertEquals("HIT", cache(get(varnish1, other)), "a directory's purge drops what carries its tag only");

            purger.purgeUrls(List.of(other));
            assertEquals("MISS", cache(get(varnish1, other)));
            purger.purgeUrls(List.of(varnish1.uri(other).toString()));
            assertEquals("MISS", cache(get(varnish1, other)), "an absolute URL is purged with its own Host");
            assertEquals(3, purger.statistics().sent());
            assertThrows(IllegalArgumentException.class, () -> purger.purgeUrls(List.of("/fine", "relative/path")));
            assertThrows(IllegalArgumentException.class, () -> purger.purgeUrls(List.of("/a b")));
            assertThrows(IllegalArgumentException.class, () -> purger.purgeTags(List.of("app,1")));
            assertEquals(3, purger.statistics().sent(), "a refused call sends nothing");
        } finally {
            purger.close();
        }
    }

    @Test
    void aVarnishThatIsDownCostsTheChangeNothingAndIsPurgedOnceItIsBack() throws Exception {
        String internalPath = "var/site/storage/images/" + UUID.randomUUID() + "/d.png";
        String path = "/" + internalPath;
        ORIGIN.putFile(path, "one", CacheTags.of(internalPath));
        VarnishProcess down = VarnishProcess.start(work("purger-down"), backends);
        int port = down.uri().getPort();
        VarnishPurger purger = new VarnishPurger(settings(PurgeMode.HARD, 5, varnish1.uri(), down.uri()));
        try {
            down.close();
            long start = System.nanoTime();
            purger.fileChanged(internalPath);
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1_500), "the change returns without waiting for retries");
            assertEquals(1, purger.statistics().sent(), "the Varnish that runs was purged");
            assertEquals(1, purger.statistics().failed());

            down = VarnishProcess.start(work("purger-down"), backends, port);
            VarnishProcess back = down;
            await(() -> purger.statistics().sent(), 2);
            assertEquals(0, purger.statistics().pending());
            assertTrue(purger.statistics().retried() >= 1);
            assertEquals(0, purger.statistics().abandoned());
            assertEquals(200, back.purgeTags(CacheTags.of(internalPath)).statusCode());
        } finally {
            purger.close();
            down.close();
        }
    }

    @Test
    void aPurgeIsAbandonedAfterItsRetriesAndARefusedOneCountsAsFailed() throws Exception {
        URI nobody = URI.create("http://127.0.0.1:" + freePort());
        VarnishPurger purger = new VarnishPurger(settings(PurgeMode.SOFT, 2, nobody));
        try {
            purger.purgeTags(List.of("app-1"));
            await(() -> purger.statistics().abandoned(), 1);
            assertEquals(3, purger.statistics().failed(), "the attempt and its two retries");
            assertEquals(2, purger.statistics().retried());
            assertEquals(0, purger.statistics().pending());
        } finally {
            purger.close();
        }
        try (VarnishProcess secured = VarnishProcess.start(work("purger-secret"), backends.secret("s3cret"))) {
            VarnishPurger without = new VarnishPurger(settings(PurgeMode.SOFT, 0, secured.uri()));
            VarnishPurger with = new VarnishPurger(new HttpCacheSettings("test", List.of(secured.uri()), PurgeMode.SOFT, Duration.ofSeconds(1),
                    Duration.ofSeconds(2), 0, Duration.ofMillis(50), Duration.ofMillis(200), "s3cret"));
            try {
                without.purgeTags(List.of("app-1"));
                with.purgeTags(List.of("app-1"));
                assertEquals(1, without.statistics().failed(), "403 without the secret");
                assertEquals(1, without.statistics().abandoned());
                assertEquals(1, with.statistics().sent());
            } finally {
                without.close();
                with.close();
            }
        }
    }

    private static HttpCacheSettings settings(PurgeMode mode, int retries, URI... targets) {
        return new HttpCacheSettings("test", List.of(targets), mode, Duration.ofSeconds(1), Duration.ofSeconds(2), retries, Duration.ofMillis(200),
                Duration.ofSeconds(1), "");
    }

    private static void await(LongSupplier value, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (value.getAsLong() < expected) {
            assertTrue(System.nanoTime() < deadline, "still " + value.getAsLong() + ", not " + expected + ", after 20 s");
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertEquals(expected, value.getAsLong());
    }

    private static HttpResponse<String> get(VarnishProcess varnish, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(varnish.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cache(HttpResponse<?> response) {
        return response.headers().firstValue("X-Cache").orElse("none");
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path work(String name) {
        return VarnishVclTest.work(name);
    }
}
