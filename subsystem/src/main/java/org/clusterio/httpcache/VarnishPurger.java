package org.clusterio.httpcache;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.clusterio.api.BinaryFileIds;
import org.clusterio.api.IOService;
import org.clusterio.logging.ClusterIOLogger;

/**
 * Purges the Varnish servers of an http-cache resource with the shipped VCL's protocol: every purge goes to every
 * target at once, and returns when each has answered or failed, so that a change's caller waits at most one connect
 * and one request timeout, however many targets there are. A purge a target does not take is logged (a warning when
 * the target stops answering, then debug), counted, and tried again in the background with a doubling backoff, up to
 * the resource's {@code retries}; at most {@value #MAX_PENDING} wait at once. Nothing here throws at a caller because
 * a cache is down: the write it purges for is done.
 */
public final class VarnishPurger implements SharedHttpCache {

    static final int MAX_PENDING = 10_000;
    private static final int MAX_SENDERS = 64;

    private final HttpCacheSettings settings;
    private final List<PurgeTarget> targets;
    private final PurgeStatistics statistics = new PurgeStatistics();
    private final ThreadPoolExecutor senders;
    private final ScheduledThreadPoolExecutor retries;

    public VarnishPurger(HttpCacheSettings settings) {
        if (settings.secret().chars().anyMatch(c -> c < ' ' || c >= 0x7f)) {
            throw ClusterIOLogger.HTTP_CACHE_LOGGER.unsafePurgeSecret(settings.name());
        }
        this.settings = settings;
        this.targets = settings.targets().stream().map(PurgeTarget::new).toList();
        // The caller sends to the first target itself; the others' sends run beside it. A send that finds no free
        // thread runs in the caller too, also once the pool is shut down, so that every send completes.
        this.senders = new ThreadPoolExecutor(0, MAX_SENDERS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads("purge"),
                (task, pool) -> task.run());
        this.retries = new ScheduledThreadPoolExecutor(1, threads("retry"));
        this.retries.setRemoveOnCancelPolicy(true);
    }

    private ThreadFactory threads(String role) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "cluster-io http-cache " + settings.name() + " " + role + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops the retries; purges still waiting for one are dropped, and said so. */
    public void close() {
        retries.shutdownNow();
        senders.shutdownNow();
        int dropped = statistics.pending();
        if (dropped > 0) {
            ClusterIOLogger.HTTP_CACHE_LOGGER.retriesDroppedAtStop(settings.name(), dropped);
        }
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public PurgeStatistics statistics() {
        return statistics;
    }

    @Override
    public String tagHeaderValue(Collection<String> tags) {
        return CacheTags.headerValue(tags);
    }

    @Override
    public List<String> tagsOf(IOService site, String id) {
        String valid = BinaryFileIds.validate(id);
        String internalPath = site.internalPath(valid);
        return CacheTags.ofFile(internalPath.substring(0, internalPath.length() - valid.length() - 1), valid);
    }

    @Override
    public void purgeTags(Collection<String> tags) {
        String value = CacheTags.headerValue(tags);
        if (!value.isEmpty()) {
            purge(PurgeRequest.tags(settings.mode(), value));
        }
    }

    @Override
    public void purgeUrls(Collection<String> urls) {
        // every URL checked before anything is sent
        urls.stream().map(PurgeRequest::url).toList().forEach(this::purge);
    }

    @Override
    public void fileChanged(String internalPath) {
        purge(PurgeRequest.tags(settings.mode(), CacheTags.of(internalPath)));
    }

    @Override
    public void directoryDeleted(String internalPath) {
        purge(PurgeRequest.tags(settings.mode(), CacheTags.of(internalPath)));
    }

    private void purge(PurgeRequest request) {
        List<Future<?>> others = new ArrayList<>();
        for (PurgeTarget target : targets.subList(1, targets.size())) {
            others.add(senders.submit(() -> attempt(target, request, 0)));
        }
        attempt(targets.get(0), request, 0);
        for (Future<?> other : others) {
            try {
                other.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // the sends go on; their failures are retried all the same
            } catch (ExecutionException e) {
                throw new IllegalStateException("a purge attempt never throws", e.getCause());
            }
        }
    }

    /** Sends the purge once; a failure is counted and, while retries are left, tried again later. */
    private void attempt(PurgeTarget target, PurgeRequest request, int retry) {
        String problem;
        try {
            PurgeAnswer answer = target.send(request, settings.secret(), settings.connectTimeout(), settings.requestTimeout());
            if (answer.taken()) {
                statistics.sent(true);
                if (target.answered(true)) {
                    ClusterIOLogger.HTTP_CACHE_LOGGER.purgeTargetAnswering(settings.name(), target.toString());
                }
                ClusterIOLogger.HTTP_CACHE_LOGGER.purgeSent(settings.name(), target.toString(), request.toString(), answer.purged());
                return;
            }
            problem = answer.problem();
        } catch (IOException | RuntimeException e) {
            problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        statistics.sent(false);
        if (target.answered(false)) {
            ClusterIOLogger.HTTP_CACHE_LOGGER.purgeTargetFailing(settings.name(), target.toString(), request.toString(), problem, settings.retries());
        } else {
            ClusterIOLogger.HTTP_CACHE_LOGGER.purgeAttemptFailed(settings.name(), target.toString(), request.toString(), retry + 1, problem);
        }
        retryLater(target, request, retry + 1, problem);
    }

    private void retryLater(PurgeTarget target, PurgeRequest request, int retry, String problem) {
        if (retry > settings.retries()) {
            statistics.abandoning();
            ClusterIOLogger.HTTP_CACHE_LOGGER.purgeAbandoned(settings.name(), target.toString(), request.toString(), retry, problem);
            return;
        }
        if (!statistics.enqueue(MAX_PENDING)) {
            statistics.abandoning();
            ClusterIOLogger.HTTP_CACHE_LOGGER.purgeQueueFull(settings.name(), target.toString(), request.toString(), MAX_PENDING);
            return;
        }
        try {
            retries.schedule(() -> {
                statistics.dequeue();
                statistics.retrying();
                attempt(target, request, retry);
            }, settings.backoff(retry).toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            statistics.dequeue(); // stopping: close() reports what was waiting
        }
    }
}
