package org.clusterio.io;

import org.clusterio.api.IOBackendException;

/**
 * A metadata write that certainly did not happen: it failed before the write could reach the store, or the store
 * rolled it back. Only then may a caller undo what it did for the write, such as storing the binary the record
 * would have named. Any other failure of a {@link MetadataHandler} write leaves its outcome unknown (a commit whose
 * acknowledgement was lost may still have committed), and the caller must act as if the record exists.
 */
public final class MetadataNotWrittenException extends IOBackendException {

    private static final long serialVersionUID = 1L;

    /** @param failure what the handler would otherwise have thrown; its message is kept */
    public MetadataNotWrittenException(IOBackendException failure) {
        super(failure.getMessage(), failure);
    }

    /** @return what the handler would otherwise have thrown, for the caller's own callers */
    public IOBackendException failure() {
        return (IOBackendException) getCause();
    }
}
