package org.clusterio.api;

/** No file is stored under the requested id. */
public class BinaryFileNotFoundException extends ClusterIOException {

    private static final long serialVersionUID = 1L;

    private final String id;

    public BinaryFileNotFoundException(String id) {
        super("No binary file is stored under the id '" + id + "'");
        this.id = id;
    }

    /** @return the id that was looked up */
    public String getId() {
        return id;
    }
}
