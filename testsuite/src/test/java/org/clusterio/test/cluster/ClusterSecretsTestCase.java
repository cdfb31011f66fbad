package org.clusterio.test.cluster;

import static org.clusterio.test.support.ManagementOperations.operation;
import static org.clusterio.test.support.ManagementOperations.success;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.clusterio.test.support.ClusterView;
import org.clusterio.test.support.CounterServlet;
import org.clusterio.test.support.DocumentedCli;
import org.clusterio.test.support.ManagementOperations;
import org.clusterio.test.support.SecondServer;
import org.clusterio.test.support.ServerReload;
import org.clusterio.test.support.TextHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cluster membership with docs/cli/cluster/jgroups-auth-encrypt.cli and the secrets of generate-cluster-secrets.sh,
 * on two real nodes on 127.0.0.1: with the same files both form one cluster and share a session; a node without the
 * secrets, and then a node with secrets of its own, stays alone and cannot read the session. Node 1 ends with the
 * configuration it had.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClusterSecretsTestCase {

    private static final String STORE_PASSWORD = "cluster-io.cluster.store-password";
    private static final String[] SECRET_FILES = { "cluster-io-cluster.cs", "cluster-io-cluster.p12", "cluster-io-cluster.properties" };
    /** Several discovery and merge rounds of the stack (MERGE3 checks every 1 to 10 s by default). */
    private static final long STAYS_ALONE_SECONDS = 35;

    @ArquillianResource
    private URL node1;

    @ArquillianResource
    private ManagementClient management;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "members.war").addClass(CounterServlet.class);
    }

    @Test
    void onlyNodesWithTheSecretsJoin() throws Exception {
        ModelControllerClient client = management.getControllerClient();
        Path jbossHome = Path.of(System.getProperty("jboss.home"));
        Path configuration = jbossHome.resolve("standalone/configuration");
        Path script = Path.of(System.getProperty("docs.dir"), "cli/cluster/jgroups-auth-encrypt.cli");
        ModelNode before = subsystems(client);
        deleteSecrets(configuration); // what an interrupted earlier run left
        generateSecrets(configuration);
        success(client, setStorePassword("add", configuration));
        try {
            DocumentedCli.runWithJbossCli(script, false, 9990);
            ServerReload.reloadAndWait(client);
            try (SecondServer node2 = SecondServer.start(jbossHome, jbossHome.getParent().resolve("node2-secrets"), List.of())) {
                // The same three files (copied with the configuration): one cluster, one session.
                awaitView(client, "[node1, node2]");
                var first = TextHttp.get(node1.toURI().resolve("counter"));
                assertEquals("1 node1", first.body());
                String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
                URI onNode2 = URI.create(node2.httpBase() + "members/counter");
                assertEquals("2 node2", TextHttp.get(onNode2, cookie).body(), "the members share the session");

                // Node 2 without the secrets: plain JGroups on the same ports.
                DocumentedCli.runWithJbossCli(script, true, 9990 + SecondServer.PORT_OFFSET);
                ServerReload.reloadAndWait(node2.client());
                assertStaysAlone(client, node2, onNode2, cookie);

                // Node 2 with secrets of its own: the same configuration, another key and another shared secret.
                Path node2Configuration = jbossHome.getParent().resolve("node2-secrets/configuration");
                deleteSecrets(node2Configuration);
                generateSecrets(node2Configuration);
                success(node2.client(), setStorePassword("write-attribute", node2Configuration));
                DocumentedCli.runWithJbossCli(script, false, 9990 + SecondServer.PORT_OFFSET);
                ServerReload.reloadAndWait(node2.client());
                assertStaysAlone(client, node2, onNode2, cookie);
            }
        } finally {
            try {
                DocumentedCli.runWithJbossCli(script, true, 9990);
            } finally {
                // even when the setup did not get through: the server is shared with the other tests
                ManagementOperations.execute(client, operation("remove", "system-property", STORE_PASSWORD));
                ServerReload.reloadAndWait(client);
                deleteSecrets(configuration);
            }
        }
        assertEquals(before, subsystems(client), "node 1 has the JGroups and Elytron configuration it had");
    }

    /** Node 2 runs, but it is not a member: node 1's view stays node 1 alone, and node 2 does not see its session. */
    private static void assertStaysAlone(ModelControllerClient client, SecondServer node2, URI onNode2, String cookie) throws Exception {
        awaitView(client, "[node1]"); // node 2 left the cluster when it reloaded
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STAYS_ALONE_SECONDS);
        while (System.nanoTime() < deadline) {
            assertEquals("[node1]", ClusterView.members(client), "a node without this cluster's secrets joined");
            TimeUnit.SECONDS.sleep(1);
        }
        assertEquals("[node2]", ClusterView.members(node2.client()));
        assertEquals("1 node2", TextHttp.get(onNode2, cookie).body(), "node 2 cannot read node 1's session");
    }

    private static void awaitView(ModelControllerClient client, String members) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String view = ClusterView.members(client);
        while (!view.equals(members) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(250);
            view = ClusterView.members(client);
        }
        assertEquals(members, view);
    }

    /** Runs the documented generator into the directory, as an administrator would on a node. */
    private static void generateSecrets(Path directory) throws Exception {
        Path generator = Path.of(System.getProperty("docs.dir"), "cli/cluster/generate-cluster-secrets.sh");
        ProcessBuilder builder = new ProcessBuilder(generator.toString(), System.getProperty("jboss.home"), directory.toString()).redirectErrorStream(true);
        // keytool comes with the JDK that runs the tests
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
    }

    /** The credential store's password, from the generated properties file, as a system property of the server. */
    private static ModelNode setStorePassword(String operationName, Path directory) throws Exception {
        String line = Files.readAllLines(directory.resolve("cluster-io-cluster.properties")).get(0);
        ModelNode operation = operation(operationName, "system-property", STORE_PASSWORD);
        if (operationName.equals("write-attribute")) {
            operation.get("name").set("value");
        }
        operation.get("value").set(line.substring(line.indexOf('=') + 1));
        return operation;
    }

    private static void deleteSecrets(Path directory) throws Exception {
        for (String file : SECRET_FILES) {
            Files.deleteIfExists(directory.resolve(file));
        }
    }

    private static ModelNode subsystems(ModelControllerClient client) throws Exception {
        ModelNode both = new ModelNode();
        for (String subsystem : List.of("jgroups", "elytron")) {
            ModelNode read = operation("read-resource", "subsystem", subsystem);
            read.get("recursive").set(true);
            both.get(subsystem).set(success(client, read));
        }
        return both;
    }
}
