package org.clusterio.io;

/** The value of a metadata handler's capability: one configured metadata store that several sites can share. */
@FunctionalInterface
public interface MetadataHandlerProvider {

    /**
     * @param binarydata the handler that stores the site's bytes, for metadata handlers that read the store itself
     * @return the handler that keeps the metadata of the given site
     */
    MetadataHandler forSite(SiteLayout site, BinarydataHandler binarydata);
}
