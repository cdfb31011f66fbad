package org.clusterio.io;

/** The operations of a site's IO service that its metrics count, each standing for the calls named. */
public enum IOOperation {
    /** {@code create}: storing a file, its bytes and its record. */
    CREATE,
    /** {@code load}, {@code find}, {@code loadByUri} and {@code mimeType}: reading a record. */
    LOAD,
    /** {@code exists}. */
    EXISTS,
    /** {@code open} and the storage filter's opening of the bytes it serves. */
    OPEN,
    /** {@code delete} and {@code deleteDirectory}. */
    DELETE
}
