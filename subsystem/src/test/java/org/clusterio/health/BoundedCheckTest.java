package org.clusterio.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.clusterio.io.ReadinessProbe;
import org.clusterio.io.fs.FilesystemBinarydataStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounds of a readiness check: its timeout, its reuse of a fresh result, and one probe at a time. */
class BoundedCheckTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicLong now = new AtomicLong();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private BoundedCheck check(ReadinessProbe probe, Duration timeout) {
        return new BoundedCheck("cluster-io-test-x", Map.of("test-handler", "x"), probe, executor, now::get, timeout, Duration.ofSeconds(1));
    }

    @Test
    void anAnswerIsUpWithWhatTheProbeFoundAndWhatWasChecked() {
        CheckResult result = check(timeout -> Map.of("members", "a, b"), Duration.ofSeconds(1)).check();
        assertTrue(result.up());
        assertEquals(Map.of("test-handler", "x", "members", "a, b"), result.data());
    }

    @Test
    void aFailureIsDownWithItsMessageAndItsCauses() {
        CheckResult result = check(timeout -> {
            throw new IllegalStateException("no connection", new IOException("Connection refused"));
        }, Duration.ofSeconds(1)).check();
        assertFalse(result.up());
        assertEquals("no connection: Connection refused", result.data().get("reason"));
        assertEquals("x", result.data().get("test-handler"));
    }

    @Test
    void aHungProbeIsDownAfterTheTimeoutAndIsNotStartedAgainWhileItHangs() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        BoundedCheck check = check(timeout -> {
            started.incrementAndGet();
            release.await();
            return Map.of();
        }, Duration.ofMillis(200));
        long begin = System.nanoTime();
        CheckResult first = check.check();
        assertFalse(first.up());
        assertTrue(first.data().get("reason").startsWith("no answer within"), first.data().toString());
        assertTrue(System.nanoTime() - begin < TimeUnit.SECONDS.toNanos(2));
        // Later requests do not wait again for the same hung probe, nor start another one.
        now.addAndGet(TimeUnit.SECONDS.toNanos(5));
        begin = System.nanoTime();
        assertFalse(check.check().up());
        assertTrue(System.nanoTime() - begin < TimeUnit.MILLISECONDS.toNanos(150), "waited again for a probe past its timeout");
        assertEquals(1, started.get());

        release.countDown();
        awaitUp(check);
    }

    @Test
    void aFreshResultIsReusedAndAStaleOneProbedAgain() {
        AtomicInteger probes = new AtomicInteger();
        BoundedCheck check = check(timeout -> Map.of("probe", String.valueOf(probes.incrementAndGet())), Duration.ofSeconds(1));
        assertEquals("1", check.check().data().get("probe"));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        assertEquals("1", check.check().data().get("probe"));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(600));
        assertEquals("2", check.check().data().get("probe"));
    }

    @Test
    void aFilesystemRootBelowARegularFileIsDownAndUpOnceItCanBeCreated(@TempDir Path directory) throws Exception {
        Path parent = directory.resolve("parent");
        Files.writeString(parent, "a file, not a directory");
        FilesystemBinarydataStore store = new FilesystemBinarydataStore(parent.resolve("root"), "", Set.of(), Set.of(), false);
        BoundedCheck check = check(store, Duration.ofSeconds(5));
        assertFalse(check.check().up());

        Files.delete(parent);
        Files.createDirectory(parent);
        now.addAndGet(TimeUnit.SECONDS.toNanos(2));
        CheckResult result = check.check();
        assertTrue(result.up(), result.data().toString());
        assertTrue(Files.isDirectory(parent.resolve("root")));
        try (var left = Files.list(parent.resolve("root"))) {
            assertEquals(0, left.count(), "the probe's file is deleted");
        }
    }

    private void awaitUp(BoundedCheck check) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            now.addAndGet(TimeUnit.SECONDS.toNanos(2));
            if (check.check().up()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not up after the probe ended");
    }
}
