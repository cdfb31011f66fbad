package org.clusterio.integrity;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.clusterio.logging.ClusterIOLogger;

/**
 * What a purge removes, and how carefully: only what was last written more than {@code olderThan} before the purge
 * started (the protect window), and nothing at all in a dry run.
 */
public record PurgeOptions(Set<PurgeTarget> what, Duration olderThan, boolean dryRun) {

    /** The protect window unless the call gives one: a day, the margin Oak's blob garbage collection keeps too. */
    public static final Duration DEFAULT_OLDER_THAN = Duration.ofHours(24);

    public PurgeOptions {
        if (olderThan.isNegative()) {
            throw ClusterIOLogger.INTEGRITY_LOGGER.negativeOlderThan(olderThan.toSeconds());
        }
        what = what.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(what));
    }
}
