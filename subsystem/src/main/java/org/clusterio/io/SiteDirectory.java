package org.clusterio.io;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.clusterio.api.IOService;
import org.clusterio.web.StorageFilterConfig;

/**
 * Every configured site by name, how requests are matched to them (Ibexa DXP's SiteAccess matching), and the
 * storage filters that serve their URIs: what a deployment needs of the subsystem. Immutable; the subsystem builds a
 * new directory when sites or filters change (at a reload).
 */
public final class SiteDirectory {

    private final Map<String, SiteEntry> sites;
    private final List<SiteEntry> matchingOrder;
    private final String defaultSite;
    private final List<StorageFilterConfig> storageFilters;

    /**
     * @param defaultSite the subsystem's default site, one of the entries
     * @param storageFilters the storage filters every web deployment gets
     */
    public SiteDirectory(Collection<SiteEntry> entries, String defaultSite, List<StorageFilterConfig> storageFilters) {
        this.storageFilters = List.copyOf(storageFilters);
        this.sites = entries.stream().collect(Collectors.toUnmodifiableMap(SiteEntry::name, Function.identity()));
        if (!sites.containsKey(defaultSite)) {
            throw org.clusterio.logging.ClusterIOLogger.ROOT_LOGGER.defaultSiteUnknown(defaultSite, sites.keySet().toString());
        }
        this.defaultSite = defaultSite;
        // The most specific rule first: a longer uri-prefix, then a host rule over none.
        this.matchingOrder = entries.stream().filter(SiteEntry::matchesRequests)
                .sorted(Comparator.comparingInt((SiteEntry e) -> e.uriPrefix().length()).reversed()
                        .thenComparing(e -> e.hosts().isEmpty()))
                .toList();
    }

    public List<StorageFilterConfig> storageFilters() {
        return storageFilters;
    }

    public Optional<IOService> site(String name) {
        return Optional.ofNullable(sites.get(name)).map(SiteEntry::service);
    }

    public String defaultSite() {
        return defaultSite;
    }

    public Collection<String> names() {
        return sites.keySet();
    }

    /**
     * @param host the request's host name, without port
     * @param path the request's path inside the application
     * @return the site whose rules match the request, if any
     */
    public Optional<IOService> match(String host, String path) {
        return matchingOrder.stream().filter(entry -> entry.matches(host, path)).findFirst().map(SiteEntry::service);
    }

    /**
     * @return the site whose url-prefix the URI starts with (the longest such prefix), and the id the URI names
     * @throws org.clusterio.api.InvalidBinaryFileIdException if that rest is not validly percent-encoded
     */
    public Optional<Map.Entry<SiteIOService, String>> byUri(String uri) {
        Map.Entry<SiteIOService, String> best = null;
        for (SiteEntry entry : sites.values()) {
            if (entry.service() instanceof SiteIOService site) {
                Optional<String> id = site.idFromUri(uri);
                if (id.isPresent() && (best == null || id.get().length() < best.getValue().length())) {
                    best = Map.entry(site, id.get());
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
