package org.clusterio.io;

import java.util.Locale;
import java.util.Set;

/**
 * Which requests a site serves, the value each site publishes for the {@link SiteDirectory}. A request matches when
 * its host is one of {@code hosts} (any host when there are none) and its path is {@code uriPrefix} or starts with
 * {@code uriPrefix + "/"} (any path when empty). A route with neither rule matches no request: its site is used by
 * name or as a default only.
 */
public interface SiteRoute {

    /** @return the host names, in lower case; empty for any host */
    Set<String> hosts();

    /** @return the path prefix without trailing slash; empty for any path */
    String uriPrefix();

    /**
     * @param uriPrefix null or {@code /} for any path
     */
    static SiteRoute of(Set<String> hosts, String uriPrefix) {
        return new SiteRouteRules(hosts, uriPrefix);
    }

    default boolean matchesRequests() {
        return !hosts().isEmpty() || !uriPrefix().isEmpty();
    }

    default boolean matches(String host, String path) {
        boolean hostMatches = hosts().isEmpty() || (host != null && hosts().contains(host.toLowerCase(Locale.ROOT)));
        boolean pathMatches = uriPrefix().isEmpty() || (path != null && (path.equals(uriPrefix()) || path.startsWith(uriPrefix() + "/")));
        return hostMatches && pathMatches;
    }
}
