package org.clusterio.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lock registry with real threads: one lock per session id, forgotten once unused, waits bounded. */
class SessionLocksTest {

    private final SessionLocks locks = new SessionLocks();

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void requestsOfOneSessionRunOneAtATime() throws Exception {
        int[] counter = { 0 };
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            done.add(threads.submit(() -> {
                for (int j = 0; j < 1_000; j++) {
                    try (SessionLocks.Held held = locks.lock("session-1", 5, TimeUnit.SECONDS)) {
                        int read = counter[0]; // a read-modify-write that races without the lock
                        Thread.onSpinWait();
                        counter[0] = read + 1;
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        assertEquals(8_000, counter[0]);
        assertEquals(0, locks.size(), "no lock is kept once no request uses it");
    }

    @Test
    void idsWithTheSameHashDoNotShareALock() throws Exception {
        assertEquals("Aa".hashCode(), "BB".hashCode());
        try (AutoCloseable aa = holdInAnotherThread("Aa")) {
            long start = System.nanoTime();
            SessionLocks.Held bb = locks.lock("BB", 5, TimeUnit.SECONDS);
            assertNotNull(bb, "BB waited for Aa's lock");
            bb.close();
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "BB waited for Aa's lock");
        }
    }

    @Test
    void aLockIsForgottenOnceNoRequestHoldsOrWaitsForIt() throws Exception {
        SessionLocks.Held first = locks.lock("session-2", 1, TimeUnit.SECONDS);
        CountDownLatch waiting = new CountDownLatch(1);
        Future<Boolean> second = threads.submit(() -> {
            waiting.countDown();
            try (SessionLocks.Held held = locks.lock("session-2", 5, TimeUnit.SECONDS)) {
                return held != null;
            }
        });
        waiting.await();
        assertEquals(1, locks.size());
        first.close();
        assertTrue(second.get(5, TimeUnit.SECONDS), "the waiting request had the lock once the first let it go");
        assertEquals(0, locks.size());
        for (int i = 0; i < 10_000; i++) {
            locks.lock("made-up-" + i, 1, TimeUnit.SECONDS).close();
        }
        assertEquals(0, locks.size(), "ids that are done with take no memory");
    }

    @Test
    void aWaitIsBoundedAndLeavesNothingBehind() throws Exception {
        try (AutoCloseable busy = holdInAnotherThread("busy")) {
            long start = System.nanoTime();
            assertNull(locks.lock("busy", 200, TimeUnit.MILLISECONDS));
            long waited = System.nanoTime() - start;
            assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(200) && waited < TimeUnit.SECONDS.toNanos(2), "waited " + waited + " ns");
            assertEquals(1, locks.size(), "only the holder's entry is left");
        }
        assertEquals(0, locks.size());
    }

    /** @return the lock of the id, taken and held by another thread until closed here */
    private AutoCloseable holdInAnotherThread(String sessionId) throws Exception {
        CountDownLatch taken = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        Future<?> holder = threads.submit(() -> {
            try (SessionLocks.Held held = locks.lock(sessionId, 1, TimeUnit.SECONDS)) {
                taken.countDown();
                letGo.await();
            }
            return null;
        });
        assertTrue(taken.await(5, TimeUnit.SECONDS));
        return () -> {
            letGo.countDown();
            holder.get(5, TimeUnit.SECONDS);
        };
    }
}
