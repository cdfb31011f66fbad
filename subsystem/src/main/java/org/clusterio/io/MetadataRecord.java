package org.clusterio.io;

import java.time.Instant;
import java.util.Objects;

/**
 * A record as the metadata store holds it, soft-deleted ones included: what an integrity check compares with the
 * stored bytes. The legacy eZ Publish cluster deletes a row by setting {@code expired} and negating {@code mtime};
 * readers take either for a deleted row.
 *
 * @param name  the file's id within its site
 * @param size  the size in bytes the record claims
 * @param mtime the modification time in Unix seconds, as stored (negative for a legacy soft delete)
 * @param expired whether the row is flagged expired
 */
public record MetadataRecord(String name, long size, long mtime, boolean expired) {

    public MetadataRecord {
        Objects.requireNonNull(name, "name");
    }

    /** The record of a file that exists for readers. */
    public static MetadataRecord of(BinaryFileMetadata metadata) {
        return new MetadataRecord(metadata.name(), metadata.size(), metadata.mtime().getEpochSecond(), false);
    }

    /** @return whether readers take the record for a deleted file (PHP's {@code expired = 1 or mtime <= 0}) */
    public boolean softDeleted() {
        return expired || mtime <= 0;
    }

    /** @return when the file was last written: a soft delete keeps the time, negated */
    public Instant modified() {
        return Instant.ofEpochSecond(Math.abs(mtime));
    }
}
