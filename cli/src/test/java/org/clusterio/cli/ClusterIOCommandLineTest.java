package org.clusterio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;

/** The whole command line, short of a server: help, refused options, a management interface that is not there. */
class ClusterIOCommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ToolConsole console = new ToolConsole(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
            false, new PasswordSource(Map.of(), null), 100);

    @Test
    void helpListsTheOptionsAndExitsZero() throws Exception {
        assertEquals(ExitStatus.OK, ClusterIOCommandLine.run(List.of("integrity", "purge", "--help"), console));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("--no-dry-run") && help.contains("--password-file=<file>") && help.contains("--host=<host> --server=<server>"), help);
        out.reset();
        assertEquals(ExitStatus.OK, ClusterIOCommandLine.run(List.of("migrate-files", "-h"), console));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: cluster-io-migrate-files.sh [options]"));
    }

    @Test
    void aPasswordArgumentIsRefusedBeforeAnythingConnects() throws Exception {
        assertEquals(ExitStatus.NOT_RUN, ClusterIOCommandLine.run(List.of("integrity", "check", "--user=admin", "--password=secret"), console));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(Options.PASSWORD_REFUSED + " (see --help)"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badCommandsExitTwo() throws Exception {
        assertEquals(ExitStatus.NOT_RUN, ClusterIOCommandLine.run(List.of("integrity", "repair"), console));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Unknown command: repair, expected check or purge (see --help)"));
        assertEquals(ExitStatus.NOT_RUN, ClusterIOCommandLine.run(List.of("integrity"), console));
        assertEquals(ExitStatus.NOT_RUN, ClusterIOCommandLine.run(List.of(), console));
        assertEquals(ExitStatus.NOT_RUN, ClusterIOCommandLine.run(List.of("migrate-files", "--user=admin"), console), "no password and no terminal to ask on");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("No password for admin"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void noManagementInterfaceExitsTwoNamingIt() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        assertEquals(ExitStatus.NOT_RUN, ClusterIOCommandLine.run(List.of("migrate-files", "--list-io-handlers", "--controller=127.0.0.1:" + port), console));
        String error = err.toString(StandardCharsets.UTF_8);
        assertTrue(error.startsWith("Cannot run the operation through the management interface at remote+http://127.0.0.1:" + port + ": "), error);
        err.reset();
        // the long operations start asynchronously: the same report, the same status
        assertEquals(ExitStatus.NOT_RUN, ClusterIOCommandLine.run(List.of("integrity", "check", "--controller=127.0.0.1:" + port), console));
        error = err.toString(StandardCharsets.UTF_8);
        assertTrue(error.startsWith("Cannot run the operation through the management interface at remote+http://127.0.0.1:" + port + ": "), error);
    }

    @Test
    void aDomainServerIsAddressedThroughItsHostWithoutTheBlockingTimeout() throws Exception {
        ManagementOptions options = ManagementOptions.of(Options.parse(List.of("--host=primary", "--server=server-one"), ManagementOptions.NAMES, java.util.Set.of(), "t"));
        try (ManagementConnection connection = ManagementConnection.open(options, new PasswordSource(Map.of(), null))) {
            ModelNode operation = connection.readAttributeOperation("migration");
            assertEquals("[(\"host\" => \"primary\"),(\"server\" => \"server-one\"),(\"subsystem\" => \"cluster-io\")]", operation.get("address").asString());
            assertEquals(ManagementConnection.DOMAIN_BLOCKING_TIMEOUT_SECONDS, operation.get("operation-headers", "blocking-timeout").asInt());
            assertEquals("remote+http://127.0.0.1:9990 /host=primary/server=server-one", connection.target());
        }
        try (ManagementConnection connection = ManagementConnection.open(ManagementOptions.of(Options.parse(List.of(), ManagementOptions.NAMES, java.util.Set.of(), "t")),
                new PasswordSource(Map.of(), null))) {
            ModelNode operation = connection.subsystemOperation("check-integrity");
            assertEquals("[(\"subsystem\" => \"cluster-io\")]", operation.get("address").asString());
            assertTrue(!operation.has("operation-headers"), "a standalone server keeps its blocking timeout");
        }
    }

    @Test
    void theLocalMechanismIsOffWithAUser() {
        assertEquals(org.xnio.Options.SASL_DISALLOWED_MECHANISMS.getName(), ManagementConnection.DISALLOWED_MECHANISMS);
    }
}
