package org.clusterio.test.dfs;

import static org.clusterio.test.support.ManagementOperations.SUBSYSTEM;
import static org.clusterio.test.support.ManagementOperations.operation;
import static org.clusterio.test.support.ManagementOperations.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.clusterio.test.support.TextHttp;
import org.clusterio.testing.S3ProxyProcess;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;
import org.jboss.dmr.Property;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * The readiness checks on {@code /health/ready} of the management interface (docs/health.md), as the provisioned
 * server's {@code health} subsystem answers it: every handler's check is listed and UP (the DFS handler's table, dropped
 * before the server starts, created by its check as create-schema says); a DFS handler whose database
 * is cut off for real (by the faulty proxy in front of MariaDB) is DOWN by name with the reason, quickly; a filesystem
 * handler whose root can no longer be created (its parent replaced by a regular file, which stops root too) is
 * DOWN; an S3 handler whose bucket is gone is DOWN; all are UP again once the fault is gone, without any management
 * operation.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(HealthReadinessTestCase.Setup.class)
@RunAsClient
class HealthReadinessTestCase {

    private static final URI READY = URI.create("http://127.0.0.1:9990/health/ready");

    /** The checks' own bound (3 s) and the test's request on a loaded machine. */
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(6);

    /** A fault shows within a check's timeout; its end within the pool's recovery from broken connections. */
    private static final Duration NOTICED = Duration.ofSeconds(20);

    private static final String BUCKET = "health-probed";

    /** The parent of the probed handler's root: a directory while the test does not replace it by a file. */
    private static Path parent;

    /** The S3 store of the probed S3 handler. */
    private static S3ProxyProcess s3;

    public static class Setup extends ProxiedDfsSetup {

        public Setup() {
            super(OutageDatabase.MARIADB);
        }

        @Override
        public void setup(ManagementClient management, String containerId) throws Exception {
            parent = Files.createTempDirectory("cluster-io-health");
            ModelNode add = operation("add", "subsystem", SUBSYSTEM, "filesystem-binarydata-handler", "probed");
            add.get("path").set(parent.resolve("root").toString());
            success(management.getControllerClient(), add);
            s3 = S3ProxyProcess.start(Files.createTempDirectory("cluster-io-health-s3"));
            createBucket();
            ModelNode addS3 = operation("add", "subsystem", SUBSYSTEM, "s3-binarydata-handler", "probed_s3");
            addS3.get("bucket").set(BUCKET);
            addS3.get("endpoint").set(s3.endpoint().toString());
            addS3.get("path-style-access").set(true);
            addS3.get("access-key-id").set(S3ProxyProcess.ACCESS_KEY);
            addS3.get("credential-reference").get("clear-text").set(S3ProxyProcess.SECRET_KEY);
            success(management.getControllerClient(), addS3);
            dropDfsTable();
            super.setup(management, containerId); // reloads
        }

        /**
         * The handler has create-schema on and gets no request here: its readiness check must create the table itself,
         * whatever other test classes left in the database (a node nobody sends requests to until it is ready).
         */
        private static void dropDfsTable() throws Exception {
            Process drop = new ProcessBuilder("mariadb", "-h", "127.0.0.1", "-P", "3306", "-u", "root", "clusterio_test", "-e", "DROP TABLE IF EXISTS outage_dfs")
                    .redirectErrorStream(true).start();
            String output = new String(drop.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, drop.waitFor(), output);
        }

        @Override
        public void tearDown(ManagementClient management, String containerId) throws Exception {
            success(management.getControllerClient(), operation("remove", "subsystem", SUBSYSTEM, "filesystem-binarydata-handler", "probed"));
            success(management.getControllerClient(), operation("remove", "subsystem", SUBSYSTEM, "s3-binarydata-handler", "probed_s3"));
            try {
                super.tearDown(management, containerId);
            } finally {
                s3.close();
            }
            restoreParent();
            Files.deleteIfExists(parent.resolve("root"));
            Files.deleteIfExists(parent);
        }
    }

