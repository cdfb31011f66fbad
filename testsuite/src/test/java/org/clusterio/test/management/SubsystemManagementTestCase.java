package org.clusterio.test.management;

import static org.clusterio.test.support.ManagementOperations.SUBSYSTEM;
import static org.clusterio.test.support.ManagementOperations.failure;
import static org.clusterio.test.support.ManagementOperations.operation;
import static org.clusterio.test.support.ManagementOperations.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The provisioned server runs the subsystem, and its management model works over the management client. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SubsystemManagementTestCase {

    @ArquillianResource
    private ManagementClient management;

    @Deployment(testable = false)
    static WebArchive deployment() {
        // Nothing to test inside: the container only needs something to deploy.
        return ShrinkWrap.create(WebArchive.class, "management.war").addAsWebResource(new org.jboss.shrinkwrap.api.asset.StringAsset("ok"), "index.txt");
    }

    @Test
    void theLayerConfiguresTheDefaultSiteOnTheDataDirectory() throws Exception {
        ModelNode read = operation("read-resource", "subsystem", SUBSYSTEM);
        read.get("recursive").set(true);
        ModelNode subsystem = success(management.getControllerClient(), read);
        assertEquals("site", subsystem.get("default-site").asString());
        ModelNode handler = subsystem.get("filesystem-binarydata-handler", "default");
        assertEquals("cluster-io", handler.get("path").asString());
        assertEquals("jboss.server.data.dir", handler.get("relative-to").asString());
        assertEquals("default", subsystem.get("site", "site", "binarydata-handler").asString());
        assertEquals("default", subsystem.get("site", "site", "metadata-handler").asString());
        assertTrue(subsystem.get("filesystem-metadata-handler").has("default"));
    }

    @Test
    void aHandlerCanBeAddedAndRemoved() throws Exception {
        Path root = Files.createTempDirectory("cluster-io-it");
        ModelNode add = operation("add", "subsystem", SUBSYSTEM, "filesystem-binarydata-handler", "added");
        add.get("path").set(root.toString());
        add.get("fsync").set(false);
        success(management.getControllerClient(), add);
        try {
            ModelNode read = success(management.getControllerClient(), operation("read-resource", "subsystem", SUBSYSTEM, "filesystem-binarydata-handler", "added"));
            assertEquals(root.toString(), read.get("path").asString());
            assertFalse(read.get("fsync").asBoolean());
        } finally {
            success(management.getControllerClient(), operation("remove", "subsystem", SUBSYSTEM, "filesystem-binarydata-handler", "added"));
        }
        ModelNode children = operation("read-children-names", "subsystem", SUBSYSTEM);
        children.get("child-type").set("filesystem-binarydata-handler");
        ModelNode names = success(management.getControllerClient(), children);
        assertFalse(names.asList().stream().anyMatch(name -> name.asString().equals("added")), names.toString());
    }

    @Test
    void aHandlerWithoutPathIsRejectedNamingPath() throws Exception {
        String message = failure(management.getControllerClient(), operation("add", "subsystem", SUBSYSTEM, "filesystem-binarydata-handler", "nopath"));
        assertTrue(message.contains("'path'"), message);
    }

    @Test
    void invalidValuesAreRejectedNamingTheAttribute() throws Exception {
        ModelNode add = operation("add", "subsystem", SUBSYSTEM, "filesystem-binarydata-handler", "bad");
        add.get("path").set("/tmp/cluster-io-bad");
        add.get("file-permissions").set("rwxrwxrwx");
        String message = failure(management.getControllerClient(), add);
        assertTrue(message.contains("file-permissions"), message);

        ModelNode relative = operation("add", "subsystem", SUBSYSTEM, "filesystem-binarydata-handler", "relative");
        relative.get("path").set("relative/dir");
        message = failure(management.getControllerClient(), relative);
        assertTrue(message.contains("relative-to"), message);

        ModelNode unknownPath = operation("add", "subsystem", SUBSYSTEM, "filesystem-binarydata-handler", "unknown-path");
        unknownPath.get("path").set("x");
        unknownPath.get("relative-to").set("no.such.path");
        message = failure(management.getControllerClient(), unknownPath);
        assertTrue(message.contains("no.such.path"), message);

        ModelNode write = operation("write-attribute", "subsystem", SUBSYSTEM, "filesystem-binarydata-handler", "default");
        write.get("name").set("path-template");
        write.get("value").set("../../etc");
        message = failure(management.getControllerClient(), write);
        assertTrue(message.contains("path-template"), message);
    }

    @Test
    void aSiteNamingAnUnknownHandlerIsRejected() throws Exception {
        ModelNode add = operation("add", "subsystem", SUBSYSTEM, "site", "typo");
        add.get("metadata-handler").set("default");
        add.get("binarydata-handler").set("no-such-handler");
        String message = failure(management.getControllerClient(), add);
        assertTrue(message.contains("no-such-handler"), message);
    }
}
