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
     * Blocks until the session manager knows; may wait for the session's lock in the cluster (bounded by its
     * cache's lock timeout, then throws).
     *
     * @return whether a session with this id exists, on any node
     */
    boolean exists(String sessionId);
}
