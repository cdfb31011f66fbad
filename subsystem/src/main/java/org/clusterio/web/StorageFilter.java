package org.clusterio.web;

import java.util.Set;
import java.util.regex.Pattern;

import org.clusterio.api.ServingPolicy;

/**
 * A storage filter resource's running value: which request paths (inside the application, still percent-encoded) it
 * serves from the cluster storage, for which sites (all when none are named), and how long browsers and proxies may
 * cache them. Paths below {@code images-versioned/} name one version of an image for good, so they are also marked
 * immutable. The serving policy says which types a browser may render in place and which Content-Security-Policy
 * every response carries. Its statistics count the responses of every deployment it serves.
 */
public interface StorageFilter {

    /** Ibexa DXP's rewrite rule: image paths of any site's storage go to the application. */
    String DEFAULT_PATTERN = "^/var/([^/]+/)?storage/images(-versioned)?/.*";

    String name();

    Pattern pattern();

    long maxAge();

    long immutableMaxAge();

    boolean enabled();

    /** @return the names of the sites whose URIs the filter serves; empty for every site */
    Set<String> sites();

    ServingPolicy serving();

    /** @return what the filter answered since it started: its resource's metrics */
    ResponseStatistics statistics();

    static StorageFilter of(String name, Pattern pattern, long maxAge, long immutableMaxAge, boolean enabled, Set<String> sites, ServingPolicy serving) {
        return new StorageFilterSettings(name, pattern, maxAge, immutableMaxAge, enabled, sites, serving, new ResponseStatistics());
    }

    /** @return whether the filter serves the URIs of this site: every site when no sites are named */
    default boolean serves(String site) {
        return sites().isEmpty() || sites().contains(site);
    }

    /** @return the Cache-Control of a response to the path */
    default String cacheControl(String path) {
        return path.contains("/images-versioned/") ? "public, max-age=" + immutableMaxAge() + ", immutable" : "public, max-age=" + maxAge();
    }
}
