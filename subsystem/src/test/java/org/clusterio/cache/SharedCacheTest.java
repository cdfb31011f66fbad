package org.clusterio.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.clusterio.api.ClusterIOException;
import org.clusterio.api.IOBackendException;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared cache's coherence rules on a real (local) Infinispan cache. */
class SharedCacheTest {

    private LocalInfinispan infinispan;
    private SharedCache cache;

    @BeforeEach
    void start() {
        infinispan = new LocalInfinispan();
        cache = infinispan.start("test", 1_000, -1).shared();
    }

    @AfterEach
    void stop() {
        infinispan.close();
    }

    @Test
    void aCacheLocalToThisServerHasNoMembers() {
        assertEquals(List.of(), cache.members(), "no transport: the cluster-io layer's local cache");
    }

    @Test
    void aLoadedValueIsServedUntilItsKeyIsInvalidated() {
        AtomicInteger loads = new AtomicInteger();
        assertEquals("v1", cache.get("k", List.of("t"), () -> "v" + loads.incrementAndGet()));
        assertEquals("v1", cache.get("k", List.of("t"), () -> "v" + loads.incrementAndGet()));
        assertEquals(Optional.of("v1"), cache.get("k"));
        assertEquals(1, loads.get());

        cache.invalidate(List.of("k"));
        assertEquals(Optional.empty(), cache.get("k"));
        assertEquals("v2", cache.get("k", List.of("t"), () -> "v" + loads.incrementAndGet()));
        assertEquals(2, loads.get());
        assertEquals(2, cache.statistics().hits());
        assertEquals(3, cache.statistics().misses());
        assertEquals(1, cache.statistics().invalidations());
    }

    @Test
    void invalidatingATagDropsItsEntriesOnly() {
        cache.put("a", "1", List.of("red", "round"));
        cache.put("b", "2", List.of("red"));
        cache.put("c", "3", List.of("blue"));
        cache.put("d", "4", List.of());

        cache.invalidateTags(List.of("red"));

        assertEquals(Optional.empty(), cache.get("a"));
        assertEquals(Optional.empty(), cache.get("b"));
        assertEquals(Optional.of("3"), cache.get("c"));
        assertEquals(Optional.of("4"), cache.get("d"));
        cache.put("a", "1 again", List.of("red"));
        assertEquals(Optional.of("1 again"), cache.get("a"), "the tag works again for entries put after the invalidation");
    }

    @Test
    void aValueLoadedWhileItsKeyIsInvalidatedIsReturnedButNotCached() {
        cache.put("k", "old", List.of());
        cache.invalidate(List.of("k"));
        // The loader read the old state; meanwhile another node changed it and invalidated the key.
        assertEquals("read before the change", cache.get("k", List.of(), () -> {
            cache.invalidate(List.of("k"));
            return "read before the change";
        }));
        assertEquals(Optional.empty(), cache.get("k"));
        assertEquals("fresh", cache.get("k", List.of(), () -> "fresh"));
        assertEquals(Optional.of("fresh"), cache.get("k"));
    }

    @Test
    void aValueLoadedOnAFirstMissWhileTheKeyIsInvalidatedIsNotCached() {
        assertEquals("stale", cache.get("never-seen", List.of(), () -> {
            cache.invalidate(List.of("never-seen"));
            return "stale";
        }));
        assertEquals(Optional.empty(), cache.get("never-seen"));
    }

    @Test
    void aValueLoadedOnAFirstMissIsNotCachedWhenTheInvalidationsTombstoneIsEvictedMeanwhile() {
        Cache<String, String> stored = infinispan.manager().getCache(InfinispanCaches.cacheName("test"));
        assertEquals("stale", cache.get("never-seen", List.of(), () -> {
            cache.invalidate(List.of("never-seen"));
            stored.remove("e:never-seen"); // the tombstone evicted, as max-entries would
            return "stale";
        }));
        assertEquals(Optional.empty(), cache.get("never-seen"));
        assertEquals("fresh", cache.get("never-seen", List.of(), () -> "fresh"));
        assertEquals(Optional.of("fresh"), cache.get("never-seen"));
    }

