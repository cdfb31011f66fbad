package org.clusterio.sessions;

import io.undertow.server.HttpServerExchange;

/**
 * What {@link SessionLockingHandler} needs to know of a deployment's sessions before its servlet machinery runs.
 * Implementations are thread-safe.
 */
public interface DeploymentSessions {

    /** @return the session id the request carries, as the deployment's servlet container reads it; null if none */
    String requestedSessionId(HttpServerExchange exchange);

    /** @return whether the request goes to the container's default servlet (static resources of the deployment) */
    boolean servedByDefaultServlet(HttpServerExchange exchange);

    /**
     * Opens the request's session: the access the servlet container would make at the request's first
     * {@code getSession} (or at its end, when it records the access), made now and left on the exchange, where the
     * container finds it. Blocks until the session manager knows; may wait for the session's lock in the cluster
     * (bounded by its cache's lock timeout, then throws, holding nothing).
     *
     * @return null if no session with this id exists, on any node; otherwise the session, opened, whose
     *         {@link OpenedSession#close(HttpServerExchange)} must be called once the request is done
     */
    OpenedSession open(HttpServerExchange exchange, String sessionId);

    /** A session opened for one request. */
    interface OpenedSession {

        /**
         * Ends the request's use of the session (its changes are stored) if the servlet container has not done so
         * already, as it does at the end of every request that reaches a servlet. Does nothing the second time.
         */
        void close(HttpServerExchange exchange);
    }
}
