package org.clusterio.sessions;

/**
 * A sessions resource's running value, as deployments use it: the mode, and the distributable-web session management
 * profile that keeps the sessions.
 */
public interface SharedSessions {

    /** @return the resource's name, which deployments pick with the context parameter {@code org.clusterio.sessions} */
    String name();

    /** @return {@link SessionsMode#LOCKING} or {@link SessionsMode#STICKY} */
    SessionsMode mode();

    /** @return the name of a {@code /subsystem=distributable-web/infinispan-session-management} profile */
    String sessionManagement();

    static SharedSessions of(String name, SessionsMode mode, String sessionManagement) {
        return new SessionsSettings(name, mode, sessionManagement);
    }
}
