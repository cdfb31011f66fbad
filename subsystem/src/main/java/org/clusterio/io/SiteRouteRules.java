package org.clusterio.io;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** A site's route as configured: host names compared without case, a uri-prefix compared without trailing slash. */
record SiteRouteRules(Set<String> hosts, String uriPrefix) implements SiteRoute {

    SiteRouteRules {
        hosts = hosts.stream().map(host -> host.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        uriPrefix = uriPrefix == null || uriPrefix.equals("/") ? "" : uriPrefix.replaceAll("/+$", "");
    }
}
