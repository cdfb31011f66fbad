package org.clusterio.deployment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.clusterio.api.HttpCache;
import org.clusterio.api.IOService;
import org.clusterio.api.PersistenceCache;
import org.clusterio.httpcache.SharedHttpCache;
import org.clusterio.io.RoutingIOService;
import org.clusterio.io.SiteDirectory;
import org.clusterio.logging.ClusterIOLogger;
import org.jboss.as.controller.capability.CapabilityServiceSupport;
import org.jboss.as.server.deployment.Attachments;
import org.jboss.as.server.deployment.DeploymentPhaseContext;
import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.server.deployment.DeploymentUnitProcessingException;
import org.jboss.as.server.deployment.DeploymentUnitProcessor;
import org.jboss.as.weld.Capabilities;
import org.jboss.as.weld.WeldCapability;

/**
 * Gives CDI deployments their IO services and persistence cache: {@code @Inject IOService} routes to the site matching
 * the request or to the deployment's default site, {@code @Inject @Site("name") IOService} gives one named site, and
 * {@code @Inject PersistenceCache} the persistence cache the deployment depends on (see
 * {@link ClusterIODependencyProcessor}), {@code @Inject HttpCache} the http-cache named by the context parameter
 * {@value WebContextParameters#HTTP_CACHE} or else the subsystem's only one. A deployment names its default site with the context parameter
 * {@value WebContextParameters#DEFAULT_SITE}; otherwise it is the subsystem's default-site. A deployment that names a
 * site the subsystem does not have fails to deploy.
 */
public final class ClusterIOCdiProcessor implements DeploymentUnitProcessor {

    @Override
    public void deploy(DeploymentPhaseContext phaseContext) throws DeploymentUnitProcessingException {
        DeploymentUnit unit = phaseContext.getDeploymentUnit();
        SiteDirectory sites = unit.getAttachment(DeploymentAttachments.SITE_DIRECTORY);
        PersistenceCache persistenceCache = unit.getAttachment(DeploymentAttachments.PERSISTENCE_CACHE);
        Map<String, SharedHttpCache> httpCaches = unit.getAttachment(DeploymentAttachments.HTTP_CACHES);
        if (sites == null && persistenceCache == null && httpCaches == null) {
            return; // the deployment uses none of them
        }
        HttpCache httpCache = httpCaches == null ? null : httpCache(httpCaches, unit);
        IOService routing = null;
        Map<String, IOService> qualified = new LinkedHashMap<>();
        if (sites != null) {
            Optional<String> named = WebContextParameters.of(unit, WebContextParameters.DEFAULT_SITE);
            IOService defaultSite = named.isPresent() ? site(sites, named.get(), unit, "its context parameter " + WebContextParameters.DEFAULT_SITE)
                    : unit.getAttachment(DeploymentAttachments.DEFAULT_SITE);
            routing = new RoutingIOService(sites, defaultSite, ServletRequests::current);
            for (String name : DeploymentIndex.of(unit).qualifiedSites()) {
                qualified.put(name, site(sites, name, unit, "@Site(\"" + name + "\")"));
            }
            ClusterIOLogger.DEPLOYMENT_LOGGER.deploymentSites(unit.getName(), defaultSite.siteName(),
                    named.isPresent() ? "by its context parameter " + WebContextParameters.DEFAULT_SITE : "the subsystem's default-site", qualified.keySet().toString());
        }

        CapabilityServiceSupport support = unit.getAttachment(Attachments.CAPABILITY_SERVICE_SUPPORT);
        Optional<WeldCapability> weld = support.getOptionalCapabilityRuntimeAPI(Capabilities.WELD_CAPABILITY_NAME, WeldCapability.class);
        if (weld.isPresent() && weld.get().isPartOfWeldDeployment(unit)) {
            weld.get().registerExtensionInstance(new ClusterIOCdiExtension(routing, qualified, persistenceCache, httpCache), unit);
        }
    }

    /** The one named by the context parameter, or else the subsystem's only one. */
    private static HttpCache httpCache(Map<String, SharedHttpCache> caches, DeploymentUnit unit) throws DeploymentUnitProcessingException {
        Optional<String> named = WebContextParameters.of(unit, WebContextParameters.HTTP_CACHE);
        HttpCache cache;
        if (named.isPresent()) {
            cache = caches.get(named.get());
            if (cache == null) {
                throw ClusterIOLogger.DEPLOYMENT_LOGGER.unknownHttpCache(unit.getName(), named.get(), WebContextParameters.HTTP_CACHE, String.valueOf(caches.keySet()));
            }
        } else if (caches.size() == 1) {
            cache = caches.values().iterator().next();
        } else {
            throw ClusterIOLogger.DEPLOYMENT_LOGGER.noHttpCacheChosen(unit.getName(), caches.isEmpty() ? "no http-cache" : "several: " + caches.keySet(),
                    WebContextParameters.HTTP_CACHE);
        }
        ClusterIOLogger.DEPLOYMENT_LOGGER.deploymentHttpCache(unit.getName(), cache.name());
        return cache;
    }

    private static IOService site(SiteDirectory sites, String name, DeploymentUnit unit, String namedBy) throws DeploymentUnitProcessingException {
        return sites.site(name).orElseThrow(() -> ClusterIOLogger.DEPLOYMENT_LOGGER.unknownSite(unit.getName(), name, namedBy, String.valueOf(sites.names())));
    }
}
