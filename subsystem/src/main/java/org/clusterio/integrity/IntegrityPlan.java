package org.clusterio.integrity;

import org.clusterio.io.SiteLayout;
import org.clusterio.logging.ClusterIOLogger;
import org.clusterio.migration.ConfiguredHandlers;
import org.clusterio.migration.HandlerPair;
import org.clusterio.migration.MigrationPlan;
import org.jboss.as.controller.OperationFailedException;

/**
 * A check or purge checked against the configuration before anything runs: the site whose files are walked (its
 * layout: where its records and bytes are), the handlers that hold them, and how.
 */
public record IntegrityPlan(SiteLayout site, HandlerPair handlers, IntegrityOptions options) {

    /** The operations' parameter that names the handlers. */
    public static final String HANDLERS_PARAMETER = "metadata-and-binarydata";

    /**
     * @param site     the site's name, as given or the default site
     * @param handlers {@code <metadata>,<binarydata>}, or null for the site's own handlers
     * @throws OperationFailedException naming the parameter, if the call names what is not configured
     */
    public static IntegrityPlan of(String site, String handlers, IntegrityOptions options, ConfiguredHandlers configured, MigrationPlan.Sites sites)
            throws OperationFailedException {
        MigrationPlan.Site found = sites.find(site).orElseThrow(() -> ClusterIOLogger.ROOT_LOGGER.unknownSite(site));
        HandlerPair pair = handlers == null ? found.handlers() : configured.parse(HANDLERS_PARAMETER, handlers);
        return new IntegrityPlan(found.layout(), pair, options);
    }
}
