package org.clusterio.deployment;

import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

import org.clusterio.api.IOService;
import org.clusterio.api.Site;

/**
 * Adds a deployment's IO service beans: the {@code @Default} one and one per {@code @Site} name the deployment uses.
 */
public final class IOServiceCdiExtension implements Extension {

    private final IOService routing;
    private final Map<String, IOService> sites;

    IOServiceCdiExtension(IOService routing, Map<String, IOService> sites) {
        this.routing = routing;
        this.sites = Map.copyOf(sites);
    }

    void addBeans(@Observes AfterBeanDiscovery event) {
        event.addBean(new IOServiceBean(routing, Default.Literal.INSTANCE, "default"));
        sites.forEach((name, service) -> event.addBean(new IOServiceBean(service, Site.Literal.of(name), "site:" + name)));
    }
}
