package org.clusterio.test.httpcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.clusterio.test.support.FilesServlet;
import org.clusterio.test.support.ManagementOperations;
import org.clusterio.test.support.PostgresqlDfsSetup;
import org.clusterio.test.support.SecondServer;
import org.clusterio.test.support.TextHttp;
import org.clusterio.testing.VarnishBackends;
import org.clusterio.testing.VarnishProcess;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two WildFly nodes on one PostgreSQL table and one directory (docs/cli/dfs-on-postgresql.cli), behind two Varnish
 * servers running the shipped VCL (docs/varnish), the site purging both through its http-cache
 * (docs/http-cache.md): what a client gets through either Varnish follows every change made on either node.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup({PostgresqlDfsSetup.class, VarnishPairSetup.class})
@RunAsClient
class SharedHttpCacheTestCase {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final String STORAGE = "/var/site/storage/";

    @ArquillianResource
    private URL node1;

    @ArquillianResource
    private ManagementClient management;

    /** At the root context, where the VCL's probe asks every node whether it is ready. */
    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "ROOT.war").addClasses(FilesServlet.class, HttpCacheServlet.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Test
    void everyChangeOnEitherNodeReachesEveryVarnish() throws Exception {
        Path jbossHome = Path.of(System.getProperty("jboss.home"));
        try (SecondServer node2 = SecondServer.start(jbossHome, jbossHome.getParent().resolve("node2-http-cache"), PostgresqlDfsSetup.sameStorage())) {
            URI one = node1.toURI();
            URI two = URI.create(node2.httpBase());
            VarnishProcess first = VarnishPairSetup.first;
            VarnishProcess second = VarnishPairSetup.second;
            for (VarnishProcess varnish : new VarnishProcess[] {first, second}) {
                for (int node = 0; node < 2; node++) {
                    varnish.awaitHealth(VarnishBackends.nodeName(node), true, Duration.ofSeconds(30));
                }
            }

            // A file is a miss, then a hit, on each Varnish.
            String file = "images/http-cache/photo.txt";
            assertEquals(204, TextHttp.put(one.resolve("files/" + file), "first version"));
            for (VarnishProcess varnish : new VarnishProcess[] {first, second}) {
                assertServed(varnish, file, "first version", "MISS");
                assertServed(varnish, file, "first version", "HIT");
            }

            // Replaced through the other node: neither Varnish serves the old bytes again.
            assertEquals(204, TextHttp.put(two.resolve("files/" + file), "second version"));
            for (VarnishProcess varnish : new VarnishProcess[] {first, second}) {
                assertServed(varnish, file, "second version", "MISS");
                assertServed(varnish, file, "second version", "HIT");
            }

            // Deleted: 404 through both.
            assertEquals(204, TextHttp.delete(one.resolve("files/" + file)));
            for (VarnishProcess varnish : new VarnishProcess[] {first, second}) {
                assertEquals(404, get(varnish, STORAGE + file).statusCode());
            }

            // A directory deleted: every file below it is gone from both, whichever node deletes it.
            String[] below = {"images/http-cache/album/a.txt", "images/http-cache/album/deeper/b.txt"};
            for (String id : below) {
                assertEquals(204, TextHttp.put(one.resolve("files/" + id), "in the album"));
                for (VarnishProcess varnish : new VarnishProcess[] {first, second}) {
                    assertServed(varnish, id, "in the album", "MISS");
                    assertServed(varnish, id, "in the album", "HIT");
                }
            }
            assertEquals(204, TextHttp.delete(two.resolve("app/directory/images/http-cache/album")));
            for (String id : below) {
                for (VarnishProcess varnish : new VarnishProcess[] {first, second}) {
                    assertEquals(404, get(varnish, STORAGE + id).statusCode(), id);
                }
            }

            // An application tags its own page and purges the tag through the API.
            HttpResponse<String> page = get(first, "/app/page");
            assertEquals(200, page.statusCode());
            assertEquals(page.body(), get(first, "/app/page").body(), "the page is cached");
            assertEquals("HIT", get(first, "/app/page").headers().firstValue("X-Cache").orElse(""));
            assertEquals(204, post(two.resolve("app/purge?tag=" + HttpCacheServlet.PAGE_TAG)));
            HttpResponse<String> rendered = get(first, "/app/page");
            assertNotEquals(page.body(), rendered.body(), "the page is rendered again after its tag's purge");

            // One Varnish down: writes still succeed, the failure is counted, the other Varnish is still purged.
            long failedBefore = metric(management.getControllerClient(), "purges-failed");
            second.close();
            String survivor = "images/http-cache/survivor.txt";
            assertEquals(204, TextHttp.put(one.resolve("files/" + survivor), "before"));
            assertServed(first, survivor, "before", "MISS");
            assertEquals(204, TextHttp.put(one.resolve("files/" + survivor), "after"));
            assertServed(first, survivor, "after", "MISS");
            awaitMetricAbove(management.getControllerClient(), "purges-failed", failedBefore);
        }
    }

    private static void assertServed(VarnishProcess varnish, String id, String body, String cache) throws Exception {
        HttpResponse<String> response = get(varnish, STORAGE + id);
        assertEquals(200, response.statusCode(), id + " through " + varnish.uri());
        assertEquals(body, response.body(), id + " through " + varnish.uri());
        assertEquals(cache, response.headers().firstValue("X-Cache").orElse(""), id + " through " + varnish.uri());
    }

    private static HttpResponse<String> get(VarnishProcess varnish, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(varnish.uri(path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int post(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static long metric(ModelControllerClient client, String name) throws Exception {
        var read = ManagementOperations.operation("read-attribute", "subsystem", "cluster-io", "http-cache", "varnish");
        read.get("name").set(name);
        return ManagementOperations.success(client, read).asLong();
    }

    private static void awaitMetricAbove(ModelControllerClient client, String name, long before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long now = metric(client, name);
        while (now <= before && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
            now = metric(client, name);
        }
        assertTrue(now > before, name + " stayed at " + now);
    }
}
