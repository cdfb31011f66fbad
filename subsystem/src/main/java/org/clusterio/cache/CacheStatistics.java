package org.clusterio.cache;

import java.util.concurrent.atomic.LongAdder;

/** What one node's lookups in a shared cache found, since the node started; read by the management metrics. */
public final class CacheStatistics {

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder invalidations = new LongAdder();

    void hit() {
        hits.increment();
    }

    void miss() {
        misses.increment();
    }

    void invalidated(int count) {
        invalidations.add(count);
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    /** @return the keys and tags this node invalidated, and the clears it asked for */
    public long invalidations() {
        return invalidations.sum();
    }
}
