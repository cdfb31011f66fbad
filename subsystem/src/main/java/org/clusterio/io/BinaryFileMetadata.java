package org.clusterio.io;

import java.time.Instant;
import java.util.Objects;

/**
 * What the metadata handlers keep of a stored file.
 *
 * @param name     the file's id within its site
 * @param size     the size in bytes
 * @param mtime    when it was stored
 * @param mimeType its MIME type
 */
public record BinaryFileMetadata(String name, long size, Instant mtime, String mimeType) {

    public BinaryFileMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mtime, "mtime");
        Objects.requireNonNull(mimeType, "mimeType");
    }
}
