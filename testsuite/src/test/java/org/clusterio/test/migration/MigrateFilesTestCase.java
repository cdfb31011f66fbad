package org.clusterio.test.migration;

import static org.clusterio.test.support.ManagementOperations.operation;
import static org.clusterio.test.support.ManagementOperations.success;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.clusterio.test.support.DocumentedCli;
import org.clusterio.test.support.FilesServlet;
import org.clusterio.test.support.ServerReload;
import org.clusterio.testing.S3ProxyProcess;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * migrate-files on a provisioned server, as docs/cli/migrate-files.cli does it: a single server's files (the layer's
 * default,default) move to DFS + a directory, the site switches over and serves every byte; a re-run copies
 * nothing; a dry run writes nothing; then the bytes move on to S3 (metadata unchanged) and are served from there.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MigrateFilesTestCase {

    private static final int FILES = 2_000;
    private static final String BUCKET = "clusterio-migration";

    @ArquillianResource
    private URL base;

    @ArquillianResource
    private ManagementClient management;

    private final HttpClient http = HttpClient.newHttpClient();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "migrated.war").addClass(FilesServlet.class).addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Test
    void filesMoveToTheClusterHandlersAndOnToS3() throws Exception {
        ModelControllerClient client = management.getControllerClient();
        Path data = Path.of(System.getProperty("jboss.home"), "standalone/data");
        deleteTree(data.resolve("cluster-io-migrated")); // what earlier runs of the documented script left
        List<String> ids = MigrationFiles.ids(FILES);
        MigrationFiles.write(data.resolve("cluster-io"), ids);
        Path script = DocumentedCli.script("migrate-files.cli");
        try {
            DocumentedCli.runSetup(management, script);

            ModelNode again = migrate(client, "default,default", "migrated,migrated", false);
            long listed = again.get("listed").asLong();
            assertTrue(listed >= FILES, again.toString());
            assertEquals(0, again.get("copied").asLong(), "the documented run copied everything: " + again);
            assertEquals(listed, again.get("skipped").asLong());
            assertEquals(0, again.get("failed").asLong());
            ModelNode progress = success(client, readAttribute("migration"));
            assertEquals(listed, progress.get("skipped").asLong());
            assertTrue(!progress.get("running").asBoolean());

            ServerReload.reloadAndWait(client);
            assertServed(ids);

            // A dry run from the command line sees the one new file and writes nothing.
            MigrationFiles.write(data.resolve("cluster-io"), List.of("images/new/after the migration.jpg"));
            String dryRun = commandLine(0, "--from=default,default", "--to=migrated,migrated", "--dry-run");
            assertTrue(dryRun.contains("migrate-files default,default -> migrated,migrated (site site), dry run: nothing written"), dryRun);
            assertTrue(dryRun.contains("  would copy 1, already there " + listed + ", failed 0"), dryRun);
            String raw = commandLine(0, "--from=default,default", "--to=migrated,migrated", "--dry-run", "--raw");
            assertTrue(raw.contains("\"copied\" => 1L") && raw.contains("\"skipped\" => " + listed + "L"), raw);
            assertEquals(404, get("images/new/after the migration.jpg").statusCode());
            assertTrue(commandLine(0, "--list-io-handlers").contains("Configured metadata handlers: default, migrated"));
            assertTrue(commandLine(0, "--help").contains("--dry-run"));
            assertTrue(commandLine(2, "--to=nope,migrated").contains("metadata handler 'nope' is not configured"));

            // On to S3: the same metadata handler, so only the bytes move.
            try (S3ProxyProcess s3 = S3ProxyProcess.start(Files.createTempDirectory("cluster-io-migration-s3"))) {
                try (var s3Client = s3.client()) {
                    s3Client.createBucket(create -> create.bucket(BUCKET));
                }
                ModelNode addS3 = operation("add", "subsystem", "cluster-io", "s3-binarydata-handler", "migrated_s3");
                addS3.get("bucket").set(BUCKET);
                addS3.get("region").set("us-east-1");
                addS3.get("endpoint").set(s3.endpoint().toString());
                addS3.get("path-style-access").set(true);
                addS3.get("access-key-id").set(S3ProxyProcess.ACCESS_KEY);
                addS3.get("credential-reference").get("clear-text").set(S3ProxyProcess.SECRET_KEY);
                success(client, addS3);
                ModelNode toS3 = migrate(client, "migrated,migrated", "migrated,migrated_s3", false);
                assertEquals(listed, toS3.get("copied").asLong(), toS3.toString());
                assertEquals(0, toS3.get("failed").asLong());
                success(client, writeSite("binarydata-handler", "migrated_s3"));
                ServerReload.reloadAndWait(client);
                assertServed(ids);
                success(client, writeSite("binarydata-handler", "migrated"));
                success(client, operation("remove", "subsystem", "cluster-io", "s3-binarydata-handler", "migrated_s3"));
                ServerReload.reloadAndWait(client);
            }
        } finally {
            DocumentedCli.runUndo(management, script);
            ServerReload.reloadAndWait(client);
            for (String id : ids) {
                Files.deleteIfExists(data.resolve("cluster-io/var/site/storage").resolve(id));
            }
            Files.deleteIfExists(data.resolve("cluster-io/var/site/storage/images/new/after the migration.jpg"));
        }
    }

    /** Runs bin/cluster-io-migrate-files.sh of the provisioned server; @return its output */
    private static String commandLine(int expectedExit, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("jboss.home"), "bin/cluster-io-migrate-files.sh").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(expectedExit, process.waitFor(), output);
        return output;
    }

    private static ModelNode migrate(ModelControllerClient client, String from, String to, boolean dryRun) throws Exception {
        ModelNode migrate = operation("migrate-files", "subsystem", "cluster-io");
        migrate.get("from").set(from);
        migrate.get("to").set(to);
        migrate.get("dry-run").set(dryRun);
        migrate.get("bulk-count").set(250);
        return success(client, migrate);
    }

    private static ModelNode readAttribute(String name) {
        ModelNode read = operation("read-attribute", "subsystem", "cluster-io");
        read.get("name").set(name);
        return read;
    }

    private static ModelNode writeSite(String attribute, String value) {
        ModelNode write = operation("write-attribute", "subsystem", "cluster-io", "site", "site");
        write.get("name").set(attribute);
        write.get("value").set(value);
        return write;
    }

    /** Every byte of every file, read back through the IO service over HTTP. */
    private void assertServed(List<String> ids) throws Exception {
        for (String id : ids) {
            HttpResponse<byte[]> response = get(id);
            assertEquals(200, response.statusCode(), id);
            assertArrayEquals(MigrationFiles.content(id), response.body(), id);
        }
    }

    private HttpResponse<byte[]> get(String id) throws Exception {
        StringBuilder path = new StringBuilder("files");
        for (String segment : id.split("/")) {
            path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return http.send(HttpRequest.newBuilder(base.toURI().resolve(URI.create(path.toString()))).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static void deleteTree(Path root) throws Exception {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
