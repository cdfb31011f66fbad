package org.clusterio.integrity;

import org.clusterio.logging.ClusterIOLogger;

/**
 * How to walk a site's records and bytes: records and files read per page (and looked up per batch), and whether to
 * read the bytes to compare them with the checksums the store keeps.
 */
public record IntegrityOptions(int bulkCount, boolean verify) {

    public IntegrityOptions {
        if (bulkCount < 1) {
            throw ClusterIOLogger.INTEGRITY_LOGGER.invalidBulkCount(bulkCount);
        }
    }
}
