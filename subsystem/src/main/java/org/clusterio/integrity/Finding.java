package org.clusterio.integrity;

/** What an integrity check finds wrong between a site's records and its stored bytes, by its name in the reports. */
public enum Finding {
    /** A record readers see whose bytes are missing: reading the file fails. */
    ROWS_WITHOUT_BYTES("rows-without-bytes"),
    /** Stored bytes that no record names, not even a soft-deleted one: an orphan nobody reads. */
    BYTES_WITHOUT_ROW("bytes-without-row"),
    /** A record whose size is not the size of its stored bytes. */
    SIZE_MISMATCHES("size-mismatches"),
    /** A record the legacy eZ Publish cluster soft-deleted (expired = 1 or mtime <= 0) and nothing purged yet. */
    SOFT_DELETED_ROWS("soft-deleted-rows"),
    /** What a write killed before it published its file left behind (a temporary file, an unfinished upload). */
    TEMPORARY_LEFTOVERS("temporary-leftovers"),
    /** Stored bytes that no longer match the checksum the store recorded when they were written (with verify). */
    CHECKSUM_MISMATCHES("checksum-mismatches");

    private final String modelName;

    Finding(String modelName) {
        this.modelName = modelName;
    }

    /** @return the name in the operations' replies and the integrity-check attribute */
    public String modelName() {
        return modelName;
    }

    /** @return the name of the list of the first examples' ids */
    public String examplesName() {
        return modelName + "-examples";
    }
}
