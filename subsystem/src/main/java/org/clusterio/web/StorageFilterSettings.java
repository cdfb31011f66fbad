package org.clusterio.web;

import java.util.Set;
import java.util.regex.Pattern;

import org.clusterio.api.ServingPolicy;

/** The resolved attributes of one storage filter resource; see {@link StorageFilter}. */
record StorageFilterSettings(String name, Pattern pattern, long maxAge, long immutableMaxAge, boolean enabled, Set<String> sites,
        ServingPolicy serving, ResponseStatistics statistics) implements StorageFilter {

    StorageFilterSettings {
        sites = Set.copyOf(sites);
    }
}
