package org.clusterio.io;

import java.util.Collection;
import java.util.Optional;

import org.clusterio.api.IOService;

/**
 * The value of the subsystem's site-directory capability: every configured site by name, by request (Ibexa DXP's
 * SiteAccess matching, over each site's {@link SiteRoute}) and by URI. What deployments need of the subsystem's sites;
 * it changes only with a reload, as the sites do.
 */
public interface SiteDirectory {

    Optional<IOService> site(String name);

    Collection<String> names();

    /**
     * @param host the request's host name, without port
     * @param path the request's path inside the application
     * @return the site whose route matches the request, the most specific route first; empty when none does
     */
    Optional<IOService> match(String host, String path);

    /**
     * @return the site whose url-prefix the URI starts with (the longest such prefix), and the id the URI names
     * @throws org.clusterio.api.InvalidBinaryFileIdException if that rest is not validly percent-encoded
     */
    Optional<SiteUri> byUri(String uri);
}
