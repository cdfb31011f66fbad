package org.clusterio.migration;

/** One side of a migration by name: a metadata handler and a binarydata handler, as {@code dfs,nfs}. */
public record HandlerPair(String metadata, String binarydata) {

    /** @return {@code <metadata>,<binarydata>}, the form the operation takes and the log shows */
    @Override
    public String toString() {
        return metadata + "," + binarydata;
    }
}
