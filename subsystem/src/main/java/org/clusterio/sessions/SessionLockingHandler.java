package org.clusterio.sessions;

import java.util.concurrent.TimeUnit;

import org.clusterio.logging.ClusterIOLogger;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * Serialises the requests of one session on this node, for the locking mode. Across nodes the session cache's
 * pessimistic lock does it: a request holds that lock from the moment this handler opens its session until its
 * changes are stored.
 * But the requests of one node share one session object and one lock, and the lock is let go only once no request
 * of the node uses the session any more: without this handler two requests of a node could interleave their reads
 * and writes, and a busy node would keep the others waiting until their lock timeout.
 *
 * <p>It runs last among the deployment's initial handlers (after the storage filters, which answer their requests
 * without reaching it), on a worker thread, and holds the session's lock until the servlet request is done, the
 * storing of the session's changes included. A request passes straight through, holding nothing, when it carries no
 * session id (it may start a session), or when it goes to the default servlet (static resources). Otherwise it takes
 * the lock of the id and opens the request's session under it ({@link DeploymentSessions#open}: the session access
 * the servlet container would make anyway, made once, before the application's filters): when no session has the id,
 * the lock is let go at once, so a made-up id delays only requests of the same id, for the instant of the lookup,
 * and a node keeps no lock for it. Each session has a lock of its own. A request that cannot have the lock within
 * {@value #WAIT_SECONDS} s, or whose session cannot be opened (its cluster lock timed out), is answered 503 with
 * {@code Retry-After}. An asynchronous request lets the lock go when its first dispatch returns.</p>
 */
public final class SessionLockingHandler implements HttpHandler {

    /** Longer than the session cache's lock timeout (15 s), so that the cluster lock gives up first. */
    static final long WAIT_SECONDS = 30;

    /** Seconds a client is asked to wait before it tries again. */
    static final String RETRY_AFTER_SECONDS = "1";

    private final HttpHandler next;
    private final SessionLocks locks;
    private final DeploymentSessions sessions;
    private final long waitMillis;

    public SessionLockingHandler(HttpHandler next, SessionLocks locks, DeploymentSessions sessions) {
        this(next, locks, sessions, TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }

    /** @param waitMillis how long a request waits for its session's lock */
    SessionLockingHandler(HttpHandler next, SessionLocks locks, DeploymentSessions sessions, long waitMillis) {
        this.next = next;
        this.locks = locks;
        this.sessions = sessions;
        this.waitMillis = waitMillis;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (sessions.servedByDefaultServlet(exchange)) {
            next.handleRequest(exchange);
            return;
        }
        String sessionId = sessions.requestedSessionId(exchange);
        if (sessionId == null) {
            next.handleRequest(exchange);
            return;
        }
        if (exchange.isInIoThread()) {
            exchange.dispatch(this); // the wait and the lookup block
            return;
        }
        long asked = System.nanoTime();
        SessionLocks.Held held = locks.lock(sessionId, waitMillis, TimeUnit.MILLISECONDS);
        if (held == null) {
            // Another request of the session has run for longer than any sane request: ask the client to retry.
            ClusterIOLogger.SESSIONS_LOGGER.sessionLockTimedOut(exchange.getRequestPath(), waitMillis);
            unavailable(exchange);
            return;
        }
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
        DeploymentSessions.OpenedSession session;
        try {
            session = sessions.open(exchange, sessionId);
        } catch (RuntimeException e) {
            held.close();
            // Typically the session's cluster lock was not free within the cache's lock timeout.
            ClusterIOLogger.SESSIONS_LOGGER.sessionLookupFailed(exchange.getRequestPath(), e);
            unavailable(exchange);
            return;
        }
        if (session == null) {
            held.close(); // no such session: the request locks nothing
            next.handleRequest(exchange);
            return;
        }
        try (held) {
            if (waited > 0) { // the path, never the session id: that is a credential
                ClusterIOLogger.SESSIONS_LOGGER.sessionLockWaited(exchange.getRequestPath(), waited);
            }
            try {
                next.handleRequest(exchange);
            } finally {
                // A request that reached a servlet has stored the session's changes by now; one that did not (a
                // forbidden path, a redirect) lets the session go here. An asynchronous request, or one handed to a
                // servlet's own executor, is dispatched: the container ends its use of the session when it is done.
                if (!exchange.isDispatched()) {
                    session.close(exchange);
                }
            }
        }
    }

    private static void unavailable(HttpServerExchange exchange) {
        exchange.setStatusCode(StatusCodes.SERVICE_UNAVAILABLE);
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, RETRY_AFTER_SECONDS);
        exchange.endExchange();
    }
}
