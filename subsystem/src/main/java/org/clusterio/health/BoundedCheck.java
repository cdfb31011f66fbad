package org.clusterio.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import org.clusterio.io.ReadinessProbe;

/**
 * A readiness check that never keeps {@code /health/ready} waiting longer than its timeout, whatever the store does:
 * the probe runs on a thread of its own, and a probe that has not answered in time is DOWN while it goes on (it is
 * not started again before it ends, so a hung NFS mount does not pile up threads). A result is kept for a short
 * while, so that a load balancer polling every second does not query the database every second. The health
 * subsystem asks its checks one after the other: asking one starts every stale check of the server at once, so that
 * the whole answer takes one timeout, not one per check.
 */
public final class BoundedCheck implements AutoCloseable {

    /** How long a probe may take. Kubernetes waits one second for a probe by default: operators raise that. */
    public static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** How long a result is reused: a recovery shows within a second or so. */
    public static final Duration FRESHNESS = Duration.ofSeconds(1);

    /** The checks of this server: there is one health endpoint per server, as there is one cluster-io subsystem. */
    private static final Set<BoundedCheck> REGISTERED = new CopyOnWriteArraySet<>();

    private final String name;
    private final Map<String, String> checked;
    private final ReadinessProbe probe;
    private final Executor executor;
    private final LongSupplier nanoClock;
    private final Duration timeout;
    private final Duration freshness;

    private CompletableFuture<CheckResult> running;
    private long runningSince;
    private CheckResult last;
    private long lastAt;

    BoundedCheck(String name, Map<String, String> checked, ReadinessProbe probe, Executor executor, LongSupplier nanoClock,
            Duration timeout, Duration freshness) {
        this.name = name;
        this.checked = Map.copyOf(checked);
        this.probe = probe;
        this.executor = executor;
        this.nanoClock = nanoClock;
        this.timeout = timeout;
        this.freshness = freshness;
    }

    /**
     * @param name what the operator sees, such as {@code cluster-io-dfs-default}
     * @param checked what the check is about (the handler's type and resource), shown with every result
     * @return a check with threads of its own, one of those that asking any check starts, until {@link #close()}
     */
    public static BoundedCheck start(String name, Map<String, String> checked, ReadinessProbe probe) {
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            // A daemon: a probe hung in the kernel on a dead NFS server must not keep the JVM from exiting.
            Thread thread = new Thread(task, "cluster-io readiness " + name);
            thread.setDaemon(true);
            return thread;
        });
        BoundedCheck check = new BoundedCheck(name, checked, probe, executor, System::nanoTime, TIMEOUT, FRESHNESS);
        REGISTERED.add(check);
        return check;
    }

    public String name() {
        return name;
    }

    /** Stops the check's probes; a hung one is interrupted, and ends when the kernel lets it. */
    @Override
    public void close() {
        REGISTERED.remove(this);
        if (executor instanceof ExecutorService service) {
            service.shutdownNow();
        }
    }

    /** @return the latest result if fresh; else the probe's, or DOWN once the probe has taken longer than the timeout */
    public CheckResult check() {
        REGISTERED.forEach(BoundedCheck::startIfStale);
        CompletableFuture<CheckResult> probing;
        long waitNanos;
        synchronized (this) {
            CheckResult fresh = fresh();
            if (fresh != null) {
                return fresh;
            }
            probing = startIfStale();
            waitNanos = timeout.toNanos() - (nanoClock.getAsLong() - runningSince);
        }
        try {
            return probing.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(nanoClock.getAsLong() - runningSince);
            return CheckResult.down(checked, "no answer within " + Math.max(seconds, timeout.toSeconds()) + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.down(checked, "interrupted");
        } catch (ExecutionException e) {
            return CheckResult.down(checked, String.valueOf(e.getCause()));
        }
    }

    private synchronized CompletableFuture<CheckResult> startIfStale() {
        if (running == null && fresh() == null) {
            runningSince = nanoClock.getAsLong();
            running = CompletableFuture.supplyAsync(this::probeOnce, executor);
            running.whenComplete((result, failure) -> finished(result));
        }
        return running != null ? running : CompletableFuture.completedFuture(last);
    }

    private CheckResult fresh() {
        return last != null && nanoClock.getAsLong() - lastAt < freshness.toNanos() ? last : null;
    }

    private synchronized void finished(CheckResult result) {
        last = result;
        lastAt = nanoClock.getAsLong();
        running = null;
    }

    private CheckResult probeOnce() {
        try {
            Map<String, String> found = new LinkedHashMap<>(checked);
            found.putAll(probe.probe(timeout));
            return CheckResult.up(found);
        } catch (Exception | LinkageError e) {
            return CheckResult.down(checked, reason(e));
        }
    }

    /** The message of the exception and of its causes, once each: a driver's wrapped socket error says the most. */
    static String reason(Throwable failure) {
        StringBuilder reason = new StringBuilder();
        for (Throwable cause = failure; cause != null && reason.length() < 500; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            if (reason.indexOf(message) < 0) {
                reason.append(reason.length() == 0 ? "" : ": ").append(message);
            }
        }
        return reason.toString();
    }
}
