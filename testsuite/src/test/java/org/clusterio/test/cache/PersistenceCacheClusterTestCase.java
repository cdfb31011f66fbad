package org.clusterio.test.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

import org.clusterio.test.support.ClusterView;
import org.clusterio.test.support.FilesServlet;
import org.clusterio.test.support.ManagementOperations;
import org.clusterio.test.support.PostgresqlDfsSetup;
import org.clusterio.test.support.SecondServer;
import org.clusterio.test.support.TextHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two WildFly nodes (cluster-io-ha, JGroups over TCP on loopback) sharing the DFS table on PostgreSQL through the
 * replicated persistence cache that docs/cli/dfs-on-postgresql.cli turns on: cached lookups never go stale across
 * nodes, the applications' tagged entries are shared and invalidated cluster-wide, and a node that dies takes
 * nothing from the other.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(PostgresqlDfsSetup.class)
@RunAsClient
class PersistenceCacheClusterTestCase {

    private static final String ID = "images/cache/1/photo.jpg";

    @ArquillianResource
    private URL node1;

    @ArquillianResource
    private ManagementClient management;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "cached.war").addClasses(FilesServlet.class, MetadataServlet.class, CacheServlet.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Test
    void twoNodesShareOneCoherentCache() throws Exception {
        Path jbossHome = Path.of(System.getProperty("jboss.home"));
        URI a = node1.toURI();
        try (SecondServer node2 = SecondServer.start(jbossHome, jbossHome.getParent().resolve("node2-cache"), PostgresqlDfsSetup.sameStorage())) {
            URI b = URI.create(node2.httpBase() + "cached/");
            assertEquals("[node1, node2]", ClusterView.members(management.getControllerClient()), "the nodes formed one cluster");

            // DFS lookups: a create on A is seen on B at once, although B had cached the file's absence.
            assertEquals(404, TextHttp.get(b.resolve("metadata/" + ID)).statusCode());
            assertEquals(204, TextHttp.put(a.resolve("files/" + ID), "12345"));
            assertEquals("5 image/jpeg", TextHttp.get(b.resolve("metadata/" + ID)).body());

            // Served from the cache: a change behind its back (as a PHP node would make) is not seen on A...
            long hitsBefore = metric("hits");
            assertEquals("5 image/jpeg", TextHttp.get(a.resolve("metadata/" + ID)).body());
            changeSizeInTheTable("var/site/storage/" + ID, 999);
            assertEquals("5 image/jpeg", TextHttp.get(a.resolve("metadata/" + ID)).body());
            assertTrue(metric("hits") >= hitsBefore + 2, "lookups on A were cache hits");
            // ...but a write through either node is, on both.
            assertEquals(204, TextHttp.put(b.resolve("files/" + ID), "1234567"));
            assertEquals("7 image/jpeg", TextHttp.get(a.resolve("metadata/" + ID)).body());
            assertEquals(204, TextHttp.delete(b.resolve("files/" + ID)));
            assertEquals(404, TextHttp.get(a.resolve("metadata/" + ID)).statusCode());

            // Applications' entries: put on either node, read on both; a tag invalidated on A is gone on B.
            assertEquals(204, TextHttp.put(a.resolve("cache/content-1?tags=c-1,location-2"), "Home page"));
            assertEquals(204, TextHttp.put(a.resolve("cache/content-2?tags=c-2"), "About us"));
            assertEquals(204, TextHttp.put(b.resolve("cache/content-3?tags=c-3"), "Put on B"));
            assertEquals("Home page", TextHttp.get(b.resolve("cache/content-1")).body());
            assertEquals(204, TextHttp.delete(a.resolve("cache?tags=location-2")));
            assertEquals(404, TextHttp.get(b.resolve("cache/content-1")).statusCode());
            assertEquals("About us", TextHttp.get(b.resolve("cache/content-2")).body());
            assertEquals(204, TextHttp.delete(b.resolve("cache/content-2")));
            assertEquals(404, TextHttp.get(a.resolve("cache/content-2")).statusCode());
            assertEquals(204, TextHttp.put(b.resolve("cache/content-2?tags=c-2"), "About us, again"));

            // B dies: A keeps every entry, those B put included.
            node2.kill();
            assertEquals("About us, again", TextHttp.get(a.resolve("cache/content-2")).body());
            assertEquals("Put on B", TextHttp.get(a.resolve("cache/content-3")).body());
        }
        assertTrue(metric("misses") > 0);
        assertTrue(metric("invalidations") > 0);
        assertTrue(metric("entries") > 0);

        // The metrics subsystem exports them too.
        String exported = TextHttp.get(URI.create("http://127.0.0.1:9990/metrics")).body();
        assertTrue(exported.contains("wildfly_cluster_io_hits_total{persistence_cache=\"default\"}"), exported);
        assertTrue(exported.contains("wildfly_cluster_io_entries{persistence_cache=\"default\"}"), "entries is a gauge: " + exported);
    }

    private long metric(String name) throws Exception {
        ModelNode read = ManagementOperations.operation("read-attribute", "subsystem", "cluster-io", "persistence-cache", "default");
        read.get("name").set(name);
        return ManagementOperations.success(management.getControllerClient(), read).asLong();
    }

    private static void changeSizeInTheTable(String name, long size) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/clusterio_test", "postgres", "");
                PreparedStatement update = connection.prepareStatement("UPDATE ezdfsfile SET size = ? WHERE name = ?")) {
            update.setLong(1, size);
            update.setString(2, name);
            assertEquals(1, update.executeUpdate());
        }
    }


}
