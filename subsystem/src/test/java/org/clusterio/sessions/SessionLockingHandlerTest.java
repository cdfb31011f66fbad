package org.clusterio.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.SameThreadExecutor;

/**
 * The locking handler in an embedded Undertow server, over real HTTP: which requests it locks, and its bounded wait.
 * The deployment's sessions are a fixed set of ids here (the Arquillian test SessionLockingTestCase asks WildFly's
 * real session manager).
 */
class SessionLockingHandlerTest {

    private static final long WAIT_MILLIS = 300;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Requests /hang?name=n hang until released; any other request answers "ok". */
    private final Map<String, CountDownLatch> hanging = new ConcurrentHashMap<>();

    private final SessionLocks locks = new SessionLocks();

    private volatile boolean lookupFails;

    /** Sessions the handler opened, and how many it closed. */
    private final AtomicInteger opened = new AtomicInteger();

    private final AtomicInteger closed = new AtomicInteger();

    private Undertow server;

    private URI base;

    @BeforeEach
    void start() {
        DeploymentSessions sessions = new DeploymentSessions() {
            @Override
            public String requestedSessionId(HttpServerExchange exchange) {
                Cookie cookie = exchange.getRequestCookie("JSESSIONID");
                return cookie == null ? null : cookie.getValue();
            }

            @Override
            public boolean servedByDefaultServlet(HttpServerExchange exchange) {
                return exchange.getRelativePath().startsWith("/static/");
            }

            @Override
            public OpenedSession open(HttpServerExchange exchange, String sessionId) {
                if (lookupFails) {
                    throw new IllegalStateException("lock timeout");
                }
                if (!Set.of("real", "other-real").contains(sessionId)) {
                    return null;
                }
                opened.incrementAndGet();
                return ended -> closed.incrementAndGet();
            }
        };
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(new SessionLockingHandler(this::application, locks, sessions, WAIT_MILLIS)).build();
        server.start();
        base = URI.create("http://127.0.0.1:" + ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort() + "/");
    }

    @AfterEach
    void stop() {
        hanging.values().forEach(CountDownLatch::countDown);
        server.stop();
    }

    private void application(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch((HttpHandler) this::application);
            return;
        }
        if (exchange.getQueryParameters().containsKey("async")) {
            // As a servlet's startAsync does: the exchange goes on after this dispatch returns.
            exchange.dispatch(SameThreadExecutor.INSTANCE, () -> exchange.getResponseSender().send("later"));
            return;
        }
        var name = exchange.getQueryParameters().get("name");
        if (name != null) {
            CountDownLatch release = hanging.computeIfAbsent(name.getFirst(), n -> new CountDownLatch(1));
            release.await(20, TimeUnit.SECONDS);
        }
        exchange.getResponseSender().send("ok");
    }

    @Test
    void madeUpIdsNeitherWaitNorMakeWait() throws Exception {
        CompletableFuture<HttpResponse<String>> madeUp = send("hang?name=aa", "Aa");
        awaitHanging("aa");
        assertEquals(200, send("x", "BB").get(2, TimeUnit.SECONDS).statusCode());
        assertEquals(200, send("x", "real").get(2, TimeUnit.SECONDS).statusCode());
        awaitNoLocks("a made-up id holds no lock once the real session's request is done");
        release("aa");
        assertEquals(200, madeUp.get(2, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void aBusySessionIsAnswered503WithRetryAfterOnceTheWaitIsOver() throws Exception {
        CompletableFuture<HttpResponse<String>> first = send("hang?name=real", "real");
        awaitHanging("real");
        long start = System.nanoTime();
        HttpResponse<String> second = send("x", "real").get(5, TimeUnit.SECONDS);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(503, second.statusCode());
        assertEquals("1", second.headers().firstValue("Retry-After").orElse(null));
        assertTrue(waited >= WAIT_MILLIS, "answered after " + waited + " ms");
        assertEquals(200, send("x", "other-real").get(2, TimeUnit.SECONDS).statusCode(), "another session has a lock of its own");
        assertEquals(200, send("static/logo.png", "real").get(2, TimeUnit.SECONDS).statusCode(), "static resources are not locked");
        release("real");
        assertEquals(200, first.get(2, TimeUnit.SECONDS).statusCode());
        assertEquals(200, send("x", "real").get(2, TimeUnit.SECONDS).statusCode());
        awaitNoLocks("every lock is forgotten once its requests are done");
    }

    @Test
    void theHandlerClosesTheSessionsItOpensUnlessTheRequestGoesOnAsynchronously() throws Exception {
        assertEquals(200, send("x", "real").get(2, TimeUnit.SECONDS).statusCode());
        assertEquals(200, send("x", "made-up").get(2, TimeUnit.SECONDS).statusCode());
        awaitNoLocks("done");
        assertEquals(1, opened.get(), "a made-up id opens nothing");
        assertEquals(1, closed.get(), "a request that is done lets its session go");
        assertEquals("later", send("x?async=true", "real").get(2, TimeUnit.SECONDS).body());
        awaitNoLocks("the lock of an asynchronous request goes when its first dispatch returns");
        assertEquals(2, opened.get());
        assertEquals(1, closed.get(), "an asynchronous request's session is the container's to close when it is done");
    }

    @Test
    void aFailedLookupIsAnswered503WithRetryAfter() throws Exception {
        lookupFails = true;
        HttpResponse<String> response = send("x", "real").get(5, TimeUnit.SECONDS);
        assertEquals(503, response.statusCode());
        assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
        awaitNoLocks("a failed lookup holds no lock");
    }

    private void awaitHanging(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!hanging.containsKey(name)) {
            assertTrue(System.nanoTime() < deadline, name + " never hung");
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    /** A lock is let go after the handler returns, which can be just after the client has read the response. */
    private void awaitNoLocks(String message) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (locks.size() != 0) {
            assertTrue(System.nanoTime() < deadline, message + ": " + locks.size() + " left");
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    private void release(String name) {
        hanging.computeIfAbsent(name, n -> new CountDownLatch(1)).countDown();
    }

    private CompletableFuture<HttpResponse<String>> send(String path, String sessionId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (sessionId != null) {
            request.header("Cookie", "JSESSIONID=" + sessionId);
        }
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
