package org.clusterio.api;

/** The storage behind the IO service (file system, database, object store) failed or could not be reached. */
public class IOBackendException extends ClusterIOException {

    private static final long serialVersionUID = 1L;

    public IOBackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
