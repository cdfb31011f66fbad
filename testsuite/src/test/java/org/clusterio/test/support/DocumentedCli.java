package org.clusterio.test.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.cli.CommandContext;
import org.jboss.as.cli.CommandContextFactory;
import org.jboss.dmr.ModelNode;

/**
 * The jboss-cli scripts in docs/cli, run against the test server as {@code jboss-cli.sh --file} would run them.
 * A script may split into a setup part and an undo part at a line {@value #UNDO_MARKER}.
 */
public final class DocumentedCli {

    public static final String UNDO_MARKER = "# -- undo --";

    private DocumentedCli() {
    }

    public static Path script(String name) {
        return Path.of(System.getProperty("docs.dir"), "cli", name);
    }

    /** Every command of the script, setup and undo. */
    public static void runAll(ManagementClient management, Path script) throws Exception {
        run(management, script, commands(script, true, true));
    }

    public static void runSetup(ManagementClient management, Path script) throws Exception {
        run(management, script, commands(script, true, false));
    }

    public static void runUndo(ManagementClient management, Path script) throws Exception {
        run(management, script, commands(script, false, true));
    }

    /**
     * Runs one part of the script (with its batches) with bin/jboss-cli.sh of the provisioned server against the
     * server whose management port is given, as an administrator would; @return the tool's output
     */
    public static String runWithJbossCli(Path script, boolean undo, int managementPort) throws Exception {
        Path part = Files.createTempFile("cluster-io-cli-", ".cli");
        try {
            Files.write(part, commands(script, !undo, undo));
            Path jbossCli = Path.of(System.getProperty("jboss.home"), "bin/jboss-cli.sh");
            Process process = new ProcessBuilder(jbossCli.toString(), "--connect", "--controller=127.0.0.1:" + managementPort, "--file=" + part)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor() == 0 && !output.contains("\"outcome\" => \"failed\""), script.getFileName() + ": " + output);
            return output;
        } finally {
            Files.delete(part);
        }
    }

    private static List<String> commands(Path script, boolean setup, boolean undo) throws IOException {
        List<String> commands = new ArrayList<>();
        boolean inUndo = false;
        for (String line : Files.readAllLines(script)) {
            String command = line.strip();
            if (command.equals(UNDO_MARKER)) {
                inUndo = true;
            } else if (!command.isEmpty() && !command.startsWith("#") && (inUndo ? undo : setup)) {
                commands.add(command);
            }
        }
        return commands;
    }

    private static void run(ManagementClient management, Path script, List<String> commands) throws Exception {
        CommandContext cli = CommandContextFactory.getInstance().newCommandContext();
        try {
            cli.connectController("remote+http://" + management.getMgmtAddress() + ":" + management.getMgmtPort());
            for (String command : commands) {
                ModelNode response = management.getControllerClient().execute(cli.buildRequest(command));
                assertTrue("success".equals(response.get("outcome").asString()), script.getFileName() + ": " + command + " -> " + response);
            }
        } finally {
            cli.terminateSession();
        }
    }
}
