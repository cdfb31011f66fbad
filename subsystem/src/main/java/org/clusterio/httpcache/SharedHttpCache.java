package org.clusterio.httpcache;

import org.clusterio.api.HttpCache;
import org.clusterio.io.StoreChangeListener;

/**
 * An http-cache resource's running value: the applications' {@link HttpCache}, the listener that purges the tags of
 * the files its sites change, and the statistics that are the resource's metrics.
 */
public interface SharedHttpCache extends HttpCache, StoreChangeListener {

    PurgeStatistics statistics();
}
