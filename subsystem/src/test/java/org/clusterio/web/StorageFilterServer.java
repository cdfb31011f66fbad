package org.clusterio.web;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.undertow.Undertow;
import io.undertow.server.handlers.ResponseCodeHandler;

import org.clusterio.api.ServingPolicy;
import org.clusterio.io.SiteDirectory;
import org.clusterio.io.SiteEntry;
import org.clusterio.io.SiteIOService;

/** One site behind the default storage filter, on an embedded Undertow at 127.0.0.1; anything else is 404. */
final class StorageFilterServer implements AutoCloseable {

    private final Undertow server;

    StorageFilterServer(SiteIOService site) {
        StorageFilterConfig filter = new StorageFilterConfig("images", Pattern.compile(StorageFilterConfig.DEFAULT_PATTERN), 600, 3600, true,
                Set.of(), ServingPolicy.DEFAULT);
        SiteDirectory sites = new SiteDirectory(List.of(new SiteEntry(site.siteName(), site, Set.of(), "")), site.siteName(), List.of(filter));
        server = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(new StorageRequestHandler(ResponseCodeHandler.HANDLE_404, filter, sites)).build();
        server.start();
    }

    int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @Override
    public void close() {
        server.stop();
    }
}
