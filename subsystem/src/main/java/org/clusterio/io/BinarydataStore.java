package org.clusterio.io;

/**
 * The running value of a binarydata handler resource: one configured store (a directory, a bucket) that several sites
 * share, each in its own directory given by the handler's path template. It opens a {@link BinarydataHandler} per site,
 * which does the IO.
 */
@FunctionalInterface
public interface BinarydataStore {

    /** @return the handler that stores the files of the given site */
    BinarydataHandler forSite(SiteLayout site);
}
