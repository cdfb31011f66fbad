package org.clusterio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.clusterio.api.IOService;
import org.clusterio.io.RoutingIOService.RequestCoordinates;
import org.clusterio.io.fs.FilesystemBinarydataStore;
import org.clusterio.io.fs.PosixPermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests are routed to sites by host and path, the most specific rule first, as SiteAccess matching does. */
class SiteDirectoryTest {

    @TempDir
    Path root;

    private IOService site(String name) {
        SiteLayout layout = new SiteLayout(name, "var/" + name, "storage");
        BinarydataHandler binarydata = new FilesystemBinarydataStore(root, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0644"),
                PosixPermissions.fromOctal("0755"), false).forSite(layout);
        return new SiteIOService(layout, UrlPrefix.of(layout.expand("$var_dir$/$storage_dir$")), BinaryStoreMetadataHandler.STORE.forSite(layout, binarydata), binarydata);
    }

    private SiteDirectory directory() {
        Map<String, IOService> sites = new LinkedHashMap<>();
        Map<String, SiteRoute> routes = new LinkedHashMap<>();
        for (String name : List.of("site", "admin", "admin_de", "de")) {
            sites.put(name, site(name));
        }
        routes.put("site", SiteRoute.of(Set.of(), null));
        routes.put("admin", SiteRoute.of(Set.of(), "/admin"));
        routes.put("admin_de", SiteRoute.of(Set.of("www.example.de"), "/admin"));
        routes.put("de", SiteRoute.of(Set.of("WWW.example.de"), null));
        return new RoutingTable(sites, routes);
    }

    private static String matched(SiteDirectory sites, String host, String path) {
        return sites.match(host, path).map(IOService::siteName).orElse("-");
    }

    @Test
    void matchesTheMostSpecificSite() {
        SiteDirectory sites = directory();
        assertEquals("admin_de", matched(sites, "www.example.de", "/admin/content"));
        assertEquals("admin", matched(sites, "www.example.com", "/admin"));
        assertEquals("de", matched(sites, "www.example.DE", "/products"));
        assertEquals("-", matched(sites, "www.example.com", "/administrator"), "a uri-prefix matches whole segments");
        assertEquals("-", matched(sites, "www.example.com", "/"), "a site without rules matches no request");
    }

    @Test
    void routesEachCallToTheCurrentRequestsSite() {
        SiteDirectory sites = directory();
        AtomicReference<Optional<RequestCoordinates>> request = new AtomicReference<>(Optional.empty());
        RoutingIOService routing = new RoutingIOService(sites, sites.site("site").orElseThrow(), request::get);
        assertEquals("site", routing.siteName(), "outside a request: the deployment's default site");
        request.set(Optional.of(new RequestCoordinates("www.example.de", "/admin/x")));
        assertEquals("admin_de", routing.siteName());
        assertEquals("var/admin_de/storage/images/a.jpg", routing.internalPath("images/a.jpg"));
        request.set(Optional.of(new RequestCoordinates("www.example.com", "/shop")));
        assertEquals("site", routing.siteName(), "no site matches: the default");
    }

    @Test
    void findsTheSiteAUriBelongsTo() {
        SiteDirectory sites = directory();
        assertEquals("admin_de images/a b.jpg", sites.byUri("/var/admin_de/storage/images/a%20b.jpg").map(uri -> uri.site().siteName() + " " + uri.id()).orElse("-"));
        assertEquals("site images/x.jpg", sites.byUri("/var/site/storage/images/x.jpg").map(uri -> uri.site().siteName() + " " + uri.id()).orElse("-"));
        assertTrue(sites.byUri("/var/unknown/storage/images/x.jpg").isEmpty());
        assertTrue(sites.byUri("/css/site.css").isEmpty());
    }

    @Test
    void namesEverySiteWithOrWithoutARoute() {
        SiteDirectory sites = new RoutingTable(Map.of("site", site("site"), "admin", site("admin")), Map.of("admin", SiteRoute.of(Set.of(), "/admin")));
        assertEquals(Set.of("site", "admin"), Set.copyOf(sites.names()));
        assertEquals("site", sites.site("site").map(IOService::siteName).orElse("-"));
        assertEquals("-", matched(sites, "www.example.com", "/shop"), "a site without a route matches no request");
        assertTrue(directory().names().contains("admin_de"));
    }
}
