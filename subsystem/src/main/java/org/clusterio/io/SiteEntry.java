package org.clusterio.io;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.clusterio.api.IOService;

/**
 * A site in the {@link SiteDirectory}: its IO service, and the rules that match a request to it. A request matches
 * when its host is one of {@code hosts} (any host when there are none) and its path is {@code uriPrefix} or starts
 * with {@code uriPrefix + "/"} (any path when empty). A site with neither rule matches no request: it is used by
 * name or as a default only.
 */
public record SiteEntry(String name, IOService service, Set<String> hosts, String uriPrefix) {

    public SiteEntry {
        hosts = hosts.stream().map(host -> host.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        uriPrefix = uriPrefix == null || uriPrefix.equals("/") ? "" : uriPrefix.replaceAll("/+$", "");
    }

    boolean matchesRequests() {
        return !hosts.isEmpty() || !uriPrefix.isEmpty();
    }

    boolean matches(String host, String path) {
        boolean hostMatches = hosts.isEmpty() || (host != null && hosts.contains(host.toLowerCase(Locale.ROOT)));
        boolean pathMatches = uriPrefix.isEmpty() || (path != null && (path.equals(uriPrefix) || path.startsWith(uriPrefix + "/")));
        return hostMatches && pathMatches;
    }
}
