package org.clusterio.deployment;

import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

import org.clusterio.api.IOService;
import org.clusterio.api.PersistenceCache;
import org.clusterio.api.Site;

/**
 * Adds a deployment's beans: the {@code @Default} IO service, one per {@code @Site} name the deployment uses, and
 * its persistence cache when it uses one.
 */
public final class ClusterIOCdiExtension implements Extension {

    private final IOService routing;
    private final Map<String, IOService> sites;
    private final PersistenceCache persistenceCache;

    /** @param persistenceCache null when the deployment does not use the persistence cache */
    ClusterIOCdiExtension(IOService routing, Map<String, IOService> sites, PersistenceCache persistenceCache) {
        this.routing = routing;
        this.sites = Map.copyOf(sites);
        this.persistenceCache = persistenceCache;
    }

    void addBeans(@Observes AfterBeanDiscovery event) {
        if (routing != null) {
            event.addBean(new ServerValueBean<>(IOService.class, routing, Default.Literal.INSTANCE, "default"));
            sites.forEach((name, service) -> event.addBean(new ServerValueBean<>(IOService.class, service, Site.Literal.of(name), "site:" + name)));
        }
        if (persistenceCache != null) {
            event.addBean(new ServerValueBean<>(PersistenceCache.class, persistenceCache, Default.Literal.INSTANCE, "default"));
        }
    }
}
