package org.clusterio.test.io;

import static org.clusterio.test.support.ManagementOperations.SUBSYSTEM;
import static org.clusterio.test.support.ManagementOperations.operation;
import static org.clusterio.test.support.ManagementOperations.success;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
 * In the server: a filesystem handler sweeps the leftovers of killed writers when its service starts, keeps the
 * temporary files of writes that may still run, logs what it removed, and its sweep thread ends with the service.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TemporaryFileSweepTestCase {

    private static final String HANDLER = "swept";
    private static final String THREAD = "cluster-io temporary file sweep of " + HANDLER;

    @ArquillianResource
    private ManagementClient management;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "sweep.war").addAsWebResource(new StringAsset("ok"), "index.txt");
    }

    @Test
    void aHandlerSweepsLeftoversWhenItStartsAndStopsSweepingWithItsService() throws Exception {
        Path root = Files.createTempDirectory("cluster-io-sweep");
        Path images = Files.createDirectories(root.resolve("var/site/storage/images"));
        Path leftover = Files.writeString(images.resolve(".clusterio-4711815.tmp"), "partial");
        Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(Duration.ofHours(3))));
        Path live = Files.writeString(images.resolve(".clusterio-2718281.tmp"), "a write in progress");
        Path stored = Files.writeString(images.resolve("photo.jpg"), "stored");
        Files.setLastModifiedTime(stored, FileTime.from(Instant.now().minus(Duration.ofDays(30))));
        Path storedWithThePrefix = Files.writeString(images.resolve(".clusterio-photo.jpg"), "stored by another tool");
        Files.setLastModifiedTime(storedWithThePrefix, FileTime.from(Instant.now().minus(Duration.ofDays(30))));

        ModelNode add = operation("add", "subsystem", SUBSYSTEM, "filesystem-binarydata-handler", HANDLER);
        add.get("path").set(root.toString());
        add.get("temporary-file-max-age").set(7200);
        success(management.getControllerClient(), add);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Files.exists(leftover) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            assertFalse(Files.exists(leftover), "the leftover older than temporary-file-max-age is removed at start");
            assertTrue(Files.exists(live), "a young temporary file may be a write of another node: kept");
            assertTrue(Files.exists(stored) && Files.exists(storedWithThePrefix), "stored files are never swept, not even with the prefix");
            assertTrue(serverLog().stream().anyMatch(line -> line.contains("CLUSTERIO0090") && line.contains("'" + HANDLER + "'")),
                    "the sweep logs what it removed");
            assertTrue(sweepThreadRuns(), "the handler's sweep thread runs");
        } finally {
            success(management.getControllerClient(), operation("remove", "subsystem", SUBSYSTEM, "filesystem-binarydata-handler", HANDLER));
        }
        if (ServerReload.reloadRequired(management.getControllerClient())) {
            ServerReload.reloadAndWait(management.getControllerClient());
        }
        assertFalse(sweepThreadRuns(), "the sweep thread ended with the handler's service");
    }

    private List<String> serverLog() throws Exception {
        ModelNode read = operation("read-log-file", "subsystem", "logging", "log-file", "server.log");
        read.get("lines").set(500);
        return success(management.getControllerClient(), read).asList().stream().map(ModelNode::asString).toList();
    }

    private boolean sweepThreadRuns() throws Exception {
        ModelNode dump = operation("dump-all-threads", "core-service", "platform-mbean", "type", "threading");
        dump.get("locked-monitors").set(false);
        dump.get("locked-synchronizers").set(false);
        return success(management.getControllerClient(), dump).asList().stream().anyMatch(thread -> thread.get("thread-name").asString().equals(THREAD));
    }
}
