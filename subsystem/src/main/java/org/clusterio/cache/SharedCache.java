package org.clusterio.cache;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.clusterio.logging.ClusterIOLogger;
import org.infinispan.AdvancedCache;
import org.infinispan.Cache;
import org.infinispan.context.Flag;
import org.infinispan.remoting.transport.Address;

/**
 * Entries with tags in one Infinispan cache that every node shares (a replicated cache in a cluster, a local one on a
 * single server), kept coherent without locks:
 * <ul>
 * <li>an entry records the version of each of its tags when its value was loaded, and counts only while every tag
 * still has that version, so invalidating a tag is one write whatever the number of entries;</li>
 * <li>invalidating a key leaves a tombstone with a random nonce, and a value loaded on a miss is stored only if the
 * key still holds what the miss saw (a conditional write), so a value read before a change never outlives the
 * invalidation of that change; a miss on a key that holds nothing first puts a tombstone of its own, so that a
 * tombstone evicted during the load cannot let the value in either;</li>
 * <li>a tag without a version gets one before anything is loaded under it, so that losing a tag version (expiry,
 * eviction) can only turn entries into misses, never bring stale ones back.</li>
 * </ul>
 * Writes are synchronous: when an invalidation returns, every node sees it. Keys are namespaced by the callers
 * (DFS lookups and applications share one cache). A cache that fails (stopped, cut off from the cluster) fails the
 * call with {@link org.clusterio.api.IOBackendException}, never with Infinispan's own exceptions.
 */
public final class SharedCache {

    private static final String ENTRY = "e:";
    private static final String TAG = "t:";

    private final String name;
    private final Cache<String, String> cache;
    private final AdvancedCache<String, String> blindWrites;
    private final AdvancedCache<String, String> localView;
    private final CacheStatistics statistics = new CacheStatistics();
    private final DecodedEntries decoded = new DecodedEntries();

