package org.clusterio.deployment;

import java.util.List;

import org.clusterio.logging.ClusterIOLogger;
import org.clusterio.sessions.SessionLockingHandler;
import org.clusterio.sessions.SessionLocks;
import org.clusterio.sessions.SessionsMode;
import org.clusterio.sessions.SharedSessions;
import org.jboss.as.controller.capability.CapabilityServiceSupport;
import org.jboss.as.controller.capability.RuntimeCapability;
import org.jboss.as.server.deployment.Attachments;
import org.jboss.as.server.deployment.DeploymentPhaseContext;
import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.server.deployment.DeploymentUnitProcessingException;
import org.jboss.as.server.deployment.DeploymentUnitProcessor;
import org.jboss.as.web.common.WarMetaData;
import org.jboss.metadata.web.jboss.JBossWebMetaData;
import org.jboss.metadata.web.spec.SessionConfigMetaData;
import org.wildfly.clustering.web.service.session.DistributableSessionManagementProvider;
import org.wildfly.extension.clustering.web.deployment.DistributableWebDeploymentConfiguration;
import org.wildfly.extension.clustering.web.deployment.DistributableWebDeploymentDependencyProcessor;
import org.wildfly.extension.undertow.deployment.UndertowAttachments;

/**
 * Tells distributable-web which session management profile keeps a shared-session deployment's sessions (the one its
 * {@code sessions} resource names), unless the deployment chose one itself in {@code distributable-web.xml} or
 * {@code jboss-all.xml}; and in the locking mode, puts {@link SessionLockingHandler} first in its handler chain. Runs just
 * before distributable-web resolves the profile. distributable-web has no public API for this: the attachment it
 * reads is in its private module, hence this class's optional dependency on it.
 */
public final class SessionManagementProcessor implements DeploymentUnitProcessor {

    private static final String SESSION_MANAGEMENT_CAPABILITY = "org.wildfly.clustering.web.session-management-provider";

    private static final String DEFAULT_COOKIE = "JSESSIONID";

    /** Locks per deployment and node; a power of two. */
    private static final int LOCK_STRIPES = 1024;

    @Override
    public void deploy(DeploymentPhaseContext phaseContext) throws DeploymentUnitProcessingException {
        DeploymentUnit unit = phaseContext.getDeploymentUnit();
        SharedSessions sessions = unit.getAttachment(DeploymentAttachments.SHARED_SESSIONS);
        if (sessions == null) {
            return;
        }
        if (unit.getAttachment(DistributableWebDeploymentDependencyProcessor.CONFIGURATION_KEY) == null) {
            CapabilityServiceSupport support = unit.getAttachment(Attachments.CAPABILITY_SERVICE_SUPPORT);
            if (!support.hasCapability(RuntimeCapability.buildDynamicCapabilityName(SESSION_MANAGEMENT_CAPABILITY, sessions.sessionManagement()))) {
                throw new DeploymentUnitProcessingException("Deployment " + unit.getName() + " shares its sessions through sessions=" + sessions.name()
                        + ", whose session management '" + sessions.sessionManagement() + "' is not a profile of /subsystem=distributable-web; provision the cluster-io-ha layer, "
                        + "or set the session-management attribute to an existing profile");
            }
            unit.putAttachment(DistributableWebDeploymentDependencyProcessor.CONFIGURATION_KEY, new NamedProfile(sessions.sessionManagement()));
        }
        if (sessions.mode() == SessionsMode.LOCKING) {
            SessionLocks locks = new SessionLocks(LOCK_STRIPES);
            String cookieName = sessionCookieName(unit);
            unit.addToAttachmentList(UndertowAttachments.UNDERTOW_INITIAL_HANDLER_CHAIN_WRAPPERS, next -> new SessionLockingHandler(next, locks, cookieName));
        }
        ClusterIOLogger.ROOT_LOGGER.sharingSessions(unit.getName(), sessions.name(), sessions.mode().toString(), sessions.sessionManagement());
    }

    private static String sessionCookieName(DeploymentUnit unit) {
        JBossWebMetaData metaData = unit.getAttachment(WarMetaData.ATTACHMENT_KEY).getMergedJBossWebMetaData();
        SessionConfigMetaData config = metaData.getSessionConfig();
        if (config != null && config.getCookieConfig() != null && config.getCookieConfig().getName() != null) {
            return config.getCookieConfig().getName();
        }
        return DEFAULT_COOKIE;
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
