package org.clusterio.io;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.clusterio.api.IOService;

/**
 * The {@link SiteDirectory} the subsystem publishes: the sites by name, and their routes in matching order. Immutable;
 * the subsystem builds a new one when the sites change (at a reload).
 */
public final class RoutingTable implements SiteDirectory {

    private record RoutedSite(IOService service, SiteRoute route) {
    }

    private final Map<String, IOService> sites;
    private final List<RoutedSite> matchingOrder;

    /**
     * @param sites  every site by name; their order decides between routes that are equally specific
     * @param routes the routes of the sites, by site name; a site without one matches no request
     */
    public RoutingTable(Map<String, ? extends IOService> sites, Map<String, SiteRoute> routes) {
        this.sites = Map.copyOf(sites);
        // The most specific rule first: a longer uri-prefix, then a host rule over none.
        this.matchingOrder = sites.entrySet().stream()
                .filter(site -> routes.containsKey(site.getKey()) && routes.get(site.getKey()).matchesRequests())
                .map(site -> new RoutedSite(site.getValue(), routes.get(site.getKey())))
                .sorted(Comparator.comparingInt((RoutedSite site) -> site.route().uriPrefix().length()).reversed()
                        .thenComparing(site -> site.route().hosts().isEmpty()))
                .toList();
    }

    @Override
    public Optional<IOService> site(String name) {
        return Optional.ofNullable(sites.get(name));
    }

    @Override
    public Collection<String> names() {
        return sites.keySet();
    }

    @Override
    public Optional<IOService> match(String host, String path) {
        return matchingOrder.stream().filter(site -> site.route().matches(host, path)).findFirst().map(RoutedSite::service);
    }

    @Override
    public Optional<SiteUri> byUri(String uri) {
        SiteUri best = null;
        for (IOService service : sites.values()) {
            if (service instanceof SiteIOService site) {
                Optional<String> id = site.idFromUri(uri);
                if (id.isPresent() && (best == null || id.get().length() < best.id().length())) {
                    best = new SiteUri(site, id.get());
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
