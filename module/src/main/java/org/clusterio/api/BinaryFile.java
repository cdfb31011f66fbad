package org.clusterio.api;

import java.time.Instant;
import java.util.Objects;

/**
 * An immutable description of a stored binary file.
 *
 * @param id       the caller's id of the file, such as {@code images/a/b.jpg}
 * @param size     the size in bytes
 * @param mtime    when the file was stored (second precision is all the shared metadata keeps)
 * @param uri      the URI at which the file is served to browsers
 * @param mimeType the MIME type, {@code application/octet-stream} when unknown; an active type (see
 *                 {@link ServingPolicy#isActive}) only when the id's extension names it
 */
public record BinaryFile(String id, long size, Instant mtime, String uri, String mimeType) {

    public BinaryFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mtime, "mtime");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(mimeType, "mimeType");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
    }
}
