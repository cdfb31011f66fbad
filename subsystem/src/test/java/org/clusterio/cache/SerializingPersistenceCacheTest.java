package org.clusterio.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.clusterio.api.ClusterIOException;
import org.clusterio.api.PersistenceCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The applications' persistence cache API on a real (local) Infinispan cache. */
class SerializingPersistenceCacheTest {

    record Content(long id, String title, List<String> fields) implements Serializable {
    }

    private LocalInfinispan infinispan;
    private PersistenceCache cache;

    @BeforeEach
    void start() {
        infinispan = new LocalInfinispan();
        cache = infinispan.start("apps", 1_000, -1);
    }

    @AfterEach
    void stop() {
        infinispan.close();
    }

    @Test
    void valuesComeBackAsCopies() {
        ArrayList<String> fields = new ArrayList<>(List.of("a", "b"));
        cache.put("content-1", fields, "c-1");
        fields.add("changed after put");

        @SuppressWarnings("unchecked")
        ArrayList<String> first = cache.get("content-1", ArrayList.class).orElseThrow();
        assertEquals(List.of("a", "b"), first);
        first.add("changed after get");
        assertEquals(List.of("a", "b"), cache.get("content-1", ArrayList.class).orElseThrow());
        assertNotSame(first, cache.get("content-1", ArrayList.class).orElseThrow());
    }

    @Test
    void theLoaderRunsOnMissesOnly() {
        AtomicInteger loads = new AtomicInteger();
        Content content = new Content(1, "Home", List.of("title", "body"));
        for (int i = 0; i < 3; i++) {
            assertEquals(content, cache.get("content-1", Content.class, () -> {
                loads.incrementAndGet();
                return content;
            }, "c-1", "location-2"));
        }
        assertEquals(1, loads.get());
        cache.invalidateTags("location-2");
        assertEquals(content, cache.get("content-1", Content.class, () -> {
            loads.incrementAndGet();
            return content;
        }, "c-1"));
        assertEquals(2, loads.get());
    }

    @Test
    void keysAndTagsAreInvalidatedSelectively() {
        cache.put("a", "A", "t1");
        cache.put("b", "B", "t2");
        cache.put("c", "C");
        cache.invalidate("c");
        cache.invalidateTags("t1", "no-such-tag");
        assertEquals(Optional.empty(), cache.get("a", String.class));
        assertEquals(Optional.of("B"), cache.get("b", String.class));
        assertEquals(Optional.empty(), cache.get("c", String.class));
        cache.clear();
        assertEquals(Optional.empty(), cache.get("b", String.class));
    }

    @Test
    void aLoaderReturningNullCachesNothing() {
        assertNull(cache.get("k", String.class, () -> null));
        assertEquals(Optional.empty(), cache.get("k", String.class));
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        assertThrows(IllegalArgumentException.class, () -> cache.put("", "v"));
        assertThrows(IllegalArgumentException.class, () -> cache.put("k", "v", (String) null));
        assertThrows(NullPointerException.class, () -> cache.put("k", null));
        ClusterIOException notSerializable = assertThrows(ClusterIOException.class, () -> cache.put("k", new ArrayList<>(List.of(new Object()))));
        assertTrue(notSerializable.getMessage().contains("java.util.ArrayList"), notSerializable.getMessage());
        cache.put("k", "a string");
        assertThrows(ClassCastException.class, () -> cache.get("k", Content.class));
    }
}
