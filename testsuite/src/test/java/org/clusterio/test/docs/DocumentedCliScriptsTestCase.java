package org.clusterio.test.docs;

import static org.clusterio.test.support.ManagementOperations.SUBSYSTEM;
import static org.clusterio.test.support.ManagementOperations.operation;
import static org.clusterio.test.support.ManagementOperations.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.clusterio.test.support.DocumentedCli;
import org.clusterio.test.support.ServerReload;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every jboss-cli script in docs/cli runs without error against the provisioned server, line by line as
 * {@code jboss-cli.sh --file} would, and (with its undo part) leaves the subsystem as it found it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DocumentedCliScriptsTestCase {

    @ArquillianResource
    private ManagementClient management;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "cli-docs.war").addAsWebResource(new StringAsset("ok"), "index.txt");
    }

    @Test
    void everyDocumentedScriptRunsAndCleansUp() throws Exception {
        List<Path> scripts = documentedScripts();
        assertFalse(scripts.isEmpty(), "no scripts found in docs/cli");
        // The drivers of the dfs-on-*.cli scripts come from the driver layers the server is provisioned with.
        try {
            for (Path script : scripts) {
                ModelNode before = subsystem();
                DocumentedCli.runAll(management, script);
                assertEquals(before, subsystem(), script + " must leave the subsystem as it found it");
            }
        } finally {
            // Scripts that add and remove sites and datasources leave the server waiting for a reload; give the next
            // tests a clean server.
            if (ServerReload.reloadRequired(management.getControllerClient())) {
                ServerReload.reloadAndWait(management.getControllerClient());
            }
        }
    }

    private static List<Path> documentedScripts() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("docs.dir"), "cli"))) {
            return files.filter(file -> file.toString().endsWith(".cli")).sorted().toList();
        }
    }

    private ModelNode subsystem() throws IOException {
        ModelNode read = operation("read-resource", "subsystem", SUBSYSTEM);
        read.get("recursive").set(true);
        return success(management.getControllerClient(), read);
    }
}
