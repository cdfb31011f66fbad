package org.clusterio.web;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.undertow.Undertow;
import io.undertow.server.handlers.ResponseCodeHandler;

import org.clusterio.api.ServingPolicy;
import org.clusterio.io.RoutingTable;
import org.clusterio.io.SiteDirectory;
import org.clusterio.io.SiteIOService;
import org.clusterio.io.SiteRoute;

/** One site behind the readiness endpoint and the default storage filter, on an embedded Undertow at 127.0.0.1; anything else is 404. */
final class StorageFilterServer implements AutoCloseable {

    private final Undertow server;
    private final StorageFilter filter;

    StorageFilterServer(SiteIOService site) {
        this(site, () -> null);
    }

    /** With the readiness endpoint in front, as deployments get it. */
    StorageFilterServer(SiteIOService site, ServerReadiness readiness) {
        filter = StorageFilter.of("images", Pattern.compile(StorageFilter.DEFAULT_PATTERN), 600, 3600, true,
                Set.of(), ServingPolicy.DEFAULT);
        SiteDirectory sites = new RoutingTable(Map.of(site.siteName(), site), Map.of(site.siteName(), SiteRoute.of(Set.of(), "")));
        server = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(new ReadinessHandler(new StorageRequestHandler(ResponseCodeHandler.HANDLE_404, filter, sites), readiness)).build();
        server.start();
    }

    StorageFilter filter() {
        return filter;
    }

    /** A response is counted when its exchange completes, which may be just after the client has read it. */
    ResponseStatistics awaitCounted(long responses) throws InterruptedException {
        ResponseStatistics statistics = filter.statistics();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (statistics.responses(2) + statistics.responses(3) + statistics.responses(4) + statistics.responses(5) < responses
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return statistics;
    }

    int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @Override
    public void close() {
        server.stop();
    }
}
