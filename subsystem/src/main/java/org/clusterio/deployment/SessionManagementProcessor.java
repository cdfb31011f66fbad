package org.clusterio.deployment;

import java.util.List;

import io.undertow.server.HandlerWrapper;

import org.clusterio.logging.ClusterIOLogger;
import org.clusterio.sessions.SessionLockingHandler;
import org.clusterio.sessions.SessionLocks;
import org.clusterio.sessions.SessionsMode;
import org.clusterio.sessions.SharedSessions;
import org.clusterio.sessions.UndertowDeploymentSessions;
import org.clusterio.spi.WildFlyServiceDescriptor;
import org.jboss.as.controller.capability.CapabilityServiceSupport;
import org.jboss.as.controller.capability.RuntimeCapability;
import org.jboss.as.server.deployment.AttachmentList;
import org.jboss.as.server.deployment.Attachments;
import org.jboss.as.server.deployment.DeploymentPhaseContext;
import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.server.deployment.DeploymentUnitProcessingException;
import org.jboss.as.server.deployment.DeploymentUnitProcessor;
import org.wildfly.clustering.web.service.session.DistributableSessionManagementProvider;
import org.wildfly.extension.clustering.web.deployment.DistributableWebDeploymentConfiguration;
import org.wildfly.extension.clustering.web.deployment.DistributableWebDeploymentDependencyProcessor;
import org.wildfly.extension.undertow.deployment.UndertowAttachments;

/**
 * Tells distributable-web which session management profile keeps a shared-session deployment's sessions (the one its
 * {@code sessions} resource names), unless the deployment chose one itself in {@code distributable-web.xml} or
 * {@code jboss-all.xml}; and in the locking mode, puts {@link SessionLockingHandler} in its initial handler chain. Runs just
 * before distributable-web resolves the profile. distributable-web has no public API for this: the attachment it
 * reads is in its private module, hence this class's optional dependency on it.
 */
public final class SessionManagementProcessor implements DeploymentUnitProcessor {

    @Override
    public void deploy(DeploymentPhaseContext phaseContext) throws DeploymentUnitProcessingException {
        DeploymentUnit unit = phaseContext.getDeploymentUnit();
        SharedSessions sessions = unit.getAttachment(DeploymentAttachments.SHARED_SESSIONS);
        if (sessions == null) {
            return;
        }
        if (unit.getAttachment(DistributableWebDeploymentDependencyProcessor.CONFIGURATION_KEY) == null) {
            CapabilityServiceSupport support = unit.getAttachment(Attachments.CAPABILITY_SERVICE_SUPPORT);
            if (!support.hasCapability(RuntimeCapability.resolveCapabilityName(WildFlyServiceDescriptor.SESSION_MANAGEMENT_PROVIDER, sessions.sessionManagement()))) {
                throw ClusterIOLogger.DEPLOYMENT_LOGGER.unknownSessionManagement(unit.getName(), sessions.name(), sessions.sessionManagement());
            }
            unit.putAttachment(DistributableWebDeploymentDependencyProcessor.CONFIGURATION_KEY, new NamedProfile(sessions.sessionManagement()));
        }
        if (sessions.mode() == SessionsMode.LOCKING) {
            installLocking(unit);
        }
        ClusterIOLogger.SESSIONS_LOGGER.sharingSessions(unit.getName(), sessions.name(), sessions.mode().name(), sessions.sessionManagement());
    }

    /**
     * Puts {@link SessionLockingHandler} innermost among the deployment's initial handlers, however many other
     * processors append theirs and in whatever phase: Undertow wraps the handlers in list order, the first one of the
     * list being the last to run before the servlet machinery. The storage filters thus answer their requests
     * before any session lock is looked at.
     */
    private static void installLocking(DeploymentUnit unit) {
        UndertowDeploymentSessions deploymentSessions = new UndertowDeploymentSessions();
        SessionLocks locks = new SessionLocks();
        unit.addToAttachmentList(UndertowAttachments.UNDERTOW_SERVLET_EXTENSIONS, deploymentSessions);
        HandlerWrapper locking = next -> new SessionLockingHandler(next, locks, deploymentSessions);
        AttachmentList<HandlerWrapper> initial = unit.getAttachment(UndertowAttachments.UNDERTOW_INITIAL_HANDLER_CHAIN_WRAPPERS);
        if (initial == null) {
            unit.addToAttachmentList(UndertowAttachments.UNDERTOW_INITIAL_HANDLER_CHAIN_WRAPPERS, locking);
        } else {
            initial.add(0, locking);
        }
    }

    /** What a {@code <session-management name="..."/>} in distributable-web.xml would say. */
    private record NamedProfile(String getSessionManagementName) implements DistributableWebDeploymentConfiguration {

        @Override
        public DistributableSessionManagementProvider getSessionManagementProvider() {
            return null;
        }

        @Override
        public List<String> getImmutableClasses() {
            return List.of();
        }
    }
}
