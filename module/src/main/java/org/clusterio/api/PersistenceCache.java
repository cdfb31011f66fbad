package org.clusterio.api;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A cache shared by every node of the cluster, with tags: what one node puts, every node gets, and what one node
 * invalidates is gone on every node before the call returns (Ibexa DXP's persistence cache, on Infinispan).
 *
 * <p><b>Values</b> are {@link Serializable} and copied: a get returns a new copy, never the instance that was put, so
 * callers may change what they get. Classes are resolved with the calling thread's context class loader (the
 * deployment's). A value that can no longer be read (its class changed incompatibly) counts as a miss.</p>
 *
 * <p><b>Allowed classes.</b> Every deployment and node can put values under any key, so a value is read only when every
 * class in it is allowed: the requested type and the classes of the archive it comes from (the application's
 * {@code WEB-INF/classes}, not its libraries), the JDK's value types (strings, boxed primitives, {@code BigDecimal},
 * {@code java.time}, the usual collections), and what the persistence cache's {@code allowed-classes} patterns add.
 * A value holding any other class is refused before any of its code runs and counts as a miss (the server logs the
 * class and the key). To cache a JDK collection of your own classes, request your own type, or add a pattern.</p>
 *
 * <p><b>Tags</b> group entries for invalidation: {@link #invalidateTags} removes every entry put with any of the tags,
 * on every node, in constant time whatever the number of entries (each tag carries a version that entries are
 * checked against).</p>
 *
 * <p><b>Races.</b> {@link #get(String, Class, Supplier, String...)} is the safe way to fill the cache: when the key or
 * one of the tags is invalidated while the loader runs, the loaded value is returned but not cached, so a value read
 * before a change never outlives the invalidation of that change. A plain {@link #put} stores what it is given.</p>
 *
 * <p><b>Limits.</b> Entries expire after the cache's {@code lifespan} and the least used are evicted beyond its
 * {@code max-entries}; a miss is always a correct answer. Keys and tags are shared by every deployment that uses
 * the same persistence cache. If the cluster cannot be reached, methods throw {@link ClusterIOException}.</p>
 *
 * <p>Implementations are thread-safe.</p>
 */
public interface PersistenceCache {

    /** @return the name of the persistence cache resource behind this cache */
    String name();

    /**
     * @return the names of the nodes ({@code jboss.node.name}) that share this cache, in the order of the cluster's
     *         current view, this node included; empty for a cache local to this server (the {@code cluster-io} layer's,
     *         where {@code cluster-io-ha} replicates it)
     */
    List<String> members();

    /**
     * @return a copy of the value cached under the key, or empty if there is none
     * @throws ClassCastException if the cached value is not of the given type
     */
    <T extends Serializable> Optional<T> get(String key, Class<T> type);

    /**
     * Returns the value cached under the key; on a miss, loads it, caches it with the given tags unless the key or a
     * tag was invalidated meanwhile, and returns it. A loader that returns {@code null} caches nothing.
     *
     * @return the cached or loaded value; {@code null} if the loader returned {@code null}
     */
    <T extends Serializable> T get(String key, Class<T> type, Supplier<? extends T> loader, String... tags);

    /** Caches the value under the key, replacing any earlier value, with the given tags. */
    void put(String key, Serializable value, String... tags);

    /** Removes the keys' entries on every node. */
    void invalidate(String... keys);

    /** Removes, on every node, every entry put with any of the tags. */
    void invalidateTags(String... tags);

    /** Removes every entry on every node, those of other deployments and of the DFS metadata lookups included. */
    void clear();
}
