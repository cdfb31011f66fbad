package org.clusterio.deployment;

import org.clusterio.io.IOServiceDescriptors;
import org.jboss.as.controller.capability.CapabilityServiceSupport;
import org.jboss.as.server.deployment.Attachments;
import org.jboss.as.server.deployment.DeploymentPhaseContext;
import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.server.deployment.DeploymentUnitProcessor;
import org.jboss.as.ee.structure.DeploymentType;
import org.jboss.as.ee.structure.DeploymentTypeMarker;
import org.jboss.as.server.deployment.module.ModuleDependency;
import org.jboss.as.server.deployment.module.ModuleSpecification;
import org.jboss.modules.Module;

/**
 * Makes the API module visible to every deployment, and makes deployments whose classes use the IO service wait
 * for the sites, so that they never start without them.
 */
public final class ClusterIODependencyProcessor implements DeploymentUnitProcessor {

    static final String API_MODULE = "org.clusterio.api";

    @Override
    public void deploy(DeploymentPhaseContext phaseContext) {
        DeploymentUnit unit = phaseContext.getDeploymentUnit();
        ModuleSpecification moduleSpecification = unit.getAttachment(Attachments.MODULE_SPECIFICATION);
        ModuleDependency api = ModuleDependency.Builder.of(Module.getBootModuleLoader(), API_MODULE)
                .setImportServices(true)
                .setReason("cluster-io")
                .build();
        // Import META-INF too: its beans.xml makes the API module a bean archive of the deployment (see IOServiceBean).
        api.addImportFilter(path -> path.equals("META-INF"), true);
        moduleSpecification.addSystemDependency(api);

        // Web deployments may serve storage URIs through the storage filters, whatever their classes use.
        if (DeploymentIndex.of(unit).usesIOService() || DeploymentTypeMarker.isType(DeploymentType.WAR, unit)) {
            CapabilityServiceSupport support = unit.getAttachment(Attachments.CAPABILITY_SERVICE_SUPPORT);
            phaseContext.addDeploymentDependency(support.getCapabilityServiceName(IOServiceDescriptors.SITE_DIRECTORY), DeploymentAttachments.SITE_DIRECTORY);
        }
    }
}
