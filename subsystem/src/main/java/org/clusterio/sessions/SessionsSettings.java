package org.clusterio.sessions;

import java.util.Objects;

/** The resolved attributes of one sessions resource; see {@link SharedSessions}. */
record SessionsSettings(String name, SessionsMode mode, String sessionManagement) implements SharedSessions {

    SessionsSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(sessionManagement, "sessionManagement");
    }
}
