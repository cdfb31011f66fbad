package org.clusterio.api;

/** An id or path was rejected before any storage was touched; the message says why. */
public class InvalidBinaryFileIdException extends ClusterIOException {

    private static final long serialVersionUID = 1L;

    public InvalidBinaryFileIdException(String message) {
        super(message);
    }
}
