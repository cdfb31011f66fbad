package org.clusterio.sessions;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * Serialises the requests of one session on this node, for the locking mode. Across nodes the session cache's
 * pessimistic lock does it: a request holds that lock from its first session access until its changes are stored.
 * But the requests of one node share one session object and one lock, and the lock is let go only once no request
 * of the node uses the session any more: without this handler two requests of a node could interleave their reads
 * and writes, and a busy node would keep the others waiting until their lock timeout.
 *
 * <p>It runs first in the deployment's handler chain, on a worker thread, and holds the session's lock until the
 * servlet request is done, the storing of the session's changes included. Requests without a session id (they start
 * a session) pass straight through. An asynchronous request lets the lock go when its first dispatch returns.</p>
 */
public final class SessionLockingHandler implements HttpHandler {

    /** Longer than the session cache's lock timeout (15 s), so that the cluster lock gives up first. */
    static final long WAIT_SECONDS = 30;

    private final HttpHandler next;
    private final SessionLocks locks;
    private final String cookieName;

    /** @param cookieName the deployment's session cookie (JSESSIONID unless its web.xml names another) */
    public SessionLockingHandler(HttpHandler next, SessionLocks locks, String cookieName) {
        this.next = next;
        this.locks = locks;
        this.cookieName = cookieName;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String sessionId = sessionId(exchange);
        if (sessionId == null) {
            next.handleRequest(exchange);
            return;
        }
        if (exchange.isInIoThread()) {
            exchange.dispatch(this); // waiting for the lock blocks
            return;
        }
        ReentrantLock lock = locks.lock(sessionId, WAIT_SECONDS, TimeUnit.SECONDS);
        if (lock == null) {
            // Another request of the session has run for longer than any sane request: ask the client to retry.
            exchange.setStatusCode(StatusCodes.SERVICE_UNAVAILABLE);
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
            exchange.endExchange();
            return;
        }
        try {
            next.handleRequest(exchange);
        } finally {
            lock.unlock();
        }
    }

    private String sessionId(HttpServerExchange exchange) {
        Cookie cookie = exchange.getRequestCookie(cookieName);
        if (cookie != null && !cookie.getValue().isEmpty()) {
            return cookie.getValue();
        }
        var pathParameter = exchange.getPathParameters().get("jsessionid");
        return pathParameter == null || pathParameter.isEmpty() ? null : pathParameter.getFirst();
    }
}
