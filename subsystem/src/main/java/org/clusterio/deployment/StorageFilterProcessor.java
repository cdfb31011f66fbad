package org.clusterio.deployment;

import java.util.List;

import org.clusterio.io.SiteDirectory;
import org.clusterio.logging.ClusterIOLogger;
import org.clusterio.web.ReadinessHandler;
import org.clusterio.web.ServerReadiness;
import org.clusterio.web.StorageFilter;
import org.clusterio.web.StorageRequestHandler;
import org.jboss.as.server.deployment.DeploymentPhaseContext;
import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.server.deployment.DeploymentUnitProcessor;
import org.jboss.as.web.common.WarMetaData;
import org.wildfly.extension.undertow.deployment.UndertowAttachments;

/**
 * Puts the subsystem's storage filters in front of every web deployment: as the first handlers of its Undertow
 * chain, so that storage URIs are answered before any servlet, filter or security constraint of the application
 * (Ibexa DXP serves images without authentication too). No web.xml change is needed. In front of them, the readiness
 * endpoint that an HTTP cache's health probe asks ({@link ReadinessHandler}).
 */
public final class StorageFilterProcessor implements DeploymentUnitProcessor {

    @Override
    public void deploy(DeploymentPhaseContext phaseContext) {
        DeploymentUnit unit = phaseContext.getDeploymentUnit();
        SiteDirectory sites = unit.getAttachment(DeploymentAttachments.SITE_DIRECTORY);
        List<StorageFilter> filters = unit.getAttachment(DeploymentAttachments.STORAGE_FILTERS);
        if (sites == null || filters == null || unit.getAttachment(WarMetaData.ATTACHMENT_KEY) == null) {
            return;
        }
        ServerReadiness readiness = unit.getAttachment(DeploymentAttachments.SERVER_READINESS);
        if (readiness != null) {
            unit.addToAttachmentList(UndertowAttachments.UNDERTOW_INITIAL_HANDLER_CHAIN_WRAPPERS, next -> new ReadinessHandler(next, readiness));
            ClusterIOLogger.DEPLOYMENT_LOGGER.readinessInstalled(unit.getName(), ReadinessHandler.PATH);
        }
        for (StorageFilter filter : filters) {
            unit.addToAttachmentList(UndertowAttachments.UNDERTOW_INITIAL_HANDLER_CHAIN_WRAPPERS, next -> new StorageRequestHandler(next, filter, sites));
            ClusterIOLogger.DEPLOYMENT_LOGGER.storageFilterInstalled(unit.getName(), filter.name(), filter.sites().isEmpty() ? "all" : filter.sites().toString());
        }
    }
}
