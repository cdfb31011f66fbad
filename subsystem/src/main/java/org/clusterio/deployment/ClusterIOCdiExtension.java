package org.clusterio.deployment;

import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

import org.clusterio.api.HttpCache;
import org.clusterio.api.IOService;
import org.clusterio.api.PersistenceCache;
import org.clusterio.api.Site;

/**
 * Adds a deployment's beans: the {@code @Default} IO service, one per {@code @Site} name the deployment uses, and
 * its persistence cache and its HTTP cache when it uses them.
 */
public final class ClusterIOCdiExtension implements Extension {

    private final IOService routing;
    private final Map<String, IOService> sites;
    private final PersistenceCache persistenceCache;
    private final HttpCache httpCache;

    /**
     * @param persistenceCache null when the deployment does not use the persistence cache
     * @param httpCache null when the deployment does not use an HTTP cache
     */
    ClusterIOCdiExtension(IOService routing, Map<String, IOService> sites, PersistenceCache persistenceCache, HttpCache httpCache) {
        this.routing = routing;
        this.sites = Map.copyOf(sites);
        this.persistenceCache = persistenceCache;
        this.httpCache = httpCache;
    }

    void addBeans(@Observes AfterBeanDiscovery event) {
        if (routing != null) {
            event.addBean(new ServerValueBean<>(IOService.class, routing, Default.Literal.INSTANCE, "default"));
            sites.forEach((name, service) -> event.addBean(new ServerValueBean<>(IOService.class, service, Site.Literal.of(name), "site:" + name)));
        }
        if (persistenceCache != null) {
            event.addBean(new ServerValueBean<>(PersistenceCache.class, persistenceCache, Default.Literal.INSTANCE, "default"));
        }
        if (httpCache != null) {
            event.addBean(new ServerValueBean<>(HttpCache.class, httpCache, Default.Literal.INSTANCE, "default"));
        }
    }
}
