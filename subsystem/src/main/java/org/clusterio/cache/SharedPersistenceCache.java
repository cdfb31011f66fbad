package org.clusterio.cache;

import org.clusterio.api.PersistenceCache;

/**
 * A persistence-cache resource's running value: the applications' view of the cache, and the {@link SharedCache}
 * behind it, in which DFS metadata handlers keep their lookups and whose statistics are the resource's metrics.
 */
public interface SharedPersistenceCache extends PersistenceCache {

    /** @return the cache behind the applications' view, for the subsystem's own entries and its statistics */
    SharedCache shared();
}
