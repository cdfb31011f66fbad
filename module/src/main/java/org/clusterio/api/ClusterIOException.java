package org.clusterio.api;

/** The root of the exceptions the IO service throws; all are unchecked. */
public class ClusterIOException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClusterIOException(String message) {
        super(message);
    }

    public ClusterIOException(String message, Throwable cause) {
        super(message, cause);
    }
}