    @Test
    void aValueLoadedWhileOneOfItsTagsIsInvalidatedDoesNotCount() {
        assertEquals("stale", cache.get("k", List.of("dir"), () -> {
            cache.invalidateTags(List.of("dir"));
            return "stale";
        }));
        assertEquals(Optional.empty(), cache.get("k"));
    }

    @Test
    void losingATagVersionTurnsItsEntriesIntoMissesNeverBringsStaleOnesBack() {
        cache.put("k", "tagged", List.of("t"));
        infinispan.manager().<String, String>getCache(InfinispanCaches.cacheName("test")).remove("t:t"); // as eviction would
        assertEquals(Optional.empty(), cache.get("k"));
    }

    @Test
    void nullLoadsAreNotCached() {
        AtomicInteger loads = new AtomicInteger();
        assertEquals(null, cache.get("k", List.of(), () -> {
            loads.incrementAndGet();
            return null;
        }));
        cache.get("k", List.of(), () -> {
            loads.incrementAndGet();
            return null;
        });
        assertEquals(2, loads.get());
    }

    @Test
    void textThatIsNotAnEntryIsAMiss() {
        assertEquals(null, CachedEntry.decode("V2;garbage"));
        assertEquals(null, CachedEntry.decode(CachedEntry.tombstone()));
        CachedEntry entry = CachedEntry.decode(CachedEntry.encode(java.util.Map.of("a:b;c", "0123456789abcdef"), "payload;with:marks"));
        assertEquals("payload;with:marks", entry.payload());
        assertEquals("0123456789abcdef", entry.tagVersions().get("a:b;c"));
    }

    @Test
    void clearEmptiesTheCache() {
        cache.put("k", "v", List.of("t"));
        assertTrue(cache.localEntries() >= 2);
        cache.clear();
        assertEquals(0, cache.localEntries());
        assertFalse(cache.get("k").isPresent());
    }

    @Test
    void maxEntriesBoundsTheCache() {
        try (LocalInfinispan small = new LocalInfinispan()) {
            SharedCache bounded = small.start("small", 50, -1).shared();
            for (int i = 0; i < 500; i++) {
                bounded.put("k" + i, "v" + i, List.of());
            }
            assertTrue(bounded.localEntries() <= 50, bounded.localEntries() + " entries");
        }
    }

    @Test
    void entriesExpireAfterTheirLifespan() throws InterruptedException {
        try (LocalInfinispan expiring = new LocalInfinispan()) {
            SharedCache shortLived = expiring.start("short", 100, 50).shared();
            shortLived.put("k", "v", List.of());
            Thread.sleep(200);
            assertEquals(Optional.empty(), shortLived.get("k"));
        }
    }

    @Test
    void aStoppedCacheFailsEveryCallWithTheBackendExceptionNeverInfinispansOwn() {
        SerializingPersistenceCache applications = new SerializingPersistenceCache(cache, AllowedValueClasses.DEFAULT);
        infinispan.manager().stop();

        IOBackendException read = assertThrows(IOBackendException.class, () -> cache.get("k"));
        assertTrue(read.getMessage().startsWith("CLUSTERIO0082: Persistence cache 'test' could not read 'k'"), read.getMessage());
        assertThrows(IOBackendException.class, () -> cache.get("k", List.of("t"), () -> "loaded"));
        assertThrows(IOBackendException.class, () -> cache.put("k", "v", List.of()));
        assertThrows(IOBackendException.class, () -> cache.invalidate(List.of("k")));
        assertThrows(IOBackendException.class, () -> cache.invalidateTags(List.of("t")));
        assertThrows(ClusterIOException.class, () -> applications.get("k", String.class), "the PersistenceCache contract");
    }

    @Test
    void cachesThatCannotStayCoherentAreRefused() {
        InfinispanCaches caches = new InfinispanCaches("p", "web", "async", 10, 10, AllowedValueClasses.DEFAULT);
        IllegalStateException invalidation = assertThrows(IllegalStateException.class,
                () -> caches.start(infinispan.manager(), new ConfigurationBuilder().clustering().cacheMode(CacheMode.INVALIDATION_SYNC).build()));
        assertTrue(invalidation.getMessage().contains("cache async of container web"), invalidation.getMessage());
        assertThrows(IllegalStateException.class, () -> caches.start(infinispan.manager(), new ConfigurationBuilder().clustering().cacheMode(CacheMode.REPL_ASYNC).build()));
    }
}
