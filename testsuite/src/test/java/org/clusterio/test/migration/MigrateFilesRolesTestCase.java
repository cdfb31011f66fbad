package org.clusterio.test.migration;

import static org.clusterio.test.support.ManagementOperations.operation;
import static org.clusterio.test.support.ManagementOperations.success;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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
 * migrate-files under WildFly's role-based access control, as docs/cli/rbac/migrate-files-roles.cli turns it on: it
 * writes to the stores, so Monitor (and, by default, Operator and Maintainer) are refused with WildFly's own
 * authorization error and nothing is written, Administrator runs it; list-io-handlers and the migration attribute
 * stay readable for Monitor. The test client is $local (SuperUser) and acts in each role through the standard
 * {@code roles} operation header. The server is left with the access control it had.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MigrateFilesRolesTestCase {

    /** Other tests may leave files of their own in the source: only this one is checked. */
    private static final String ID = "images/rbac/1/photo.jpg";
    private static final byte[] CONTENT = "bytes only an allowed role may copy".getBytes(StandardCharsets.UTF_8);
    private static final String UNAUTHORIZED = "WFLYCTL0313: Unauthorized to execute operation 'migrate-files'";

    @ArquillianResource
    private ManagementClient management;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "rbac.war").addAsWebResource(new StringAsset("ok"), "index.txt");
    }

    @Test
    void onlyRolesThatMayWriteStoreDataMigrate() throws Exception {
        ModelControllerClient client = management.getControllerClient();
        Path data = Path.of(System.getProperty("jboss.home"), "standalone/data");
        Path source = data.resolve("cluster-io/var/site/storage").resolve(ID);
        Path copy = data.resolve("cluster-io-rbac/var/site/storage").resolve(ID);
        Files.createDirectories(source.getParent());
        Files.write(source, CONTENT);
        Files.deleteIfExists(copy);
        ModelNode accessControlBefore = accessControl(client);
        assertEquals("simple", accessControlBefore.get("provider").asString(), "the shared server runs without RBAC");

        ModelNode describe = operation("read-operation-description", "subsystem", "cluster-io");
        describe.get("name").set("migrate-files");
        ModelNode description = success(client, describe);
        assertFalse(description.get("read-only").asBoolean(), description.toString());
        assertTrue(description.get("access-constraints", "sensitive").has("cluster-io-data"), description.toString());

        Path script = DocumentedCli.script("rbac/migrate-files-roles.cli");
        ModelNode handler = operation("add", "subsystem", "cluster-io", "filesystem-binarydata-handler", "rbac");
        handler.get("path").set("cluster-io-rbac");
        handler.get("relative-to").set("jboss.server.data.dir");
        success(client, handler);
        try {
            DocumentedCli.runSetup(management, script);
            ServerReload.reloadAndWait(client);
            assertEquals("rbac", accessControl(client).get("provider").asString());

            // Relaxed as the script shows: every role with write-runtime permission, but never Monitor.
            assertRefused(client, "Monitor");
            assertFalse(Files.exists(copy), "a refused migration wrote nothing");
            ModelNode relaxed = migrate(client, "Operator");
            assertTrue(relaxed.get("copied").asLong() >= 1, relaxed.toString());
            assertArrayEquals(CONTENT, Files.readAllBytes(copy));
            Files.delete(copy);

            // The default (the first line of the script's undo part): Administrator and SuperUser only.
            ModelNode strict = operation("undefine-attribute", "core-service", "management", "access", "authorization", "constraint",
                    "sensitivity-classification", "type", "cluster-io", "classification", "cluster-io-data");
            strict.get("name").set("configured-requires-write");
            success(client, strict);
            for (String role : List.of("Monitor", "Operator", "Maintainer", "Deployer", "Auditor")) {
                assertRefused(client, role);
            }
            assertFalse(Files.exists(copy), "a refused migration wrote nothing");
            ModelNode allowed = migrate(client, "Administrator");
            assertTrue(allowed.get("copied").asLong() >= 1, allowed.toString());
            assertArrayEquals(CONTENT, Files.readAllBytes(copy));

            // The read-only parts stay open to Monitor.
            ModelNode list = asRole(operation("list-io-handlers", "subsystem", "cluster-io"), "Monitor");
            assertTrue(success(client, list).get("binarydata-handlers").asList().stream().anyMatch(name -> name.asString().equals("rbac")));
            ModelNode progress = operation("read-attribute", "subsystem", "cluster-io");
            progress.get("name").set("migration");
            assertEquals(allowed.get("copied"), success(client, asRole(progress, "Monitor")).get("copied"));
        } finally {
            try {
                DocumentedCli.runUndo(management, script);
            } finally {
                // even when the setup did not get through: the server is shared with the other tests
                ModelNode simple = operation("write-attribute", "core-service", "management", "access", "authorization");
                simple.get("name").set("provider");
                simple.get("value").set("simple");
                ManagementOperations.execute(client, simple);
                ServerReload.reloadAndWait(client);
                ManagementOperations.execute(client, operation("remove", "subsystem", "cluster-io", "filesystem-binarydata-handler", "rbac"));
                MigrateFilesTestCase.deleteTree(data.resolve("cluster-io-rbac"));
                Files.deleteIfExists(source);
            }
        }
        assertEquals(accessControlBefore, accessControl(client), "the server's access control is as it was");
    }

    private static void assertRefused(ModelControllerClient client, String role) throws Exception {
        ModelNode result = client.execute(asRole(migrateOperation(), role));
        assertEquals("failed", result.get("outcome").asString(), role + ": " + result);
        assertTrue(result.get("failure-description").asString().contains(UNAUTHORIZED), role + ": " + result);
    }

    private static ModelNode migrate(ModelControllerClient client, String role) throws Exception {
        return success(client, asRole(migrateOperation(), role));
    }

    private static ModelNode migrateOperation() {
        ModelNode migrate = operation("migrate-files", "subsystem", "cluster-io");
        migrate.get("from").set("default,default");
        migrate.get("to").set("default,rbac");
        return migrate;
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
