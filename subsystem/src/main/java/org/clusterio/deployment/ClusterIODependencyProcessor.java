package org.clusterio.deployment;

import org.clusterio.logging.ClusterIOLogger;
import org.clusterio.spi.ClusterIOServiceDescriptor;
import org.jboss.as.controller.capability.CapabilityServiceSupport;
import org.jboss.as.server.deployment.Attachments;
import org.jboss.as.server.deployment.DeploymentPhaseContext;
import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.server.deployment.DeploymentUnitProcessingException;
import org.jboss.as.server.deployment.DeploymentUnitProcessor;
import org.jboss.as.controller.capability.RuntimeCapability;
import org.jboss.as.ee.structure.DeploymentType;
import org.jboss.as.ee.structure.DeploymentTypeMarker;
import org.jboss.as.server.deployment.module.ModuleDependency;
import org.jboss.as.server.deployment.module.ModuleSpecification;
import org.jboss.modules.Module;

/**
 * Makes the API module visible to every deployment, and makes deployments whose classes use the IO service or the
 * caches wait for them, so that they never start without them. A deployment uses the persistence cache
 * named by its context parameter {@value WebContextParameters#PERSISTENCE_CACHE}, or {@code default}; one that uses a
 * persistence cache the subsystem does not have fails to deploy.
 */
public final class ClusterIODependencyProcessor implements DeploymentUnitProcessor {

    static final String API_MODULE = "org.clusterio.api";

    static final String DEFAULT_PERSISTENCE_CACHE = "default";

    @Override
    public void deploy(DeploymentPhaseContext phaseContext) throws DeploymentUnitProcessingException {
        DeploymentUnit unit = phaseContext.getDeploymentUnit();
        ModuleSpecification moduleSpecification = unit.getAttachment(Attachments.MODULE_SPECIFICATION);
        ModuleDependency api = ModuleDependency.Builder.of(Module.getBootModuleLoader(), API_MODULE)
                .setImportServices(true)
                .setReason("cluster-io")
                .build();
        // Import META-INF too: its beans.xml makes the API module a bean archive of the deployment (see ServerValueBean).
        api.addImportFilter(path -> path.equals("META-INF"), true);
        moduleSpecification.addSystemDependency(api);

        CapabilityServiceSupport support = unit.getAttachment(Attachments.CAPABILITY_SERVICE_SUPPORT);
        DeploymentIndex index = DeploymentIndex.of(unit);
        // Web deployments may serve storage URIs through the storage filters, whatever their classes use.
        if (index.usesIOService() || DeploymentTypeMarker.isType(DeploymentType.WAR, unit)) {
            phaseContext.addDeploymentDependency(support.getCapabilityServiceName(ClusterIOServiceDescriptor.SITE_DIRECTORY), DeploymentAttachments.SITE_DIRECTORY);
            phaseContext.addDeploymentDependency(support.getCapabilityServiceName(ClusterIOServiceDescriptor.DEFAULT_SITE), DeploymentAttachments.DEFAULT_SITE);
            phaseContext.addDeploymentDependency(support.getCapabilityServiceName(ClusterIOServiceDescriptor.STORAGE_FILTERS), DeploymentAttachments.STORAGE_FILTERS);
            phaseContext.addDeploymentDependency(support.getCapabilityServiceName(ClusterIOServiceDescriptor.SERVER_READINESS), DeploymentAttachments.SERVER_READINESS);
        }
        if (index.usesHttpCache()) {
            // which one is chosen once they are attached (ClusterIOCdiProcessor): the subsystem's only one needs its name
            phaseContext.addDeploymentDependency(support.getCapabilityServiceName(ClusterIOServiceDescriptor.HTTP_CACHES), DeploymentAttachments.HTTP_CACHES);
        }
        if (index.usesPersistenceCache()) {
            String name = WebContextParameters.of(unit, WebContextParameters.PERSISTENCE_CACHE).orElse(DEFAULT_PERSISTENCE_CACHE);
            if (!support.hasCapability(RuntimeCapability.buildDynamicCapabilityName(ClusterIOServiceDescriptor.PERSISTENCE_CACHE.getName(), name))) {
                throw ClusterIOLogger.DEPLOYMENT_LOGGER.unknownPersistenceCache(unit.getName(), name, WebContextParameters.PERSISTENCE_CACHE);
            }
            phaseContext.addDeploymentDependency(support.getCapabilityServiceName(ClusterIOServiceDescriptor.PERSISTENCE_CACHE, name), DeploymentAttachments.PERSISTENCE_CACHE);
            ClusterIOLogger.DEPLOYMENT_LOGGER.deploymentPersistenceCache(unit.getName(), name);
        }
    }
}
