package org.clusterio.deployment;

import java.util.List;
import java.util.Map;

import org.clusterio.api.IOService;
import org.clusterio.api.PersistenceCache;
import org.clusterio.httpcache.SharedHttpCache;
import org.clusterio.io.SiteDirectory;
import org.clusterio.sessions.SharedSessions;
import org.clusterio.web.ServerReadiness;
import org.clusterio.web.StorageFilter;
import org.jboss.as.server.deployment.AttachmentKey;

/** What the deployment processors hand each other through the deployment unit. */
final class DeploymentAttachments {

    /** Every site, attached once a deployment that uses the IO service depends on them. */
    static final AttachmentKey<SiteDirectory> SITE_DIRECTORY = AttachmentKey.create(SiteDirectory.class);

    /** The subsystem's default site, attached with the sites. */
    static final AttachmentKey<IOService> DEFAULT_SITE = AttachmentKey.create(IOService.class);

    /** Every storage filter, attached with the sites. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    static final AttachmentKey<List<StorageFilter>> STORAGE_FILTERS = (AttachmentKey) AttachmentKey.create(List.class);

    /** Whether this server takes requests, attached with the sites for the readiness endpoint. */
    static final AttachmentKey<ServerReadiness> SERVER_READINESS = AttachmentKey.create(ServerReadiness.class);

    /** Every http-cache by name, attached once a deployment that uses HttpCache depends on them. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    static final AttachmentKey<Map<String, SharedHttpCache>> HTTP_CACHES = (AttachmentKey) AttachmentKey.create(Map.class);

    /** The persistence cache, attached once a deployment that uses it depends on it. */
    static final AttachmentKey<PersistenceCache> PERSISTENCE_CACHE = AttachmentKey.create(PersistenceCache.class);

    /** The sessions resource a web deployment shares its sessions through. */
    static final AttachmentKey<SharedSessions> SHARED_SESSIONS = AttachmentKey.create(SharedSessions.class);

    private DeploymentAttachments() {
    }
}
