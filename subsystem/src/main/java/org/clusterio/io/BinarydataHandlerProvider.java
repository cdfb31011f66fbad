package org.clusterio.io;

/**
 * The value of a binarydata handler's capability: one configured store that several sites can share, each in its
 * own directory given by the handler's path template.
 */
@FunctionalInterface
public interface BinarydataHandlerProvider {

    /** @return the handler that stores the files of the given site */
    BinarydataHandler forSite(SiteLayout site);
}
