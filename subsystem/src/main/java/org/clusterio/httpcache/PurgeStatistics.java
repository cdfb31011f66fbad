package org.clusterio.httpcache;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What an http-cache's purges did on this node since it started, per target request: a purge of one change to three
 * Varnish servers counts three. The resource's metrics.
 */
public final class PurgeStatistics {

    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder abandoned = new LongAdder();
    private final AtomicInteger pending = new AtomicInteger();

    /** @return purges a Varnish took (answered 200), at the first attempt or a retry */
    public long sent() {
        return sent.sum();
    }

    /** @return attempts that failed: unreachable, timed out, or not answered 200; every retry that fails counts again */
    public long failed() {
        return failed.sum();
    }

    /** @return retries made in the background */
    public long retried() {
        return retried.sum();
    }

    /** @return purges given up: every retry failed, or too many were waiting already */
    public long abandoned() {
        return abandoned.sum();
    }

    /** @return purges waiting for their next retry now */
    public int pending() {
        return pending.get();
    }

    void sent(boolean took) {
        (took ? sent : failed).increment();
    }

    void retrying() {
        retried.increment();
    }

    void abandoning() {
        abandoned.increment();
    }

    /** @return whether a purge may wait for a retry, fewer than the limit waiting; if so it counts as pending */
    boolean enqueue(int limit) {
        return pending.getAndUpdate(waiting -> waiting < limit ? waiting + 1 : waiting) < limit;
    }

    void dequeue() {
        pending.decrementAndGet();
    }
}
