package org.clusterio.test.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The feature pack depends on WildFly's EE pack only: a server provisioned from that pack and ours alone, with
 * cluster-io-ha and postgresql-driver (testsuite/pom.xml, execution provision-ee-only-server), has our subsystem, the
 * clustering it needs and the driver, and its configuration boots. An embedded server reads it, so no ports are used.
 */
class EeOnlyProvisioningTestCase {

    private static final Path HOME = Path.of(System.getProperty("ee-only.home"));

    @Test
    void aServerFromTheEePackAloneHasTheSubsystemTheClusteringAndTheDriver() throws Exception {
        assertFalse(Files.exists(HOME.resolve("modules/system/layers/base/org/wildfly/extension/micrometer")),
                "provisioned from the full WildFly pack, not from the EE pack alone");
        String output = embeddedCli("/subsystem=cluster-io:read-attribute(name=default-site)",
                "/subsystem=cluster-io/persistence-cache=default:read-attribute(name=cache)",
                "/subsystem=distributable-web:read-attribute(name=default-session-management)",
                "/subsystem=datasources/jdbc-driver=postgresql:read-attribute(name=driver-module-name)");
        for (String answer : List.of("\"result\" => \"site\"", "\"result\" => \"replicated\"", "\"result\" => \"org.postgresql.jdbc\"")) {
            assertTrue(output.contains(answer), answer + " in:\n" + output);
        }
        assertFalse(output.contains("\"outcome\" => \"failed\""), output);
        assertTrue(Files.isDirectory(HOME.resolve("modules/system/layers/base/org/postgresql/jdbc/main")), "the driver's module");
    }

    private static String embeddedCli(String... operations) throws Exception {
        String commands = "embed-server --std-out=discard --server-config=standalone.xml," + String.join(",", operations) + ",stop-embedded-server";
        Process cli = new ProcessBuilder(HOME.resolve("bin/jboss-cli.sh").toString(), "--commands=" + commands)
                .redirectErrorStream(true).start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(cli.waitFor(2, TimeUnit.MINUTES), "jboss-cli did not end");
        assertEquals(0, cli.exitValue(), output);
        return output;
    }
}
