package org.clusterio.spi;

import java.util.List;
import java.util.Map;

import org.clusterio.api.IOService;
import org.clusterio.cache.SharedPersistenceCache;
import org.clusterio.httpcache.SharedHttpCache;
import org.clusterio.io.BinarydataStore;
import org.clusterio.io.MetadataStore;
import org.clusterio.io.SiteDirectory;
import org.clusterio.io.SiteRoute;
import org.clusterio.sessions.SharedSessions;
import org.clusterio.web.ServerReadiness;
import org.clusterio.web.StorageFilter;
import org.wildfly.service.descriptor.NullaryServiceDescriptor;
import org.wildfly.service.descriptor.UnaryServiceDescriptor;

/**
 * The capabilities this extension provides, as typed service descriptors: resources and deployment processors depend
 * on these descriptors and on the interfaces that type them, never on the classes behind them.
 */
public interface ClusterIOServiceDescriptor {

    /** The store of a binarydata handler resource, by resource name. */
    UnaryServiceDescriptor<BinarydataStore> BINARYDATA_HANDLER = UnaryServiceDescriptor.of("org.clusterio.binarydata-handler", BinarydataStore.class);

    /** The store of a metadata handler resource, by resource name. */
    UnaryServiceDescriptor<MetadataStore> METADATA_HANDLER = UnaryServiceDescriptor.of("org.clusterio.metadata-handler", MetadataStore.class);

    /** The IO service of the subsystem's default-site, provided by the subsystem resource. */
    NullaryServiceDescriptor<IOService> DEFAULT_SITE = NullaryServiceDescriptor.of("org.clusterio.default-site", IOService.class);

    /** The IO service of a site, by site name; without a name, that of the default site. */
    UnaryServiceDescriptor<IOService> SITE = UnaryServiceDescriptor.of("org.clusterio.site", DEFAULT_SITE);

    /** Which requests a site serves, by site name: what the site directory matches requests with. */
    UnaryServiceDescriptor<SiteRoute> SITE_ROUTE = UnaryServiceDescriptor.of("org.clusterio.site-route", SiteRoute.class);

    /** Every site, by name, by request and by URI; provided by the subsystem resource from the sites and their routes. */
    NullaryServiceDescriptor<SiteDirectory> SITE_DIRECTORY = NullaryServiceDescriptor.of("org.clusterio.site-directory", SiteDirectory.class);

    /** A storage filter's configuration, by resource name. */
    UnaryServiceDescriptor<StorageFilter> STORAGE_FILTER = UnaryServiceDescriptor.of("org.clusterio.storage-filter", StorageFilter.class);

    /** Every storage filter, as web deployments get them; provided by the subsystem resource. */
    @SuppressWarnings("unchecked")
    NullaryServiceDescriptor<List<StorageFilter>> STORAGE_FILTERS = NullaryServiceDescriptor.of("org.clusterio.storage-filters", (Class<List<StorageFilter>>) (Class<?>) List.class);

    /** A persistence cache, by resource name: the applications' view, and the shared cache DFS handlers use too. */
    UnaryServiceDescriptor<SharedPersistenceCache> PERSISTENCE_CACHE = UnaryServiceDescriptor.of("org.clusterio.persistence-cache", SharedPersistenceCache.class);

    /** A sessions resource, by name: how deployments share their HTTP sessions. */
    UnaryServiceDescriptor<SharedSessions> SESSIONS = UnaryServiceDescriptor.of("org.clusterio.sessions", SharedSessions.class);

    /** Whether this server takes requests, for the readiness endpoint of web deployments; provided by the subsystem resource. */
    NullaryServiceDescriptor<ServerReadiness> SERVER_READINESS = NullaryServiceDescriptor.of("org.clusterio.server-readiness", ServerReadiness.class);

    /** An http-cache, by resource name: the Varnish servers that its sites' changes and the applications purge. */
    UnaryServiceDescriptor<SharedHttpCache> HTTP_CACHE = UnaryServiceDescriptor.of("org.clusterio.http-cache", SharedHttpCache.class);

    /** Every http-cache by name, for deployments that inject one; provided by the subsystem resource. */
    @SuppressWarnings("unchecked")
    NullaryServiceDescriptor<Map<String, SharedHttpCache>> HTTP_CACHES = NullaryServiceDescriptor.of("org.clusterio.http-caches", (Class<Map<String, SharedHttpCache>>) (Class<?>) Map.class);
}
