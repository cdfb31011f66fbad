package org.clusterio.test.integrity;

import static org.clusterio.test.support.ManagementOperations.operation;
import static org.clusterio.test.support.ManagementOperations.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.clusterio.test.support.DocumentedCli;
import org.clusterio.test.support.ManagementOperations;
import org.clusterio.test.support.ServerReload;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * check-integrity and purge through the management API of the provisioned server, under WildFly's role-based access
 * control as docs/cli/rbac/migrate-files-roles.cli turns it on: the check is read-only and Monitor runs it (and
 * finds the temporary file a killed write left); purge deletes store data, so Monitor and Operator are refused with
 * WildFly's own authorization error, Administrator runs it. The server is left with the access control it had.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IntegrityOperationsTestCase {

    private static final String LEFTOVER = "images/integrity/.clusterio-123456789.tmp";
    private static final String UNAUTHORIZED = "WFLYCTL0313: Unauthorized to execute operation 'purge'";

    @ArquillianResource
    private ManagementClient management;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "integrity.war").addAsWebResource(new StringAsset("ok"), "index.txt");
    }

    @Test
    void monitorsCheckAndOnlyRolesThatMayWriteStoreDataPurge() throws Exception {
        ModelControllerClient client = management.getControllerClient();
        Path leftover = Path.of(System.getProperty("jboss.home"), "standalone/data/cluster-io/var/site/storage").resolve(LEFTOVER);
        Files.createDirectories(leftover.getParent());
        Files.writeString(leftover, "the first bytes of a write killed mid-file");
        ModelNode accessControlBefore = accessControl(client);
        Path script = DocumentedCli.script("rbac/migrate-files-roles.cli");
        try {
            DocumentedCli.runSetup(management, script);
            ModelNode strict = operation("undefine-attribute", "core-service", "management", "access", "authorization", "constraint",
                    "sensitivity-classification", "type", "cluster-io", "classification", "cluster-io-data");
            strict.get("name").set("configured-requires-write");
            success(client, strict);
            ServerReload.reloadAndWait(client);

            ModelNode check = success(client, asRole(operation("check-integrity", "subsystem", "cluster-io"), "Monitor"));
            assertEquals("check-integrity", check.get("operation").asString(), check.toString());
            assertFalse(check.get("running").asBoolean());
            assertTrue(check.get("temporary-leftovers").asLong() >= 1, check.toString());
            assertTrue(check.get("temporary-leftovers-examples").asList().stream().anyMatch(id -> id.asString().equals(LEFTOVER)), check.toString());

            for (String role : List.of("Monitor", "Operator")) {
                ModelNode refused = client.execute(asRole(purgeOperation(), role));
                assertEquals("failed", refused.get("outcome").asString(), role + ": " + refused);
                assertTrue(refused.get("failure-description").asString().contains(UNAUTHORIZED), role + ": " + refused);
            }

            ModelNode purged = success(client, asRole(purgeOperation(), "Administrator"));
            assertEquals("purge", purged.get("operation").asString(), purged.toString());
            assertTrue(purged.get("dry-run").asBoolean(), "a dry run unless told: " + purged);
            assertEquals(0, purged.get("failed-orphan-files").asLong(), purged.toString());
            assertTrue(Files.exists(leftover), "purge leaves temporary files to the sweep");

            ModelNode metrics = operation("read-attribute", "subsystem", "cluster-io");
            metrics.get("name").set("integrity-check");
            ModelNode last = success(client, asRole(metrics, "Monitor"));
            assertEquals("purge", last.get("operation").asString(), last.toString());
            assertEquals(purged.get("rows-checked"), last.get("rows-checked"));
        } finally {
            try {
                DocumentedCli.runUndo(management, script);
            } finally {
                ModelNode simple = operation("write-attribute", "core-service", "management", "access", "authorization");
                simple.get("name").set("provider");
                simple.get("value").set("simple");
                ManagementOperations.execute(client, simple);
                ServerReload.reloadAndWait(client);
                Files.deleteIfExists(leftover);
            }
        }
        assertEquals(accessControlBefore, accessControl(client), "the server's access control is as it was");
    }

    private static ModelNode purgeOperation() {
        ModelNode purge = operation("purge", "subsystem", "cluster-io");
        purge.get("what").add("orphan-files").add("soft-deleted").add("orphan-rows");
        return purge;
    }

    /** The standard operation header with which a SuperUser runs an operation as another role. */
    private static ModelNode asRole(ModelNode operation, String role) {
        operation.get("operation-headers", "roles").set(role);
        return operation;
    }

    private static ModelNode accessControl(ModelControllerClient client) throws Exception {
        ModelNode read = operation("read-resource", "core-service", "management", "access", "authorization");
        read.get("recursive").set(true);
        return success(client, read);
    }
}
