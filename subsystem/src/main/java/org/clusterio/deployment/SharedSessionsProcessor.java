package org.clusterio.deployment;

import java.util.Optional;

import org.clusterio.logging.ClusterIOLogger;
import org.clusterio.spi.ClusterIOServiceDescriptor;
import org.jboss.as.controller.capability.CapabilityServiceSupport;
import org.jboss.as.controller.capability.RuntimeCapability;
import org.jboss.as.server.deployment.Attachments;
import org.jboss.as.server.deployment.DeploymentPhaseContext;
import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.server.deployment.DeploymentUnitProcessingException;
import org.jboss.as.server.deployment.DeploymentUnitProcessor;
import org.jboss.as.web.common.WarMetaData;
import org.jboss.metadata.javaee.spec.EmptyMetaData;
import org.jboss.metadata.web.jboss.JBossWebMetaData;

/**
 * Makes a web deployment distributable, as if its web.xml said {@code <distributable/>}, when the subsystem shares
 * sessions: with the {@code sessions} resource its context parameter {@value WebContextParameters#SESSIONS} names,
 * or {@code default}. A deployment opts out with the value {@value #NONE}; one that names a sessions resource the
 * subsystem does not have fails to deploy. Runs once web.xml and its fragments are merged, before anything reads
 * whether the deployment is distributable; {@link SessionManagementProcessor} then picks the session management.
 */
public final class SharedSessionsProcessor implements DeploymentUnitProcessor {

    /** The context parameter value that keeps a deployment's sessions on the node that created them. */
    static final String NONE = "none";

    static final String DEFAULT = "default";

    @Override
    public void deploy(DeploymentPhaseContext phaseContext) throws DeploymentUnitProcessingException {
        DeploymentUnit unit = phaseContext.getDeploymentUnit();
        WarMetaData war = unit.getAttachment(WarMetaData.ATTACHMENT_KEY);
        if (war == null || war.getMergedJBossWebMetaData() == null) {
            return;
        }
        Optional<String> named = WebContextParameters.of(unit, WebContextParameters.SESSIONS);
        String name = named.orElse(DEFAULT);
        if (NONE.equals(name)) {
            return;
        }
        CapabilityServiceSupport support = unit.getAttachment(Attachments.CAPABILITY_SERVICE_SUPPORT);
        if (!support.hasCapability(RuntimeCapability.buildDynamicCapabilityName(ClusterIOServiceDescriptor.SESSIONS.getName(), name))) {
            if (named.isPresent()) {
                throw ClusterIOLogger.DEPLOYMENT_LOGGER.unknownSessions(unit.getName(), name, WebContextParameters.SESSIONS, NONE);
            }
            return; // this server does not share sessions
        }
        JBossWebMetaData metaData = war.getMergedJBossWebMetaData();
        if (metaData.getDistributable() == null) {
            metaData.setDistributable(new EmptyMetaData());
        }
        phaseContext.addDeploymentDependency(support.getCapabilityServiceName(ClusterIOServiceDescriptor.SESSIONS, name), DeploymentAttachments.SHARED_SESSIONS);
    }
}
