package org.clusterio.integrity;

import java.util.Arrays;
import java.util.Optional;

/** What {@code :purge} may remove, by its name in the operation's {@code what}. */
public enum PurgeTarget {
    /** Stored bytes that no record names. */
    ORPHAN_FILES("orphan-files"),
    /** Soft-deleted records and their bytes, records first (the order of eZ Publish legacy's clusterpurge.php). */
    SOFT_DELETED("soft-deleted"),
    /** Records whose bytes are missing. */
    ORPHAN_ROWS("orphan-rows");

    private final String modelName;

    PurgeTarget(String modelName) {
        this.modelName = modelName;
    }

    public String modelName() {
        return modelName;
    }

    /** @return the target of this name in {@code what}, if there is one */
    public static Optional<PurgeTarget> of(String modelName) {
        return Arrays.stream(values()).filter(target -> target.modelName.equals(modelName)).findFirst();
    }
}
