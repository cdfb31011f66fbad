package org.clusterio.sessions;

import java.util.Locale;

/** How a cluster keeps concurrent requests of one session from overwriting each other's changes. */
public enum SessionsMode {

    /**
     * Any node serves any request; requests of one session wait for each other, on one node and across the cluster.
     * Works behind any load balancer.
     */
    LOCKING,

    /**
     * The node that served a session keeps serving it: its route is in the session cookie, for a load balancer with
     * session persistence. Another node takes over (with the session) only when that node is gone.
     */
    STICKY;

    /**
     * The distributable-web session management profile that the cluster-io-ha layer provides for this mode:
     * {@code cluster-io-locking} or {@code cluster-io-sticky}.
     */
    public String defaultSessionManagement() {
        return "cluster-io-" + name().toLowerCase(Locale.ROOT);
    }
}
