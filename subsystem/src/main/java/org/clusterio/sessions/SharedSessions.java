package org.clusterio.sessions;

import java.util.Objects;

/**
 * One {@code sessions} resource as deployments use it: the mode, and the distributable-web session management
 * profile that keeps the sessions.
 *
 * @param name              the resource's name, which deployments pick with the context parameter
 *                          {@code org.clusterio.sessions}
 * @param mode              locking or sticky
 * @param sessionManagement the name of a {@code /subsystem=distributable-web/infinispan-session-management} profile
 */
public record SharedSessions(String name, SessionsMode mode, String sessionManagement) {

    public SharedSessions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(sessionManagement, "sessionManagement");
    }
}
