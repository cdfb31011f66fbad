package org.clusterio.deployment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.clusterio.api.IOService;
import org.clusterio.io.RoutingIOService;
import org.clusterio.io.SiteDirectory;
import org.jboss.as.controller.capability.CapabilityServiceSupport;
import org.jboss.as.server.deployment.Attachments;
import org.jboss.as.server.deployment.DeploymentPhaseContext;
import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.server.deployment.DeploymentUnitProcessingException;
import org.jboss.as.server.deployment.DeploymentUnitProcessor;
import org.jboss.as.web.common.WarMetaData;
import org.jboss.as.weld.WeldCapability;
import org.jboss.metadata.javaee.spec.ParamValueMetaData;

/**
 * Gives CDI deployments their IO services: {@code @Inject IOService} routes to the site matching the request or to
 * the deployment's default site, and {@code @Inject @Site("name") IOService} gives one named site. A deployment
 * names its default site with the context parameter {@value #DEFAULT_SITE_PARAMETER}; otherwise it is the
 * subsystem's default-site. A deployment that names a site the subsystem does not have fails to deploy.
 */
public final class ClusterIOCdiProcessor implements DeploymentUnitProcessor {

    /** The web.xml context parameter that names a deployment's default site. */
    public static final String DEFAULT_SITE_PARAMETER = "org.clusterio.site";

    private static final String WELD_CAPABILITY = "org.wildfly.weld";

    @Override
    public void deploy(DeploymentPhaseContext phaseContext) throws DeploymentUnitProcessingException {
        DeploymentUnit unit = phaseContext.getDeploymentUnit();
        SiteDirectory sites = unit.getAttachment(DeploymentAttachments.SITE_DIRECTORY);
        if (sites == null) {
            return; // the deployment does not use the IO service
        }
        String defaultSite = contextParameter(unit, DEFAULT_SITE_PARAMETER).orElse(sites.defaultSite());
        IOService routing = new RoutingIOService(sites, site(sites, defaultSite, unit, "its context parameter " + DEFAULT_SITE_PARAMETER), ServletRequests::current);
        Map<String, IOService> qualified = new LinkedHashMap<>();
        for (String name : DeploymentIndex.of(unit).qualifiedSites()) {
            qualified.put(name, site(sites, name, unit, "@Site(\"" + name + "\")"));
        }

        CapabilityServiceSupport support = unit.getAttachment(Attachments.CAPABILITY_SERVICE_SUPPORT);
        Optional<WeldCapability> weld = support.getOptionalCapabilityRuntimeAPI(WELD_CAPABILITY, WeldCapability.class);
        if (weld.isPresent() && weld.get().isPartOfWeldDeployment(unit)) {
            weld.get().registerExtensionInstance(new IOServiceCdiExtension(routing, qualified), unit);
        }
    }

    private static IOService site(SiteDirectory sites, String name, DeploymentUnit unit, String namedBy) throws DeploymentUnitProcessingException {
        return sites.site(name).orElseThrow(() -> new DeploymentUnitProcessingException("Deployment " + unit.getName() + " uses the site '" + name
                + "' (by " + namedBy + "), but the cluster-io subsystem has no such site; its sites are " + sites.names()));
    }

    private static Optional<String> contextParameter(DeploymentUnit unit, String name) {
        WarMetaData war = unit.getAttachment(WarMetaData.ATTACHMENT_KEY);
        if (war == null || war.getMergedJBossWebMetaData() == null || war.getMergedJBossWebMetaData().getContextParams() == null) {
            return Optional.empty();
        }
        return war.getMergedJBossWebMetaData().getContextParams().stream()
                .filter(parameter -> name.equals(parameter.getParamName()))
                .map(ParamValueMetaData::getParamValue)
                .map(String::strip)
                .findFirst();
    }
}
