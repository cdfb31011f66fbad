package org.clusterio.cache;

import org.infinispan.configuration.cache.Configuration;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.manager.EmbeddedCacheManager;

/** A real, embedded Infinispan for the tests: a cache manager without transport and a local cache template. */
public final class LocalInfinispan implements AutoCloseable {

    private final EmbeddedCacheManager manager = new DefaultCacheManager(new GlobalConfigurationBuilder().nonClusteredDefault().build());

    public EmbeddedCacheManager manager() {
        return manager;
    }

    public static Configuration localTemplate() {
        return new ConfigurationBuilder().build();
    }

    /** @return a persistence cache on a fresh local cache, as the subsystem starts one */
    public SerializingPersistenceCache start(String name, long maxEntries, long lifespan) {
        return start(name, maxEntries, lifespan, AllowedValueClasses.DEFAULT);
    }

    /** @return a persistence cache on a fresh local cache whose values may also be of the classes the patterns allow */
    public SerializingPersistenceCache start(String name, long maxEntries, long lifespan, AllowedValueClasses allowed) {
        return new InfinispanCaches(name, "test", "local", maxEntries, lifespan, allowed).start(manager, localTemplate());
    }

    @Override
    public void close() {
        manager.stop();
    }
}