    public SharedCache(String name, Cache<String, String> cache) {
        this.name = name;
        this.cache = cache;
        this.blindWrites = cache.getAdvancedCache().withFlags(Flag.IGNORE_RETURN_VALUES);
        this.localView = cache.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL, Flag.SKIP_CACHE_LOAD);
    }

    public String name() {
        return name;
    }

    public CacheStatistics statistics() {
        return statistics;
    }

    /** @return the names of the nodes whose copies form this cache, in the order of the cluster's view; empty when it is local */
    public List<String> members() {
        // WildFly gives a local container a transport of its own, whose single member is no cluster's node
        if (!cache.getCacheManager().getCacheManagerConfiguration().isClustered()) {
            return List.of();
        }
        List<Address> members = cache.getCacheManager().getMembers();
        return members == null ? List.of() : members.stream().map(Address::toString).toList();
    }

    /** @return the entries this node holds, tag versions and tombstones included */
    public long localEntries() {
        return inCache("count its entries", localView::size);
    }

    /** @return the payload cached under the key while all its tags are current */
    public Optional<String> get(String key) {
        String payload = inCache("read '" + key + "'", () -> current(key, cache.get(ENTRY + key), cache));
        if (payload == null) {
            statistics.miss();
            return Optional.empty();
        }
        statistics.hit();
        return Optional.of(payload);
    }

    /**
     * Reads this node's copy only, never another node's: a storage filter asks from an IO thread, which must not wait
     * for a remote get of a distributed cache (a replicated cache reads locally anyway). An entry or tag version this
     * node does not hold counts as a miss.
     *
     * @return the payload cached under the key while all its tags are current, as {@link #get(String)}, but a miss is
     *         not counted: the caller asks {@link #get(String, Collection, Supplier)} next, which counts it
     */
    public Optional<String> peek(String key) {
        String payload = inCache("read '" + key + "'", () -> current(key, localView.get(ENTRY + key), localView));
        if (payload == null) {
            return Optional.empty();
        }
        statistics.hit();
        return Optional.of(payload);
    }

    /**
     * Returns the payload cached under the key, or loads it, caches it (unless the key or a tag was invalidated while
     * the loader ran) and returns it. A loader returning null caches nothing. The cache failing to store the loaded
     * value never fails the call: the value is returned uncached.
     */
    public String get(String key, Collection<String> tags, Supplier<String> loader) {
        String seen = inCache("read '" + key + "'", () -> cache.get(ENTRY + key));
        String payload = inCache("read '" + key + "'", () -> current(key, seen, cache));
        if (payload != null) {
            statistics.hit();
            return payload;
        }
        statistics.miss();
        Map<String, String> versions;
        try {
            versions = versions(tags); // before loading: an invalidation during the load changes a version
        } catch (RuntimeException e) {
            ClusterIOLogger.CACHE_LOGGER.cacheWriteFailed(name, key, e);
            return loader.get();
        }
        String expected = seen != null ? seen : claim(key);
        String loaded = loader.get();
        if (loaded != null && expected != null) {
            store(key, expected, CachedEntry.encode(versions, loaded));
        }
        return loaded;
    }

    /** Caches the payload under the key with the tags' current versions, replacing what the key held. */
    public void put(String key, String payload, Collection<String> tags) {
        writing("put '" + key + "'", () -> blindWrites.put(ENTRY + key, CachedEntry.encode(versions(tags), payload)));
    }

    /** Invalidates the keys on every node: each gets a new tombstone. */
    public void invalidate(Collection<String> keys) {
        writing("invalidate " + keys, () -> {
            for (String key : keys) {
                blindWrites.put(ENTRY + key, CachedEntry.tombstone());
            }
        });
        statistics.invalidated(keys.size());
    }

    /** Invalidates every entry tagged with any of the tags, on every node: each tag gets a new version. */
    public void invalidateTags(Collection<String> tags) {
        writing("invalidate the tags " + tags, () -> {
            for (String tag : tags) {
                blindWrites.put(TAG + tag, TagVersions.newVersion());
            }
        });
        statistics.invalidated(tags.size());
    }

    /** Removes every entry, tag version and tombstone on every node. */
    public void clear() {
        writing("clear", cache::clear);
        statistics.invalidated(1);
    }

    /** @return the entry's payload while every tag has the version it recorded, as the view reads the tags */
    private String current(String key, String text, Cache<String, String> view) {
        CachedEntry entry = decoded.decode(key, text);
        if (entry == null) {
            return null;
        }
        for (Map.Entry<String, String> tag : entry.tagVersions().entrySet()) {
            if (!tag.getValue().equals(view.get(TAG + tag.getKey()))) {
                return null;
            }
        }
        return entry.payload();
    }

    private Map<String, String> versions(Collection<String> tags) {
        Map<String, String> versions = new LinkedHashMap<>(tags.size() * 2);
        for (String tag : tags) {
            String version = cache.get(TAG + tag);
            if (version == null) {
                String created = TagVersions.newVersion();
                String raced = cache.putIfAbsent(TAG + tag, created);
                version = raced == null ? created : raced;
            }
            versions.put(tag, version);
        }
        return versions;
    }

    /**
     * Puts a tombstone of this miss's own under a key that holds nothing, before the value is loaded, so that the
     * value can only replace that tombstone: an invalidation during the load replaces it, an eviction removes it, and
     * either makes the store fail. Storing "if absent" instead would take an evicted tombstone for no invalidation.
     *
     * @return what the key holds now, or null if the cache could not be written (the value is then returned uncached)
     */
    private String claim(String key) {
        try {
            String placeholder = CachedEntry.tombstone();
            String raced = cache.putIfAbsent(ENTRY + key, placeholder);
            return raced == null ? placeholder : raced;
        } catch (RuntimeException e) {
            ClusterIOLogger.CACHE_LOGGER.cacheWriteFailed(name, key, e);
            return null;
        }
    }

    private void store(String key, String expected, String entry) {
        try {
            cache.replace(ENTRY + key, expected, entry);
        } catch (RuntimeException e) {
            ClusterIOLogger.CACHE_LOGGER.cacheWriteFailed(name, key, e);
        }
    }

    private void writing(String what, Runnable write) {
        inCache(what, () -> {
            write.run();
            return null;
        });
    }

    /** Runs cache operations only (never a caller's loader): whatever Infinispan throws becomes the cache's failure. */
    private <T> T inCache(String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            throw ClusterIOLogger.CACHE_LOGGER.cacheFailed(name, what, e.toString(), e);
        }
    }
}
