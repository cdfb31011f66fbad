package org.clusterio.migration;

import java.util.Optional;

import org.clusterio.io.SiteLayout;
import org.clusterio.logging.ClusterIOLogger;
import org.jboss.as.controller.OperationFailedException;

/**
 * A migration checked against the configuration before anything runs: the site, the handlers it copies from and
 * to, and how. Ibexa DXP's defaults: {@code from} is the site's own pair, {@code to} the first other handler of each
 * kind.
 */
public record MigrationPlan(SiteLayout site, HandlerPair from, HandlerPair to, FileMigration.Options options) {

    /** A configured site, as far as a migration needs it: where its files are, and its own handlers. */
    public record Site(SiteLayout layout, HandlerPair handlers) {
    }

    /** The configured sites, by name. */
    @FunctionalInterface
    public interface Sites {

        /** @return the site, or empty if none has this name */
        Optional<Site> find(String name) throws OperationFailedException;
    }

    /** @throws OperationFailedException naming the parameter, if the request names what is not configured or asks for nothing */
    public static MigrationPlan of(MigrationRequest request, ConfiguredHandlers handlers, Sites sites) throws OperationFailedException {
        Site site = sites.find(request.site()).orElseThrow(() -> ClusterIOLogger.ROOT_LOGGER.unknownSite(request.site()));
        HandlerPair from = request.from() == null ? site.handlers() : handlers.parse("from", request.from());
        HandlerPair to = request.to() == null ? handlers.otherThan(from) : handlers.parse("to", request.to());
        if (from.equals(to)) {
            throw ClusterIOLogger.ROOT_LOGGER.nothingToMigrate(from.toString());
        }
        return new MigrationPlan(site.layout(), from, to, request.options());
    }
}
