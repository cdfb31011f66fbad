package org.clusterio.test.dfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.clusterio.test.support.SecondServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What callers see while the DFS database is cut off or stalled, and that they are served again once it is back,
 * without any management operation: the tests of docs/reliability.md, run on each database by a subclass that sets
 * the server up with {@link ProxiedDfsSetup}. Every lookup during an outage is of an id that no earlier call looked
 * up: the documented setups serve repeated lookups from the persistence cache, which a database outage does not touch.
 */
abstract class AbstractDatabaseOutageTestCase {

    /** A cut database is noticed at once: a reset connection or a refused one fails without any waiting. */
    private static final Duration CUT_NOTICED = Duration.ofSeconds(2);

    /**
     * A stalled database fails a call within the query timeout and the second the database gets to answer a cancel;
     * a call that had to open a new connection waits for the driver's login timeout instead. Three more seconds for
     * the test's own requests on a loaded machine.
     */
    private static final Duration STALL_NOTICED = Duration.ofSeconds(
            Math.max(ProxiedDfsSetup.QUERY_TIMEOUT_SECONDS + 1, OutageDatabase.LOGIN_TIMEOUT_SECONDS) + 3);

    /** A database that is back is used again within this time. */
    private static final Duration RECOVERED = Duration.ofSeconds(10);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    private URL node1;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "outage.war").addClass(BackendFailureServlet.class)
                .addAsWebResource(new StringAsset("static"), "static.txt").addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @AfterEach
    void databaseBack() {
        ProxiedDfsSetup.proxy().pass();
    }

    @Test
    void aCutDatabaseGives503AtOnceAndBothNodesUseItAgainWhenItIsBack() throws Exception {
        Path jbossHome = Path.of(System.getProperty("jboss.home"));
        try (SecondServer node2 = SecondServer.start(jbossHome, jbossHome.getParent().resolve("node2-outage-" + getClass().getSimpleName()),
                List.of("-Dcluster-io.nfs.root=" + System.getProperty("cluster-io.nfs.root")))) {
            List<URI> nodes = List.of(node1.toURI(), URI.create(node2.httpBase() + "outage/"));
            String stored = unique("before-the-cut");
            // Both nodes use the database, and pool connections (an earlier outage may have left broken ones for a few seconds).
            awaitStatus(204, () -> put(nodes.get(0), stored, "stored before the cut"), System.nanoTime());
            assertEquals("stored before the cut", awaitStatus(200, () -> filter(nodes.get(1), stored), System.nanoTime()).body());

            ProxiedDfsSetup.proxy().cut();
            for (URI node : nodes) {
                // More calls than pooled connections: the broken pooled ones and new, refused ones all fail at once.
                for (int i = 0; i < 4; i++) {
                    assertUnavailableThroughTheFilter(node, unique("cut-lookup"), CUT_NOTICED);
                }
                String lookedUp = unique("cut-api-lookup");
                assertBackendException(timed(CUT_NOTICED, () -> get(node.resolve("api/" + lookedUp))), "CLUSTERIO0070");
                assertBackendException(timed(CUT_NOTICED, () -> put(node, unique("cut-write"), "lost")), "CLUSTERIO0070");
            }

            ProxiedDfsSetup.proxy().pass();
            long back = System.nanoTime();
            for (int from = 0; from < 2; from++) {
                URI writer = nodes.get(from);
                URI reader = nodes.get(1 - from);
                String id = unique("after-the-cut");
                awaitStatus(204, () -> put(writer, id, "stored after the cut"), back);
                HttpResponse<String> read = awaitStatus(200, () -> filter(reader, id), back);
                assertEquals("stored after the cut", read.body());
                assertEquals("stored before the cut", awaitStatus(200, () -> filter(reader, stored), back).body());
            }
        }
    }

    @Test
    void aStalledDatabaseGives503WithinTheQueryTimeoutAndFreesTheWorkers() throws Exception {
        URI node = node1.toURI();
        String before = unique("before-the-stall");
        awaitStatus(204, () -> put(node, before, "x"), System.nanoTime()); // the pool holds live connections

        ProxiedDfsSetup.proxy().stall();
        // More lookups at once than the pool holds connections: pooled ones time out, new ones cannot log in.
        List<CompletableFuture<Timed>> lookups = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = unique("stalled-lookup");
            long start = System.nanoTime();
            lookups.add(HTTP.sendAsync(request(filterUri(node, id)).build(), HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> new Timed(response, Duration.ofNanos(System.nanoTime() - start))));
        }
        for (CompletableFuture<Timed> lookup : lookups) {
            Timed answer = lookup.get(60, TimeUnit.SECONDS);
            assertEquals(503, answer.response.statusCode(), answer.response.body());
            assertEquals("5", answer.response.headers().firstValue("Retry-After").orElse(null));
            assertTrue(answer.took.compareTo(STALL_NOTICED) <= 0, "503 after " + answer.took + ", not within " + STALL_NOTICED);
        }
        assertBackendException(timed(STALL_NOTICED, () -> get(node.resolve("api/" + unique("stalled-api")))), "CLUSTERIO00");
        // The workers are free again: a request that needs no database is answered at once, the database still stalled.
        assertEquals("static", timed(Duration.ofSeconds(1), () -> get(node.resolve("static.txt"))).body());

        ProxiedDfsSetup.proxy().pass();
        long back = System.nanoTime();
        awaitStatus(404, () -> filter(node, unique("after-the-stall")), back);
        String id = unique("after-the-stall");
        awaitStatus(204, () -> put(node, id, "stored after the stall"), back);
        assertEquals("stored after the stall", filter(node, id).body());
    }

    @Test
    void aWriteDuringAnOutageLeavesNothingBehindAndSucceedsWhenRetried() throws Exception {
        URI node = node1.toURI();
        byte[] content = new byte[256 * 1024];
        Arrays.fill(content, (byte) 'a');

        // The database is gone before the write begins: nothing is stored at all.
        String early = unique("written-during-the-cut");
        ProxiedDfsSetup.proxy().cut();
        assertBackendException(put(node, early, "lost"), "CLUSTERIO0070");
        assertNothingStored(early);

        // The database goes while the bytes are on their way: after the binary, before its metadata.
        ProxiedDfsSetup.proxy().pass();
        String late = unique("written-across-the-cut");
        assertEquals(404, awaitStatus(404, () -> get(node.resolve("api/" + late)), System.nanoTime()).statusCode());
        CountDownLatch firstHalfSent = new CountDownLatch(1);
        CountDownLatch databaseCut = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> upload = HTTP.sendAsync(request(node.resolve("api/" + late))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new HalvedStream(content, firstHalfSent, databaseCut))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(firstHalfSent.await(10, TimeUnit.SECONDS));
        // Time for the server to read the first half and ask the database whether the file exists (it does not).
        TimeUnit.MILLISECONDS.sleep(1500);
        ProxiedDfsSetup.proxy().cut();
        databaseCut.countDown();
        assertBackendException(upload.get(30, TimeUnit.SECONDS), "CLUSTERIO0070");
        assertNothingStored(late);

        ProxiedDfsSetup.proxy().pass();
        long back = System.nanoTime();
        for (String id : List.of(early, late)) {
            awaitStatus(204, () -> HTTP.send(request(node.resolve("api/" + id)).PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                    HttpResponse.BodyHandlers.ofString()), back);
            HttpResponse<byte[]> read = HTTP.send(request(filterUri(node, id)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, read.statusCode());
            assertArrayEquals(content, read.body());
        }
    }

    /** Neither the file nor a temporary file of it is in the shared directory. */
    private static void assertNothingStored(String id) throws IOException {
        Path file = Path.of(System.getProperty("cluster-io.nfs.root"), "var/site/storage", id);
        assertFalse(Files.exists(file), file + " has no metadata and must not exist");
        if (Files.isDirectory(file.getParent())) {
            try (Stream<Path> siblings = Files.list(file.getParent())) {
                List<String> leftovers = siblings.map(path -> path.getFileName().toString()).filter(name -> name.startsWith(".clusterio-")).toList();
                assertTrue(leftovers.isEmpty(), "partial files left: " + leftovers);
            }
        }
    }

    private static void assertUnavailableThroughTheFilter(URI node, String id, Duration within) throws Exception {
        HttpResponse<String> response = timed(within, () -> filter(node, id));
        assertEquals(503, response.statusCode(), id);
        assertEquals("5", response.headers().firstValue("Retry-After").orElse(null));
    }

    private static void assertBackendException(HttpResponse<String> response, String messageId) {
        assertEquals(503, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("IOBackendException: " + messageId), response.body());
    }

    /** Repeats the call until it answers with the status, failing if that takes longer than {@link #RECOVERED} from {@code since}. */
    private static <T> HttpResponse<T> awaitStatus(int status, Call<HttpResponse<T>> call, long since) throws Exception {
        while (true) {
            HttpResponse<T> response = call.run();
            if (response.statusCode() == status) {
                return response;
            }
            if (System.nanoTime() - since > RECOVERED.toNanos()) {
                fail("still " + response.statusCode() + " (not " + status + ") " + RECOVERED + " after the database came back: " + response.body());
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static <T> T timed(Duration within, Call<T> call) throws Exception {
        long start = System.nanoTime();
        T result = call.run();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(within) <= 0, "answered after " + took + ", not within " + within);
        return result;
    }

    private static String unique(String name) {
        return "images/outage/" + name + "-" + System.nanoTime() + ".txt";
    }

    private static URI filterUri(URI node, String id) {
        return node.resolve("var/site/storage/" + id);
    }

    private static HttpResponse<String> filter(URI node, String id) throws IOException, InterruptedException {
        return get(filterUri(node, id));
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(request(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> put(URI node, String id, String body) throws IOException, InterruptedException {
        return HTTP.send(request(node.resolve("api/" + id)).PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request that fails the test rather than hang it. */
    private static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws Exception;
    }

    private record Timed(HttpResponse<String> response, Duration took) {
    }

    /** The content in two halves: the second only once the test has cut the database. */
    private static final class HalvedStream extends InputStream {

        private final byte[] content;
        private final CountDownLatch firstHalfSent;
        private final CountDownLatch resume;
        private int position;

        HalvedStream(byte[] content, CountDownLatch firstHalfSent, CountDownLatch resume) {
            this.content = content;
            this.firstHalfSent = firstHalfSent;
            this.resume = resume;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int half = content.length / 2;
            if (position == half) {
                firstHalfSent.countDown();
                try {
                    if (!resume.await(30, TimeUnit.SECONDS)) {
                        throw new IOException("the test never cut the database");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            if (position == content.length) {
                return -1;
            }
            int end = position < half ? half : content.length;
            int count = Math.min(length, end - position);
            System.arraycopy(content, position, buffer, offset, count);
            position += count;
            return count;
        }
    }
}