    /** A deployment, so that Arquillian runs the server setup; the checks need no application. */
    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "health.war").addAsWebResource(new StringAsset("static"), "static.txt");
    }

    @AfterEach
    void faultsGone() throws Exception {
        ProxiedDfsSetup.proxy().pass();
        restoreParent();
        try (S3Client client = s3.client()) {
            if (client.listBuckets().buckets().stream().noneMatch(bucket -> bucket.name().equals(BUCKET))) {
                createBucket();
            }
        }
    }

    @Test
    void everyCheckIsListedAndUp() throws Exception {
        Map<String, ModelNode> checks = awaitOutcome(true, "cluster-io-dfs-dfs");
        for (String name : new String[] { "cluster-io-dfs-dfs", "cluster-io-filesystem-default", "cluster-io-filesystem-probed", "cluster-io-s3-probed_s3",
                "cluster-io-cache-default" }) {
            assertTrue(checks.containsKey(name), name + " missing in " + checks.keySet());
            assertTrue(checks.get(name).get("outcome").asBoolean(), checks.get(name).toString());
        }
        assertEquals("outage_dfs", checks.get("cluster-io-dfs-dfs").get("data", "table").asString());
        // The cluster-io-ha layer's cache: this node is among the members the check reports.
        assertTrue(checks.get("cluster-io-cache-default").get("data", "members").isDefined(), checks.get("cluster-io-cache-default").toString());
        // WildFly's own probes are still there.
        assertTrue(checks.containsKey("server-state"), checks.keySet().toString());
    }

    @Test
    void aCutDatabaseIsDownByHandlerNameAndUpAgainWhenItIsBack() throws Exception {
        awaitOutcome(true, "cluster-io-dfs-dfs");
        ProxiedDfsSetup.proxy().cut();
        Map<String, ModelNode> down = awaitOutcome(false, "cluster-io-dfs-dfs");
        ModelNode check = down.get("cluster-io-dfs-dfs");
        System.out.println("A cut database, as /health/ready shows it: " + check.toJSONString(false));
        assertFalse(check.get("data", "reason").asString().isBlank(), check.toString());
        assertEquals("dfs", check.get("data", "dfs-metadata-handler").asString(), check.toString());
        // The other checks do not fail with it.
        assertTrue(down.get("cluster-io-filesystem-probed").get("outcome").asBoolean(), down.toString());

        ProxiedDfsSetup.proxy().pass();
        awaitOutcome(true, "cluster-io-dfs-dfs");
    }

    @Test
    void aStalledDatabaseIsDownWithinTheBound() throws Exception {
        awaitOutcome(true, "cluster-io-dfs-dfs");
        ProxiedDfsSetup.proxy().stall();
        awaitOutcome(false, "cluster-io-dfs-dfs");
        ProxiedDfsSetup.proxy().pass();
        awaitOutcome(true, "cluster-io-dfs-dfs");
    }

    @Test
    void aRootThatCannotBeWrittenIsDownAndUpAgainWhenItCanBe() throws Exception {
        awaitOutcome(true, "cluster-io-filesystem-probed");
        // Root may write to any directory, whatever its permissions: a regular file where the root's parent was is
        // what stops it too. The next probe fails to create the root below it.
        Files.deleteIfExists(parent.resolve("root"));
        Files.delete(parent);
        Files.writeString(parent, "not a directory");
        Map<String, ModelNode> down = awaitOutcome(false, "cluster-io-filesystem-probed");
        assertTrue(down.get("cluster-io-filesystem-probed").get("data", "reason").isDefined(), down.toString());

        restoreParent();
        awaitOutcome(true, "cluster-io-filesystem-probed");
        assertTrue(Files.isDirectory(parent.resolve("root")), "the probe creates the root, as the first write would");
    }

    @Test
    void aMissingBucketIsDownAndUpAgainOnceItIsThere() throws Exception {
        awaitOutcome(true, "cluster-io-s3-probed_s3");
        try (S3Client client = s3.client()) {
            client.deleteBucket(delete -> delete.bucket(BUCKET));
        }
        Map<String, ModelNode> down = awaitOutcome(false, "cluster-io-s3-probed_s3");
        assertEquals("probed_s3", down.get("cluster-io-s3-probed_s3").get("data", "s3-binarydata-handler").asStringOrNull(), down.toString());
        assertTrue(down.get("cluster-io-s3-probed_s3").get("data", "reason").isDefined(), down.toString());
        createBucket();
        awaitOutcome(true, "cluster-io-s3-probed_s3");
    }

    private static void createBucket() {
        try (S3Client client = s3.client()) {
            client.createBucket(create -> create.bucket(BUCKET));
        }
    }

    private static void restoreParent() throws Exception {
        if (Files.isRegularFile(parent)) {
            Files.delete(parent);
        }
        Files.createDirectories(parent);
    }

    /** Polls /health/ready until the named check has the outcome; every answer in time, 200 when all UP, else 503. */
    private static Map<String, ModelNode> awaitOutcome(boolean up, String name) throws Exception {
        long deadline = System.nanoTime() + NOTICED.toNanos();
        Map<String, ModelNode> checks;
        do {
            long start = System.nanoTime();
            HttpResponse<String> response = TextHttp.get(READY);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(ANSWERED_WITHIN) <= 0, "/health/ready answered after " + took);
            checks = checks(response.body());
            boolean allUp = checks.values().stream().allMatch(check -> check.get("outcome").asBoolean());
            assertEquals(allUp ? 200 : 503, response.statusCode(), response.body());
            if (checks.containsKey(name) && checks.get(name).get("outcome").asBoolean() == up) {
                return checks;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(name + " not " + (up ? "UP" : "DOWN") + " within " + NOTICED + ": " + checks);
    }

    /** The health subsystem's answer: a list of checks, each with name, outcome and data, and the overall outcome. */
    private static Map<String, ModelNode> checks(String json) {
        Map<String, ModelNode> checks = new LinkedHashMap<>();
        for (ModelNode entry : ModelNode.fromJSONString(json).asList()) {
            if (entry.getType() == ModelType.OBJECT && entry.hasDefined("name")) {
                checks.put(entry.get("name").asString(), entry);
            } else if (entry.getType() == ModelType.PROPERTY || entry.getType() == ModelType.OBJECT) {
                Property overall = entry.asProperty();
                assertEquals("outcome", overall.getName(), json);
            }
        }
        return checks;
    }
}
