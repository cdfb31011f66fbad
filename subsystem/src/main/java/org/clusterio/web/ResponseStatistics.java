package org.clusterio.web;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one storage filter answered since it started, over every deployment it serves: responses by status class, and
 * the body bytes sent. Counted when an exchange completes, so a 200 counts the bytes the client was actually sent.
 * Adders, not locks: every request updates them.
 */
public final class ResponseStatistics {

    private final LongAdder[] byClass = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
    private final LongAdder bytesSent = new LongAdder();

    /** @return the responses of the class (2 for 2xx ... 5 for 5xx) */
    public long responses(int statusClass) {
        return byClass[statusClass - 1].sum();
    }

    /** @return the bytes of the response bodies sent */
    public long bytesSent() {
        return bytesSent.sum();
    }

    void completed(int status, long bodyBytes) {
        int statusClass = status / 100;
        if (statusClass >= 1 && statusClass <= byClass.length) {
            byClass[statusClass - 1].increment();
        }
        bytesSent.add(Math.max(bodyBytes, 0));
    }
}
