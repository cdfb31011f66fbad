package org.clusterio.io.s3;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.clusterio.logging.ClusterIOLogger;

/**
 * How many parts of one multipart upload are sent at once, and the heap that costs: the reader fills one part while
 * up to {@link #CONCURRENT_PARTS} others are on their way, so an upload holds at most {@code part-size × 5}
 * (4 in flight and the one being filled), whatever the size of the content. The reader blocks when all the parts
 * in flight are still on their way (back-pressure: a fast client does not fill the heap faster than S3 takes it).
 *
 * <p>That budget is fitted to the heap when the handler starts: one upload takes at most a quarter of the maximum
 * heap ({@link #HEAP_SHARE}), so a large part size on a small heap sends fewer parts at once, and one that leaves no
 * room for two parts sends them one at a time as before (one part held), with a warning (CLUSTERIO0481).</p>
 */
final class PartUploads {

    /** Parts of one upload in flight at once, at most: on S3 and S3Proxy alike four keep the link busy. */
    static final int CONCURRENT_PARTS = 4;

    /** One upload holds at most the maximum heap divided by this. */
    static final int HEAP_SHARE = 4;

    private final int partsInFlight;
    private final int partSize;
    private final ExecutorService senders;

    private PartUploads(int partsInFlight, int partSize, ExecutorService senders) {
        this.partsInFlight = partsInFlight;
        this.partSize = partSize;
        this.senders = senders;
    }

    /** The parts in flight for this part size and heap: 0 (one at a time, on the reader's thread) to {@link #CONCURRENT_PARTS}. */
    static int partsInFlight(int partSize, long maxHeap) {
        long partsHeld = Math.min(CONCURRENT_PARTS + 1, maxHeap / HEAP_SHARE / partSize);
        return (int) Math.max(0, partsHeld - 1);
    }

    /** Fits the parts in flight to the JVM's maximum heap and states the budget in the log. */
    static PartUploads forHeap(String bucket, int partSize, long maxHeap) {
        int inFlight = partsInFlight(partSize, maxHeap);
        PartUploads uploads = new PartUploads(inFlight, partSize, inFlight == 0 ? null : senders(bucket));
        if (inFlight == 0) {
            ClusterIOLogger.S3_LOGGER.s3UploadSequential(bucket, partSize, maxHeap, uploads.budget());
        } else {
            ClusterIOLogger.S3_LOGGER.s3UploadBudget(bucket, inFlight, partSize, uploads.budget(), maxHeap);
        }
        return uploads;
    }

    /** Parts sent one at a time by the reader, as before parallel parts: for comparisons. */
    static PartUploads oneAtATime(int partSize) {
        return new PartUploads(0, partSize, null);
    }

    /**
     * Threads that send parts, created as uploads need them and ended after a minute unused. Their context class
     * loader is the handler's, not that of the deployment whose request happened to start them.
     */
    private static ExecutorService senders(String bucket) {
        AtomicInteger count = new AtomicInteger();
        ClassLoader loader = PartUploads.class.getClassLoader();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "cluster-io-s3-" + bucket + "-part-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            return thread;
        };
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    }

    int partsInFlight() {
        return partsInFlight;
    }

    /** The most heap one upload holds: the parts in flight and the one being filled. */
    long budget() {
        return (long) partSize * (partsInFlight + 1);
    }

    /** Where the parts are sent from; {@code null} when they are sent one at a time by the reader. */
    ExecutorService senders() {
        return senders;
    }

    void close() {
        if (senders != null) {
            senders.shutdown();
        }
    }
}
