package org.clusterio.spi;

import org.clusterio.api.IOService;
import org.clusterio.cache.SharedPersistenceCache;
import org.clusterio.io.BinarydataHandlerProvider;
import org.clusterio.io.MetadataHandlerProvider;
import org.clusterio.io.SiteDirectory;
import org.clusterio.sessions.SharedSessions;
import org.wildfly.service.descriptor.NullaryServiceDescriptor;
import org.wildfly.service.descriptor.UnaryServiceDescriptor;

/**
 * The capabilities this extension provides, as typed service descriptors: resources and deployment processors depend
 * on these descriptors and on the interfaces that type them, never on the classes behind them.
 */
public interface ClusterIOServiceDescriptor {

    /** A configured binarydata handler, by resource name. */
    UnaryServiceDescriptor<BinarydataHandlerProvider> BINARYDATA_HANDLER = UnaryServiceDescriptor.of("org.clusterio.binarydata-handler", BinarydataHandlerProvider.class);

    /** A configured metadata handler, by resource name. */
    UnaryServiceDescriptor<MetadataHandlerProvider> METADATA_HANDLER = UnaryServiceDescriptor.of("org.clusterio.metadata-handler", MetadataHandlerProvider.class);

    /** The IO service of the subsystem's default-site, provided by the subsystem resource. */
    NullaryServiceDescriptor<IOService> DEFAULT_SITE = NullaryServiceDescriptor.of("org.clusterio.default-site", IOService.class);

    /** The IO service of a site, by site name; without a name, that of the default site. */
    UnaryServiceDescriptor<IOService> SITE = UnaryServiceDescriptor.of("org.clusterio.site", DEFAULT_SITE);

    /** Every site, and the rules that match requests to them. */
    NullaryServiceDescriptor<SiteDirectory> SITE_DIRECTORY = NullaryServiceDescriptor.of("org.clusterio.site-directory", SiteDirectory.class);

    /** A persistence cache, by resource name: the applications' view, and the shared cache DFS handlers use too. */
    UnaryServiceDescriptor<SharedPersistenceCache> PERSISTENCE_CACHE = UnaryServiceDescriptor.of("org.clusterio.persistence-cache", SharedPersistenceCache.class);

    /** A sessions resource, by name: how deployments share their HTTP sessions. */
    UnaryServiceDescriptor<SharedSessions> SESSIONS = UnaryServiceDescriptor.of("org.clusterio.sessions", SharedSessions.class);
}
