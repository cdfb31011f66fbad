package org.clusterio.io.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.clusterio.logging.ClusterIOLogger;

/**
 * How to reach a bucket: region, an optional endpoint override for S3-compatible stores, path-style addressing,
 * credentials (static, or the SDK's default provider chain when absent), the upload part size (uploads are read
 * one part at a time, so a part is all an upload holds in memory), timeouts, retries and checksum mode.
 *
 * @param checksumsWhenRequired send and validate checksums only when the operation requires them: some
 *                              S3-compatible stores reject the SDK's default request checksums
 */
public record S3Settings(String bucket, String region, Optional<URI> endpoint, boolean pathStyleAccess, Optional<StaticKeys> credentials,
        int partSize, Duration connectTimeout, Duration socketTimeout, int maxAttempts, boolean checksumsWhenRequired) {

    /** S3's smallest part size: every part of a multipart upload but the last must have at least this many bytes. */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    /**
     * The largest part size accepted. S3 takes parts of up to 5 GiB, but an upload holds its current part in memory,
     * so every concurrent upload of a large file takes this much heap: 512 MiB is already a lot of a server's heap.
     */
    public static final int MAX_PART_SIZE = 512 * 1024 * 1024;

    /** Static credentials (in WildFly: from a credential reference). */
    public record StaticKeys(String accessKeyId, String secretAccessKey) {
        public StaticKeys {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        }

        @Override
        public String toString() {
            return "StaticKeys[" + accessKeyId + ", ***]"; // never log the secret
        }
    }

    public S3Settings {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(region, "region");
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw ClusterIOLogger.S3_LOGGER.partSizeOutOfRange(MIN_PART_SIZE, MAX_PART_SIZE, partSize);
        }
        if (maxAttempts < 1) {
            throw ClusterIOLogger.S3_LOGGER.tooFewAttempts(maxAttempts);
        }
    }
}
