package org.clusterio.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;

class SessionLocksTest {

    private final SessionLocks locks = new SessionLocks(16);

    @Test
    void requestsOfOneSessionRunOneAtATime() throws Exception {
        int[] counter = { 0 };
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                done.add(threads.submit(() -> {
                    for (int j = 0; j < 1_000; j++) {
                        ReentrantLock lock = locks.lock("session-1", 5, TimeUnit.SECONDS);
                        try {
                            int read = counter[0]; // a read-modify-write that races without the lock
                            Thread.onSpinWait();
                            counter[0] = read + 1;
                        } finally {
                            lock.unlock();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(8_000, counter[0]);
    }

    @Test
    void aLockThatStaysTakenTimesOut() throws Exception {
        ReentrantLock held = locks.lock("busy", 1, TimeUnit.SECONDS);
        assertNotNull(held);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            assertNull(other.submit(() -> locks.lock("busy", 50, TimeUnit.MILLISECONDS)).get());
        } finally {
            held.unlock();
            other.shutdown();
        }
    }

    @Test
    void stripesArePowersOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new SessionLocks(1000));
    }
}
