package org.clusterio.io;

/**
 * The running value of a metadata handler resource: one configured metadata store (a DFS table, or the binarydata
 * store itself) that several sites share. It opens a {@link MetadataHandler} per site, which does the IO.
 */
@FunctionalInterface
public interface MetadataStore {

    /**
     * @param binarydata the handler that stores the site's bytes, for metadata handlers that read the store itself
     * @return the handler that keeps the metadata of the given site
     */
    MetadataHandler forSite(SiteLayout site, BinarydataHandler binarydata);
}
