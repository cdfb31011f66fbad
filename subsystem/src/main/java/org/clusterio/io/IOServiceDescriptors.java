package org.clusterio.io;

import org.clusterio.api.IOService;
import org.clusterio.cache.SerializingPersistenceCache;
import org.clusterio.sessions.SharedSessions;
import org.wildfly.service.descriptor.NullaryServiceDescriptor;
import org.wildfly.service.descriptor.UnaryServiceDescriptor;

/**
 * The capabilities this extension provides, as typed service descriptors: other resources and deployments depend on
 * these descriptors, never on the classes behind them.
 */
public interface IOServiceDescriptors {

    /** A configured binarydata handler, by resource name. */
    UnaryServiceDescriptor<BinarydataHandlerProvider> BINARYDATA_HANDLER = UnaryServiceDescriptor.of("org.clusterio.binarydata-handler", BinarydataHandlerProvider.class);

    /** A configured metadata handler, by resource name. */
    UnaryServiceDescriptor<MetadataHandlerProvider> METADATA_HANDLER = UnaryServiceDescriptor.of("org.clusterio.metadata-handler", MetadataHandlerProvider.class);

    /** The IO service of a site, by site name. */
    UnaryServiceDescriptor<IOService> SITE = UnaryServiceDescriptor.of("org.clusterio.site", IOService.class);

    /** A persistence cache, by resource name: the applications' view, whose {@code shared()} DFS handlers use too. */
    UnaryServiceDescriptor<SerializingPersistenceCache> PERSISTENCE_CACHE = UnaryServiceDescriptor.of("org.clusterio.persistence-cache", SerializingPersistenceCache.class);

    /** A sessions resource, by name: how deployments share their HTTP sessions. */
    UnaryServiceDescriptor<SharedSessions> SESSIONS = UnaryServiceDescriptor.of("org.clusterio.sessions", SharedSessions.class);

    /** Every site, with the rules that match requests to them, and the default site. */
    NullaryServiceDescriptor<SiteDirectory> SITE_DIRECTORY = NullaryServiceDescriptor.of("org.clusterio.site-directory", SiteDirectory.class);
}
