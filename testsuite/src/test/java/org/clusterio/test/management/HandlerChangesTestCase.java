package org.clusterio.test.management;

import static org.clusterio.test.support.ManagementOperations.SUBSYSTEM;
import static org.clusterio.test.support.ManagementOperations.failure;
import static org.clusterio.test.support.ManagementOperations.operation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.clusterio.test.support.ManagementOperations;
import org.clusterio.test.support.ServerReload;
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

/** A write-attribute on a handler is validated at once, and applied at the next reload, not before. */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(ReloadableSiteSetup.class)
@RunAsClient
class HandlerChangesTestCase {

    @ArquillianResource
    private URL base;

    @ArquillianResource
    private ManagementClient management;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "store.war")
                .addClass(StoreServlet.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Test
    void aNewPathTemplateAppliesAfterReload() throws Exception {
        Path root = Path.of(System.getProperty("jboss.home"), "standalone/tmp", ReloadableSiteSetup.PATH);
        store("images/before.txt");
        assertTrue(Files.exists(root.resolve("var/reloadable/storage/images/before.txt")));

        ModelNode write = operation("write-attribute", "subsystem", SUBSYSTEM, "filesystem-binarydata-handler", ReloadableSiteSetup.NAME);
        write.get("name").set("path-template");
        write.get("value").set("sites/$var_dir$/");
        ModelNode result = management.getControllerClient().execute(write);
        assertEquals("success", result.get("outcome").asString(), result.toString());
        assertTrue(result.get("response-headers", "operation-requires-reload").asBoolean(false), result.toString());
        assertTrue(ServerReload.reloadRequired(management.getControllerClient()));

        store("images/pending.txt");
        assertTrue(Files.exists(root.resolve("var/reloadable/storage/images/pending.txt")), "the running server keeps the old template until reload");

        ServerReload.reloadAndWait(management.getControllerClient());
        store("images/after.txt");
        assertTrue(Files.exists(root.resolve("sites/var/reloadable/images/after.txt")), "after reload the new template applies");
        assertFalse(Files.exists(root.resolve("var/reloadable/storage/images/after.txt")));
    }

    @Test
    void anInvalidValueIsRejectedAndChangesNothing() throws Exception {
        ModelNode write = operation("write-attribute", "subsystem", SUBSYSTEM, "filesystem-binarydata-handler", ReloadableSiteSetup.NAME);
        write.get("name").set("file-permissions");
        write.get("value").set("rw-r--r--");
        String message = failure(management.getControllerClient(), write);
        assertTrue(message.contains("file-permissions") && message.contains("rw-r--r--"), message);
        ModelNode read = operation("read-attribute", "subsystem", SUBSYSTEM, "filesystem-binarydata-handler", ReloadableSiteSetup.NAME);
        read.get("name").set("file-permissions");
        assertEquals("0644", ManagementOperations.success(management.getControllerClient(), read).asString());
    }

    private void store(String id) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.toURI().resolve("store?id=" + id))
                .POST(HttpRequest.BodyPublishers.ofString("content of " + id)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, response.statusCode(), response.body());
    }
}
