package org.clusterio.web;

import java.util.regex.Pattern;

import org.clusterio.api.ServingPolicy;

/**
 * A storage filter: which request paths (inside the application, still percent-encoded) it serves from the cluster
 * storage, for which sites (all when none are named), and how long browsers and proxies may cache them. Paths below {@code images-versioned/} name one
 * version of an image for good, so they are also marked immutable. The serving policy says which types a browser may
 * render in place and which Content-Security-Policy every response carries.
 */
public record StorageFilterConfig(String name, Pattern pattern, long maxAge, long immutableMaxAge, boolean enabled, java.util.Set<String> sites,
        ServingPolicy serving) {

    /** Ibexa DXP's rewrite rule: image paths of any site's storage go to the application. */
    public static final String DEFAULT_PATTERN = "^/var/([^/]+/)?storage/images(-versioned)?/.*";

    public StorageFilterConfig {
        sites = java.util.Set.copyOf(sites);
    }

    /** @return whether the filter serves the URIs of this site: every site when no sites are named */
    boolean serves(String site) {
        return sites.isEmpty() || sites.contains(site);
    }

    String cacheControl(String path) {
        return path.contains("/images-versioned/") ? "public, max-age=" + immutableMaxAge + ", immutable" : "public, max-age=" + maxAge;
    }
}
