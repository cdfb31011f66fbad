package org.clusterio.test.migration;

import static org.clusterio.test.support.ManagementOperations.operation;
import static org.clusterio.test.support.ManagementOperations.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.clusterio.test.support.SecondServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server killed in the middle of migrate-files (SIGKILL, no shutdown) and started again: the re-run copies what
 * was left, keeps what was done, and ends with every file at the destination, checksums equal. Runs on a node of its
 * own, so that killing it leaves the testsuite's server alone.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MigrateFilesInterruptedTestCase {

    private static final int FILES = 4_000;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "placeholder.war").addAsWebResource(new StringAsset("ok"), "index.txt");
    }

    @Test
    void aKilledMigrationCompletesWhenRunAgain() throws Exception {
        Path jbossHome = Path.of(System.getProperty("jboss.home"));
        Path base = jbossHome.getParent().resolve("node2-migration");
        SecondServer node = SecondServer.start(jbossHome, base, List.of());
        try {
            MigrationFiles.write(base.resolve("data/cluster-io"), MigrationFiles.ids(FILES));
            addDestination(node.client());

            // Slow enough to be caught in the middle: one thread, small batches.
            ModelNode migrate = operation("migrate-files", "subsystem", "cluster-io");
            migrate.get("to").set("migrated,migrated");
            migrate.get("bulk-count").set(20);
            migrate.get("parallelism").set(1);
            node.client().executeAsync(migrate, null);
            long done = awaitProgress(node.client(), FILES / 4);
            node.kill();
            assertTrue(done < FILES, "killed before the end: " + done);

            node = SecondServer.restart(jbossHome, base, List.of());
            ModelNode resumed = migrate(node.client());
            assertEquals(0, resumed.get("failed").asLong(), resumed.toString());
            assertEquals(FILES, resumed.get("listed").asLong());
            assertEquals(FILES, resumed.get("copied").asLong() + resumed.get("skipped").asLong());
            // Kept: what the killed run finished, less what H2 had not yet written to disk (it flushes commits about once
            // a second; such files get their metadata again, their bytes are already there).
            assertTrue(resumed.get("skipped").asLong() > 0, "what the killed run finished is kept: " + resumed);

            ModelNode checked = migrate(node.client());
            assertEquals(0, checked.get("copied").asLong(), "every file is at the destination with the same checksum: " + checked);
            assertEquals(FILES, checked.get("skipped").asLong());
        } finally {
            node.close();
        }
    }

    /** The documented destination (docs/cli/migrate-files.cli, step 1), on this node. */
    private static void addDestination(ModelControllerClient client) throws Exception {
        ModelNode dataSource = operation("add", "subsystem", "datasources", "data-source", "MigratedDfsDS");
        dataSource.get("jndi-name").set("java:jboss/datasources/MigratedDfsDS");
        dataSource.get("driver-name").set("h2");
        dataSource.get("connection-url").set("jdbc:h2:${jboss.server.data.dir}/cluster-io-migrated/dfs;DB_CLOSE_ON_EXIT=FALSE");
        dataSource.get("user-name").set("sa");
        dataSource.get("password").set("sa");
        dataSource.get("jta").set(false);
        success(client, dataSource);
        ModelNode dfs = operation("add", "subsystem", "cluster-io", "dfs-metadata-handler", "migrated");
        dfs.get("data-source").set("MigratedDfsDS");
        dfs.get("create-schema").set(true);
        success(client, dfs);
        ModelNode files = operation("add", "subsystem", "cluster-io", "filesystem-binarydata-handler", "migrated");
        files.get("path").set("cluster-io-migrated/files");
        files.get("relative-to").set("jboss.server.data.dir");
        success(client, files);
    }

    private static ModelNode migrate(ModelControllerClient client) throws Exception {
        ModelNode migrate = operation("migrate-files", "subsystem", "cluster-io");
        migrate.get("to").set("migrated,migrated");
        migrate.get("verify").set(true);
        return success(client, migrate);
    }

    /** @return the files done once at least {@code files} are */
    private static long awaitProgress(ModelControllerClient client, long files) throws Exception {
        ModelNode read = operation("read-attribute", "subsystem", "cluster-io");
        read.get("name").set("migration");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            ModelNode progress = success(client, read);
            if (progress.isDefined()) {
                long done = progress.get("copied").asLong() + progress.get("skipped").asLong() + progress.get("failed").asLong();
                if (done >= files) {
                    return done;
                }
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError("the migration did not reach " + files + " files within 60 s");
    }
}
