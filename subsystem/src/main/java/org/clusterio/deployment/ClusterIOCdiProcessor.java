package org.clusterio.deployment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.clusterio.api.IOService;
import org.clusterio.api.PersistenceCache;
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
 * {@link ClusterIODependencyProcessor}). A deployment names its default site with the context parameter
 * {@value WebContextParameters#DEFAULT_SITE}; otherwise it is the subsystem's default-site. A deployment that names a
 * site the subsystem does not have fails to deploy.
 */
public final class ClusterIOCdiProcessor implements DeploymentUnitProcessor {

    @Override
    public void deploy(DeploymentPhaseContext phaseContext) throws DeploymentUnitProcessingException {
        DeploymentUnit unit = phaseContext.getDeploymentUnit();
        SiteDirectory sites = unit.getAttachment(DeploymentAttachments.SITE_DIRECTORY);
        PersistenceCache persistenceCache = unit.getAttachment(DeploymentAttachments.PERSISTENCE_CACHE);
        if (sites == null && persistenceCache == null) {
            return; // the deployment uses neither
        }
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
            weld.get().registerExtensionInstance(new ClusterIOCdiExtension(routing, qualified, persistenceCache), unit);
        }
    }

    private static IOService site(SiteDirectory sites, String name, DeploymentUnit unit, String namedBy) throws DeploymentUnitProcessingException {
        return sites.site(name).orElseThrow(() -> ClusterIOLogger.DEPLOYMENT_LOGGER.unknownSite(unit.getName(), name, namedBy, String.valueOf(sites.names())));
    }
}
