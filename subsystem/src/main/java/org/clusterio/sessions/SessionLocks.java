package org.clusterio.sessions;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The per-session locks of one deployment on one node: one lock per session id, never shared by two ids, kept only
 * while a request holds or waits for it. Memory is bounded by the number of requests in progress, whatever the
 * number of ids clients send. A request holds one session's lock at most, so the locks never deadlock.
 *
 * <p>Waiters are served in the order they ask for the lock (a fair lock), so that no request of a busy session waits
 * longer than the ones that asked after it. That is not quite the order the requests arrived in: the handler looks the
 * session up before it asks. Thread-safe.</p>
 */
public final class SessionLocks {

    /** A session's lock and how many requests hold or wait for it; changed only inside the map's atomic updates. */
    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock(true);
        int users;
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * Waits for the session's lock.
     *
     * @return the held lock, to be closed by the thread that took it once the request is done; null if the lock was
     *         not free within the timeout (nothing is then held)
     */
    public Held lock(String sessionId, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(sessionId, "sessionId");
        Entry entry = entries.compute(sessionId, (id, existing) -> {
            Entry used = existing == null ? new Entry() : existing;
            used.users++;
            return used;
        });
        boolean locked = false;
        try {
            locked = entry.lock.tryLock(timeout, unit);
        } finally {
            if (!locked) {
                leave(sessionId);
            }
        }
        return locked ? new Held(this, sessionId, entry.lock) : null;
    }

    /** @return how many sessions have a request holding or waiting for their lock */
    public int size() {
        return entries.size();
    }

    private void leave(String sessionId) {
        entries.computeIfPresent(sessionId, (id, entry) -> --entry.users == 0 ? null : entry);
    }

    /** A session's lock held by the current thread; {@link #close()} lets it go and forgets it if nobody waits. */
    public static final class Held implements AutoCloseable {

        private final SessionLocks locks;
        private final String sessionId;
        private final ReentrantLock lock;

        private Held(SessionLocks locks, String sessionId, ReentrantLock lock) {
            this.locks = locks;
            this.sessionId = sessionId;
            this.lock = lock;
        }

        @Override
        public void close() {
            lock.unlock();
            locks.leave(sessionId);
        }
    }
}
