package org.clusterio.test.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.clusterio.test.support.CounterServlet;
import org.clusterio.test.support.FilesServlet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The locking mode (cluster-io-ha, sessions=default) over real HTTP on one node: a request whose cookie names no
 * session locks nothing, so a hanging one delays neither another made-up cookie with the same hash nor a real
 * session whose id has its hash; two requests of a real session still run one after the other; static resources
 * and storage-filter requests of a session are never held behind that session's long request.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SessionLockingTestCase {

    /** Far below the 30 s a locked request waits: an answer within it was not held behind the hanging request. */
    private static final long PROMPTLY_SECONDS = 5;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "session-locking.war").addClasses(HangingServlet.class, CounterServlet.class, FilesServlet.class)
                .addAsWebResource(new StringAsset("static text"), "static.txt").addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Test
    void madeUpSessionIdsLockNothing() throws Exception {
        String realSession = newSession();
        String sameHashAsReal = sameHash(realSession);
        assertNotEquals(realSession, sameHashAsReal);
        assertEquals(realSession.hashCode(), sameHashAsReal.hashCode());
        assertEquals("Aa".hashCode(), "BB".hashCode());

        CompletableFuture<HttpResponse<String>> madeUp = hang("made-up", "Aa", false);
        CompletableFuture<HttpResponse<String>> madeUpLikeReal = hang("made-up-like-real", sameHashAsReal, false);
        try {
            assertEquals("at once", answeredPromptly(send("hang", "BB")).body(), "another made-up id with the same hash");
            assertEquals("2 node1", answeredPromptly(send("counter", realSession)).body(), "a real session whose id has the made-up id's hash");
        } finally {
            release("made-up");
            release("made-up-like-real");
        }
        assertEquals("hung", madeUp.get(PROMPTLY_SECONDS, TimeUnit.SECONDS).body());
        assertEquals("hung", madeUpLikeReal.get(PROMPTLY_SECONDS, TimeUnit.SECONDS).body());
    }

    @Test
    void requestsOfARealSessionStillRunOneAfterTheOther() throws Exception {
        String session = newSession();
        CompletableFuture<HttpResponse<String>> first = hang("first", session, true);
        CompletableFuture<HttpResponse<String>> second;
        try {
            second = send("counter", session);
            TimeUnit.MILLISECONDS.sleep(1_500);
            assertFalse(second.isDone(), "the second request of the session ran while the first one was still running: " + (second.isDone() ? second.get().body() : ""));
        } finally {
            release("first");
        }
        assertEquals("2", first.get(PROMPTLY_SECONDS, TimeUnit.SECONDS).body());
        assertEquals("3 node1", answeredPromptly(second).body(), "the second request saw the first one's change");
    }

    @Test
    void staticAndStorageRequestsOfASessionAreNotHeld() throws Exception {
        assertEquals(204, HTTP.send(HttpRequest.newBuilder(uri("files/images/session-locking/photo.jpg")).PUT(HttpRequest.BodyPublishers.ofString("jpeg bytes")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        String session = newSession();
        CompletableFuture<HttpResponse<String>> longRequest = hang("long", session, true);
        try {
            HttpResponse<String> stored = answeredPromptly(send("var/site/storage/images/session-locking/photo.jpg", session));
            assertEquals(200, stored.statusCode());
            assertEquals("jpeg bytes", stored.body(), "served by the storage filter");
            HttpResponse<String> staticFile = answeredPromptly(send("static.txt", session));
            assertEquals(200, staticFile.statusCode());
            assertEquals("static text", staticFile.body(), "served by the default servlet");
        } finally {
            release("long");
        }
        assertEquals("2", longRequest.get(PROMPTLY_SECONDS, TimeUnit.SECONDS).body());
    }

    /** @return the id of a session that exists, whose counter is 1 */
    private String newSession() throws Exception {
        HttpResponse<String> first = send("counter", null).get(PROMPTLY_SECONDS, TimeUnit.SECONDS);
        assertEquals("1 node1", first.body());
        return first.headers().allValues("Set-Cookie").stream().filter(header -> header.startsWith("JSESSIONID=")).findFirst()
                .map(header -> header.substring("JSESSIONID=".length(), header.indexOf(';') < 0 ? header.length() : header.indexOf(';')))
                .orElseThrow(() -> new AssertionError("no session cookie in " + first.headers().map()));
    }

    /** Sends a request that hangs until released, and waits until it does hang. */
    private CompletableFuture<HttpResponse<String>> hang(String name, String sessionId, boolean useSession) throws Exception {
        CompletableFuture<HttpResponse<String>> hanging = send("hang?name=" + name + (useSession ? "&session=true" : ""), sessionId);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROMPTLY_SECONDS);
        while (!"true".equals(send("hang?entered=" + name, null).get(PROMPTLY_SECONDS, TimeUnit.SECONDS).body())) {
            assertFalse(hanging.isDone(), () -> "request " + name + " ended instead of hanging: " + hanging.join().statusCode() + " " + hanging.join().body());
            assertTrue(System.nanoTime() < deadline, "request " + name + " never started hanging");
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return hanging;
    }

    private void release(String name) throws Exception {
        send("hang?release=" + name, null).get(PROMPTLY_SECONDS, TimeUnit.SECONDS);
    }

    private CompletableFuture<HttpResponse<String>> send(String path, String sessionId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
        if (sessionId != null) {
            request.header("Cookie", "JSESSIONID=" + sessionId);
        }
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> answeredPromptly(CompletableFuture<HttpResponse<String>> response) throws Exception {
        try {
            return response.get(PROMPTLY_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + PROMPTLY_SECONDS + " s: the request was held behind the hanging one", e);
        }
    }

    private URI uri(String path) throws Exception {
        return base.toURI().resolve(path);
    }

    /**
     * A made-up id of the same length, alphabet and {@code hashCode} as a real one: raising one character by one and
     * lowering the next by 31 keeps {@code 31 * a + b}.
     */
    static String sameHash(String id) {
        for (int i = 0; i + 1 < id.length(); i++) {
            char raised = (char) (id.charAt(i) + 1);
            char lowered = (char) (id.charAt(i + 1) - 31);
            if (isIdCharacter(raised) && isIdCharacter(lowered)) {
                return id.substring(0, i) + raised + lowered + id.substring(i + 2);
            }
        }
        throw new AssertionError("no id of the same hash as " + id);
    }

    private static boolean isIdCharacter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }
}
