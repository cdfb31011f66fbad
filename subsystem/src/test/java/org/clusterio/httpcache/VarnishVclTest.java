package org.clusterio.httpcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.clusterio.testing.VarnishBackends;
import org.clusterio.testing.VarnishProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped docs/varnish/cluster-io.vcl in a real varnishd over two plain JDK HTTP servers: what it caches, what it
 * passes, how tags and URLs are purged and who may purge.
 */
class VarnishVclTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final Origin ORIGIN = new Origin();
    private static Node node1;
    private static Node node2;
    private static VarnishBackends backends;
    private static VarnishProcess varnish;

    @BeforeAll
    static void start() throws Exception {
        node1 = Node.start("node1", ORIGIN);
        node2 = Node.start("node2", ORIGIN);
        backends = VarnishBackends.nodes(List.of(node1.port(), node2.port()));
        varnish = VarnishProcess.start(work("vcl"), backends);
        varnish.awaitHealth(VarnishBackends.nodeName(0), true, Duration.ofSeconds(10));
        varnish.awaitHealth(VarnishBackends.nodeName(1), true, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() throws Exception {
        if (varnish != null) {
            varnish.close();
        }
        node1.close();
        node2.close();
    }

    @Test
    void aStoredFileIsAMissThenAHitWhateverCookiesTheRequestCarries() throws Exception {
        String path = storagePath("a.png");
        ORIGIN.putFile(path, "one", tag());

        HttpResponse<String> first = get(varnish, path, "Cookie", "JSESSIONID=abc; other=1");
        HttpResponse<String> second = get(varnish, path, "Cookie", "JSESSIONID=def");
        HttpResponse<String> third = get(varnish, path);

        assertEquals(200, first.statusCode());
        assertEquals("MISS", cache(first));
        assertEquals("HIT", cache(second));
        assertEquals("HIT", cache(third));
        assertEquals("one", third.body());
        assertEquals("2", third.headers().firstValue("X-Cache-Hits").orElseThrow());
        assertEquals(1, seen(path));
        assertNull(ORIGIN.lastSeen(path).cookie(), "the storage request reaches the node without cookies");
    }

    @Test
    void aSiteLessStorageUriAndImagesVersionedAreCachedToo() throws Exception {
        for (String path : List.of("/var/storage/images/" + UUID.randomUUID() + ".png",
                "/var/site/storage/images-versioned/" + UUID.randomUUID() + ".png")) {
            ORIGIN.putFile(path, "bytes", tag());
            assertEquals("MISS", cache(get(varnish, path)));
            assertEquals("HIT", cache(get(varnish, path)), path);
        }
    }

    @Test
    void theTagsAreHiddenFromClientsUnlessAPurgerAsksForThem() throws Exception {
        String path = storagePath("tags.png");
        String tag = tag();
        ORIGIN.putFile(path, "x", tag);

        assertTrue(get(varnish, path).headers().firstValue("xkey").isEmpty());
        assertEquals(tag, get(varnish, path, "X-Cluster-IO-Debug", "1").headers().firstValue("xkey").orElseThrow());
    }

    @Test
    void aHardTagPurgeFetchesTheNewBytesUnconditionally() throws Exception {
        String path = storagePath("hard.png");
        String tag = tag();
        ORIGIN.putFile(path, "old", tag + " " + tag());
        get(varnish, path);
        ORIGIN.putFile(path, "new", tag);
        assertEquals("old", get(varnish, path).body(), "cached until purged");

        HttpResponse<String> purge = varnish.purgeTags(tag);

        assertEquals(200, purge.statusCode());
        assertEquals(1, VarnishProcess.purged(purge));
        assertEquals("Purged 1\n", purge.body());
        HttpResponse<String> after = get(varnish, path);
        assertEquals("MISS", cache(after));
        assertEquals("new", after.body());
        assertEquals(2, seen(path));
        assertNull(lastSeen(path).ifNoneMatch(), "nothing is left to revalidate");
    }

    @Test
    void aDirectoryTagPurgeDropsEveryFileTaggedWithIt() throws Exception {
        String directory = tag();
        String a = storagePath("dir/a.png");
        String b = storagePath("dir/b.png");
        String elsewhere = storagePath("other/c.png");
        ORIGIN.putFile(a, "a", tag() + " " + directory);
        ORIGIN.putFile(b, "b", tag() + "," + directory);
        ORIGIN.putFile(elsewhere, "c", tag());
        for (String path : List.of(a, b, elsewhere)) {
            get(varnish, path);
        }

        assertEquals(2, VarnishProcess.purged(varnish.purgeTags(directory)));

        assertEquals("MISS", cache(get(varnish, a)));
        assertEquals("MISS", cache(get(varnish, b)));
        assertEquals("HIT", cache(get(varnish, elsewhere)));
    }

    @Test
    void aSoftPurgeServesTheStaleCopyOnceWhileTheNodeRevalidatesIt() throws Exception {
        String path = storagePath("soft.png");
        String tag = tag();
        ORIGIN.putFile(path, "old", tag);
        String oldEtag = get(varnish, path).headers().firstValue("ETag").orElseThrow();
        ORIGIN.putFile(path, "new", tag);

        assertEquals(1, VarnishProcess.purged(varnish.softPurgeTags(tag)));

        HttpResponse<String> stale = get(varnish, path);
        assertEquals("HIT-STALE", cache(stale), "expired by the purge, still in grace");
        assertEquals("old", stale.body());
        HttpResponse<String> fresh = await(path, response -> response.body().equals("new"));
        assertEquals("HIT", cache(fresh), "the background fetch replaced it");
        assertEquals(2, seen(path), "one background fetch, no client waited for it");
        assertEquals(oldEtag, lastSeen(path).ifNoneMatch(), "the stale copy is kept for revalidation");
    }

    @Test
    void aSoftPurgeOfAnUnchangedFileIsRevalidatedWithoutItsBytes() throws Exception {
        String path = storagePath("unchanged.png");
        String tag = tag();
        ORIGIN.putFile(path, "same", tag);
        get(varnish, path);

        varnish.softPurgeTags(tag);
        get(varnish, path);
        await(path, response -> cache(response).equals("HIT"));

        assertEquals("same", get(varnish, path).body());
        assertEquals(2, seen(path), "the refresh was a conditional request answered 304");
    }

    @Test
    void aUrlPurgeDropsThatUrlOnly() throws Exception {
        String path = storagePath("url.png");
        String sibling = storagePath("sibling.png");
        String tag = tag();
        ORIGIN.putFile(path, "u", tag);
        ORIGIN.putFile(sibling, "s", tag);
        get(varnish, path);
        get(varnish, sibling);

        HttpResponse<String> purge = varnish.purgeUrl(path);

        assertEquals(200, purge.statusCode());
        assertEquals(1, VarnishProcess.purged(purge));
        assertEquals("MISS", cache(get(varnish, path)));
        assertEquals("HIT", cache(get(varnish, sibling)));
        assertEquals(0, VarnishProcess.purged(varnish.purgeUrl(storagePath("never-cached.png"))));
    }

    @Test
    void aRequestWithASessionIsPassedAndAPageWithoutOneIsCachedAsMarked() throws Exception {
        String page = "/app/" + UUID.randomUUID();
        ORIGIN.put(page, new Origin.Resource(bytes("page"), "public, max-age=60", tag(), null));

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = get(varnish, page, "Cookie", "theme=dark; JSESSIONID=s" + i);
            assertEquals("PASS", cache(response));
            assertEquals("page", response.body());
        }
        assertEquals(3, seen(page), "the nodes saw every request with a session");
        HttpResponse<String> authorized = get(varnish, page, "Authorization", "Basic dTpw");
        assertEquals("PASS", cache(authorized));

        assertEquals("MISS", cache(get(varnish, page)));
        assertEquals("HIT", cache(get(varnish, page)));
    }

    @Test
    void responsesThatSetCookiesOrSayNothingAreNeverCached() throws Exception {
        String login = "/app/" + UUID.randomUUID();
        String unmarked = "/app/" + UUID.randomUUID();
        String storage = storagePath("cookie.png");
        ORIGIN.put(login, new Origin.Resource(bytes("hello"), "public, max-age=60", null, "JSESSIONID=new; HttpOnly"));
        ORIGIN.put(unmarked, new Origin.Resource(bytes("plain"), null, null, null));
        ORIGIN.put(storage, new Origin.Resource(bytes("img"), Origin.STORAGE_CACHE_CONTROL, tag(), "tracking=1"));

        for (String path : List.of(login, unmarked, storage)) {
            get(varnish, path);
            HttpResponse<String> second = get(varnish, path);
            assertEquals("PASS", cache(second), path);
            assertEquals(2, seen(path), path);
        }
        assertEquals("JSESSIONID=new; HttpOnly", get(varnish, login).headers().firstValue("Set-Cookie").orElseThrow());
    }

    @Test
    void aPurgeFromOutsideThePurgersAclIsRefusedAndPurgesNothing() throws Exception {
        try (VarnishProcess guarded = VarnishProcess.start(work("acl"), backends.purgers("192.0.2.1", "198.51.100.0/24"))) {
            String path = storagePath("guarded.png");
            String tag = tag();
            ORIGIN.putFile(path, "kept", tag);
            await(guarded, path, response -> cache(response).equals("MISS"));

            for (HttpResponse<String> refused : List.of(guarded.purgeTags(tag), guarded.softPurgeTags(tag), guarded.purgeUrl(path))) {
                assertEquals(403, refused.statusCode());
                assertEquals(-1, VarnishProcess.purged(refused));
            }
            assertTrue(get(guarded, path, "X-Cluster-IO-Debug", "1").headers().firstValue("xkey").isEmpty(),
                    "tags are hidden from a client outside the ACL");
            assertEquals("HIT", cache(get(guarded, path)));
        }
    }

    @Test
    void aPurgeWithoutTheSharedSecretIsRefused() throws Exception {
        try (VarnishProcess guarded = VarnishProcess.start(work("secret"), backends.secret("s3cret-" + UUID.randomUUID()))) {
            String path = storagePath("secret.png");
            String tag = tag();
            ORIGIN.putFile(path, "kept", tag);
            await(guarded, path, response -> cache(response).equals("MISS"));

            assertEquals(403, guarded.purge("/", "xkey-purge", tag).statusCode());
            assertEquals(403, guarded.purge("/", "xkey-purge", tag, "X-Cluster-IO-Purge-Secret", "wrong").statusCode());
            assertEquals(403, guarded.purge(path).statusCode());
            assertEquals("HIT", cache(get(guarded, path)));

            assertEquals(1, VarnishProcess.purged(guarded.purgeTags(tag)));
            assertEquals("MISS", cache(get(guarded, path)));
        }
    }

    static Path work(String name) {
        return Path.of("target", "varnish", name + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    static HttpResponse<String> get(VarnishProcess varnish, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(varnish.uri(path)).timeout(Duration.ofSeconds(10)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String cache(HttpResponse<?> response) {
        return response.headers().firstValue("X-Cache").orElse("none");
    }

    private static HttpResponse<String> await(String path, Predicate<HttpResponse<String>> condition) throws Exception {
        return await(varnish, path, condition);
    }

    private static HttpResponse<String> await(VarnishProcess varnish, String path,
            Predicate<HttpResponse<String>> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            HttpResponse<String> response = get(varnish, path);
            if (condition.test(response)) {
                return response;
            }
            assertFalse(System.nanoTime() > deadline, "still " + cache(response) + " " + response.body() + " after 5 s");
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static String storagePath(String name) {
        return "/var/site/storage/images/" + UUID.randomUUID() + "/" + name;
    }

    /** A tag as the subsystem will send them: hashed, no spaces or commas. */
    private static String tag() {
        return "ci-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static int seen(String path) {
        return ORIGIN.seen(path).size();
    }

    private static Origin.Seen lastSeen(String path) {
        return ORIGIN.lastSeen(path);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
