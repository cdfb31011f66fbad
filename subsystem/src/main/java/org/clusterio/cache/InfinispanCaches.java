package org.clusterio.cache;

import org.clusterio.logging.ClusterIOLogger;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.Configuration;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * Creates and removes the Infinispan cache behind one persistence cache: a copy of a cache configured in the
 * infinispan subsystem (its template), with the persistence cache's size and lifespan. Every node derives the same
 * cache name, so the copies on the nodes of a cluster form one replicated cache.
 */
public final class InfinispanCaches {

    private final String name;
    private final String containerName;
    private final String templateName;
    private final long maxEntries;
    private final long lifespan;
    private final AllowedValueClasses allowedValueClasses;

    private volatile EmbeddedCacheManager manager;
    private volatile Cache<String, String> cache;

    public InfinispanCaches(String name, String containerName, String templateName, long maxEntries, long lifespan, AllowedValueClasses allowedValueClasses) {
        this.name = name;
        this.containerName = containerName;
        this.templateName = templateName;
        this.maxEntries = maxEntries;
        this.lifespan = lifespan;
        this.allowedValueClasses = allowedValueClasses;
    }

    /** @throws IllegalStateException if the template's cache mode cannot keep the cache coherent */
    public SerializingPersistenceCache start(EmbeddedCacheManager container, Configuration template) {
        CacheMode mode = template.clustering().cacheMode();
        if (mode.isInvalidation() || !mode.isSynchronous()) {
            throw ClusterIOLogger.CACHE_LOGGER.unsuitableCacheMode(name, templateName, containerName, mode.friendlyCacheModeString());
        }
        ConfigurationBuilder builder = new ConfigurationBuilder().read(template);
        builder.memory().maxCount(maxEntries);
        builder.expiration().lifespan(lifespan);
        container.defineConfiguration(cacheName(name), builder.build());
        manager = container;
        cache = container.getCache(cacheName(name));
        ClusterIOLogger.CACHE_LOGGER.persistenceCacheStarted(name, templateName, containerName, maxEntries, lifespan, mode.friendlyCacheModeString());
        return new SerializingPersistenceCache(new SharedCache(name, cache), allowedValueClasses);
    }

    public void stop(SharedPersistenceCache stopping) {
        EmbeddedCacheManager container = manager;
        if (container != null) {
            cache.stop();
            container.undefineConfiguration(cacheName(name));
            manager = null;
            cache = null;
        }
    }

    /** The Infinispan cache of a persistence cache: the same name on every node. */
    static String cacheName(String persistenceCacheName) {
        return "cluster-io.persistence-cache." + persistenceCacheName;
    }
}
