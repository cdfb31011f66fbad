package org.clusterio.test.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.IOService;
import org.clusterio.api.Site;
import org.clusterio.test.support.ManagementOperations;
import org.clusterio.test.support.ServerReload;
import org.clusterio.test.support.SiteSetup;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One WAR, two sites: each stores in its own directory, lists, streams ranges, deletes directories, and routes requests. */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(AdminSiteSetup.class)
class SitesTestCase {

    @Inject
    private IOService io;

    @Inject
    @Site("admin")
    private IOService admin;

    @ArquillianResource
    private URL base;

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "sites.war")
                .addClasses(SitesTestCase.class, SiteNameServlet.class, AdminSiteSetup.class, SiteSetup.class, ServerReload.class, ManagementOperations.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    private static BinaryFile store(IOService site, String id, String content) {
        return site.create(BinaryFileCreateStruct.of(id, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void eachSiteStoresInItsOwnDirectory() throws Exception {
        store(io, "images/sites/same.txt", "default site");
        store(admin, "images/sites/same.txt", "admin site");
        Path data = Path.of(System.getProperty("jboss.server.data.dir"), "cluster-io");
        Path temp = Path.of(System.getProperty("jboss.server.temp.dir"), "cluster-io-admin");
        assertEquals("default site", Files.readString(data.resolve("var/site/storage/images/sites/same.txt")));
        assertEquals("admin site", Files.readString(temp.resolve("var/admin_site/storage/images/sites/same.txt")));
        assertEquals("https://static.example.com/var/admin_site/storage/images/sites/same.txt", admin.load("images/sites/same.txt").uri());
        assertEquals("images/sites/same.txt", admin.loadByUri("https://static.example.com/var/admin_site/storage/images/sites/same.txt").id());
        io.deleteDirectory("images/sites");
        admin.deleteDirectory("images/sites");
    }

    @Test
    void listsStreamsRangesAndDeletesDirectories() throws Exception {
        store(admin, "images/gallery/1.txt", "0123456789");
        store(admin, "images/gallery/2/3.txt", "abc");
        store(admin, "images/other/4.txt", "x");
        try (Stream<BinaryFile> listed = admin.list("images/gallery")) {
            assertEquals(Set.of("images/gallery/1.txt", "images/gallery/2/3.txt"), listed.map(BinaryFile::id).collect(Collectors.toSet()));
        }
        try (InputStream range = admin.open(admin.load("images/gallery/1.txt"), 2, 5)) {
            assertArrayEquals("23456".getBytes(StandardCharsets.UTF_8), range.readAllBytes());
        }
        admin.deleteDirectory("images/gallery");
        assertFalse(admin.exists("images/gallery/1.txt"));
        assertFalse(admin.exists("images/gallery/2/3.txt"));
        assertTrue(admin.exists("images/other/4.txt"));
        admin.deleteDirectory("images/other");
    }

    @Test
    @RunAsClient
    void requestsAreRoutedToTheSiteTheirPathMatches() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertEquals("admin var/admin_site/storage/images/x.jpg", get(http, "admin/which/x"));
        assertEquals("site var/site/storage/images/x.jpg", get(http, "which/x"));
    }

    @Test
    @RunAsClient
    void requestsAreRoutedOnThePathTheContainerMapped() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertEquals("admin var/admin_site/storage/images/x.jpg", get(http, "admin;jsessionid=abc123/which/x"), "path parameters are not part of the path");
        assertEquals("admin var/admin_site/storage/images/x.jpg", get(http, "%61dmin/which/x"), "the path is decoded before it is matched");
        // The raw URI starts with /admin/; whatever the container makes of "..;" (Undertow 2.3: 404), no servlet it
        // reaches is routed to the admin site by that raw prefix.
        HttpResponse<String> traversal = http.send(HttpRequest.newBuilder(base.toURI().resolve("admin/..;/which/x")).build(), HttpResponse.BodyHandlers.ofString());
        if (traversal.statusCode() == 200) {
            assertEquals("site var/site/storage/images/x.jpg", traversal.body(), "a public servlet never writes to the admin site");
        } else {
            assertEquals(404, traversal.statusCode(), traversal.body());
        }
    }

    private String get(HttpClient http, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.toURI().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
