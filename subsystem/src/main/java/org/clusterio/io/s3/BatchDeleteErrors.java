package org.clusterio.io.s3;

import java.util.ArrayList;
import java.util.List;

import org.clusterio.logging.ClusterIOLogger;

import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * The keys that the DeleteObjects requests of one directory delete refused. S3 answers such a request with 200 even
 * when it deleted nothing: the keys it could not delete come back as errors in the response body, one per key, and
 * are lost unless read.
 */
final class BatchDeleteErrors {

    /** How many keys a message names: enough to see the pattern, bounded for a directory of thousands of objects. */
    static final int KEYS_NAMED = 10;

    private final List<String> named = new ArrayList<>();
    private int count;

    void add(DeleteObjectsResponse response) {
        if (!response.hasErrors()) {
            return;
        }
        for (S3Error error : response.errors()) {
            count++;
            if (named.size() < KEYS_NAMED) {
                named.add(error.key() + ": " + error.code() + (error.message() == null ? "" : " " + error.message()));
            }
        }
    }

    /** Logs and throws what was refused, when anything was. */
    void throwIfAny(String prefix, String bucket) {
        if (count == 0) {
            return;
        }
        String keys = String.join("; ", named) + (count > named.size() ? "; and " + (count - named.size()) + " more" : "");
        ClusterIOLogger.S3_LOGGER.batchDeleteRefused(bucket, count, prefix, keys);
        throw ClusterIOLogger.S3_LOGGER.batchDeleteFailed(prefix, bucket, count, keys);
    }
}
