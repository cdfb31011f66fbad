package org.clusterio.sessions;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Per-session locks of one node, a fixed set of them shared by hash: memory stays bounded whatever the number of
 * sessions, and two sessions seldom share a lock. A request holds one session's lock at most, so sharing a lock
 * never deadlocks; it can only make two unrelated sessions wait for each other now and then.
 */
public final class SessionLocks {

    private final ReentrantLock[] stripes;

    public SessionLocks(int stripes) {
        if (Integer.bitCount(stripes) != 1) {
            throw new IllegalArgumentException("The number of stripes must be a power of two: " + stripes);
        }
        this.stripes = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new ReentrantLock();
        }
    }

    /** @return the held lock of the session, or null if it was not free within the timeout */
    public ReentrantLock lock(String sessionId, long timeout, TimeUnit unit) throws InterruptedException {
        ReentrantLock lock = stripes[spread(sessionId.hashCode()) & (stripes.length - 1)];
        return lock.tryLock(timeout, unit) ? lock : null;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
