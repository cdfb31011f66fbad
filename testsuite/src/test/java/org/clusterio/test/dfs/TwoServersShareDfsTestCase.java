package org.clusterio.test.dfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.nio.file.Path;

import org.clusterio.test.support.FilesServlet;
import org.clusterio.test.support.PostgresqlDfsSetup;
import org.clusterio.test.support.SecondServer;
import org.clusterio.test.support.TextHttp;
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
@ServerSetup(PostgresqlDfsSetup.class)
@RunAsClient
class TwoServersShareDfsTestCase {

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
        // The second node starts from the first one's configuration and deployments: driver, datasource, handlers, shared.war.
        try (SecondServer node2 = SecondServer.start(jbossHome, node2Base, PostgresqlDfsSetup.sameStorage())) {
                URI one = node1.toURI();
            URI two = URI.create(node2.httpBase() + "shared/");

            assertEquals(204, TextHttp.put(one.resolve("files/images/cluster/from-node1.txt"), "stored on node 1"));
            assertEquals("stored on node 1", TextHttp.get(two.resolve("files/images/cluster/from-node1.txt")).body());

            assertEquals(204, TextHttp.put(two.resolve("files/images/cluster/from-node1.txt"), "replaced on node 2"));
            assertEquals("replaced on node 2", TextHttp.get(one.resolve("files/images/cluster/from-node1.txt")).body());

            assertEquals(204, TextHttp.delete(two.resolve("files/images/cluster/from-node1.txt")));
            assertEquals(404, TextHttp.get(one.resolve("files/images/cluster/from-node1.txt")).statusCode());
        }
    }

}
