package org.clusterio.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two WildFly servers configured as docs/cli/dfs-on-postgresql.cli documents, on one PostgreSQL table and one shared
 * directory: what either node stores, the other node serves, and what either deletes is gone on both.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(TwoServersShareDfsTestCase.PostgresqlDfs.class)
@RunAsClient
class TwoServersShareDfsTestCase {

    /** The documented production setup on the first node: driver, datasource, handlers. */
    public static class PostgresqlDfs extends DocumentedScriptSetup {

        public PostgresqlDfs() {
            super("dfs-on-postgresql.cli");
        }

        @Override
        protected void prerequisites(ManagementClient management) throws Exception {
            JdbcDriver.deploy(management.getControllerClient());
        }

        @Override
        protected void removePrerequisites(ManagementClient management) throws Exception {
            JdbcDriver.undeploy(management.getControllerClient());
        }
    }

    @ArquillianResource
    private URL node1;

    @ArquillianResource
    private ManagementClient management;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "shared.war").addClass(FilesServlet.class).addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Test
    void whatOneNodeStoresTheOtherServes() throws Exception {
        Path jbossHome = Path.of(System.getProperty("jboss.home"));
        Path node2Base = jbossHome.getParent().resolve("node2");
        List<String> sameStorage = List.of("-Dcluster-io.nfs.root=" + System.getProperty("cluster-io.nfs.root"),
                "-Dcluster-io.dfs.url=jdbc:postgresql://127.0.0.1:5432/clusterio_test", "-Dcluster-io.dfs.user=postgres", "-Dcluster-io.dfs.create-schema=true");
        // The second node starts from the first one's configuration and deployments: driver, datasource, handlers, shared.war.
        try (SecondServer node2 = SecondServer.start(jbossHome, node2Base, sameStorage)) {
            HttpClient http = HttpClient.newHttpClient();
            URI one = node1.toURI();
            URI two = URI.create(node2.httpBase() + "shared/");

            assertEquals(204, put(http, one.resolve("files/images/cluster/from-node1.txt"), "stored on node 1"));
            assertEquals("stored on node 1", get(http, two.resolve("files/images/cluster/from-node1.txt")).body());

            assertEquals(204, put(http, two.resolve("files/images/cluster/from-node1.txt"), "replaced on node 2"));
            assertEquals("replaced on node 2", get(http, one.resolve("files/images/cluster/from-node1.txt")).body());

            assertEquals(204, http.send(HttpRequest.newBuilder(two.resolve("files/images/cluster/from-node1.txt")).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(404, get(http, one.resolve("files/images/cluster/from-node1.txt")).statusCode());
        }
    }

    private static int put(HttpClient http, URI uri, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
