package org.clusterio.test.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * bin/cluster-io-integrity.sh of the provisioned server against the server itself: a check finds the temporary file
 * a killed write left in the default site and exits 1, naming it; a purge is a dry run unless told, and exits 0 when
 * nothing it may remove is there (temporary files are the sweep's); bad options and refused operations exit 2. The
 * tool connects as the local user, or as a management user (added with bin/add-user.sh) whose password comes from a
 * file only its owner may read or from the environment, never from the command line.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IntegrityCommandLineTestCase {

    private static final String LEFTOVER = "images/integrity-command-line/.clusterio-987654321.tmp";
    private static final String USER = "cluster-io-cli";
    private static final String PASSWORD = "Cl1-io.integrity!";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "integrity-command-line.war").addAsWebResource(new StringAsset("ok"), "index.txt");
    }

    @Test
    void checkReportsDamageByExitStatusAndPurgeIsADryRun() throws Exception {
        Path leftover = Path.of(System.getProperty("jboss.home"), "standalone/data/cluster-io/var/site/storage").resolve(LEFTOVER);
        Files.createDirectories(leftover.getParent());
        Files.writeString(leftover, "the first bytes of a write killed mid-file");
        try {
            String check = commandLine(1, "check", "--bulk-count=50");
            assertTrue(check.contains("check-integrity of default,default (site site)"), check);
            assertTrue(check.matches("(?s).*\\n  temporary-leftovers +[1-9].*"), check);
            assertTrue(check.contains("\n      " + LEFTOVER + "\n"), "the leftover is named: " + check);

            String purge = commandLine(0, "purge", "--what=orphan-files,soft-deleted", "--older-than=1h");
            assertTrue(purge.contains("purge of default,default (site site), dry run: nothing removed"), purge);
            assertTrue(purge.contains("orphan-files           would purge 0, kept 0"), purge);
            assertTrue(Files.exists(leftover), "purge leaves temporary files to the sweep");

            String raw = commandLine(1, "check", "--raw");
            assertTrue(raw.contains("\"temporary-leftovers-examples\" => ["), raw);

            assertTrue(commandLine(0, "--help").contains("--no-dry-run"));
            assertTrue(commandLine(2, "check", "--no-dry-run").contains("Unknown option of check: --no-dry-run"));
            assertTrue(commandLine(2, "purge", "--older-than=soon").contains("--older-than takes a number"));
            assertTrue(commandLine(2, "purge", "--what=everything").contains("everything"), "the server refuses an unknown target");
            assertTrue(commandLine(2, "check", "--site=nowhere").contains("nowhere"), "the server refuses an unknown site");
            assertTrue(commandLine(2, "check", "--controller=127.0.0.1:1").contains("Cannot run the operation through the management interface at remote+http://127.0.0.1:1"));
        } finally {
            Files.deleteIfExists(leftover);
            Files.deleteIfExists(leftover.getParent());
        }
    }

    @Test
    void aManagementUsersPasswordComesFromAFileOrTheEnvironmentNeverTheCommandLine() throws Exception {
        Path configuration = Path.of(System.getProperty("jboss.home"), "standalone/configuration");
        Path users = configuration.resolve("mgmt-users.properties");
        Path groups = configuration.resolve("mgmt-groups.properties");
        String usersBefore = Files.readString(users);
        String groupsBefore = Files.readString(groups);
        Path passwordFile = Files.createTempFile("cluster-io-password", ".txt");
        try {
            Process addUser = new ProcessBuilder(Path.of(System.getProperty("jboss.home"), "bin/add-user.sh").toString(), "-u", USER, "-p", PASSWORD, "-s")
                    .redirectErrorStream(true).start();
            String added = new String(addUser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, addUser.waitFor(), added);

            Files.writeString(passwordFile, PASSWORD + "\n");
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            String fromFile = commandLine(0, Map.of(), "purge", "--what=soft-deleted", "--user=" + USER, "--password-file=" + passwordFile);
            assertTrue(fromFile.contains("purge of default,default (site site), dry run: nothing removed"), fromFile);

            String fromEnvironment = commandLine(0, Map.of("CLUSTER_IO_PASSWORD", PASSWORD), "purge", "--what=soft-deleted", "--user=" + USER);
            assertTrue(fromEnvironment.contains("purge of default,default (site site), dry run: nothing removed"), fromEnvironment);

            // the user's credentials are what logs in, not the local user behind them
            String wrong = commandLine(2, Map.of("CLUSTER_IO_PASSWORD", "not the password"), "check", "--user=" + USER);
            assertTrue(wrong.contains("Cannot run the operation through the management interface"), wrong);

            String onTheCommandLine = commandLine(2, Map.of(), "check", "--user=" + USER, "--password=" + PASSWORD);
            assertTrue(onTheCommandLine.contains("--password is not taken on the command line"), onTheCommandLine);

            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r--r--"));
            String readable = commandLine(2, Map.of(), "check", "--user=" + USER, "--password-file=" + passwordFile);
            assertTrue(readable.contains("is open to other users (rw-r--r--)"), readable);

            String noPassword = commandLine(2, Map.of(), "check", "--user=" + USER);
            assertTrue(noPassword.contains("No password for " + USER), "no terminal to ask on: " + noPassword);
        } finally {
            Files.writeString(users, usersBefore);
            Files.writeString(groups, groupsBefore);
            Files.deleteIfExists(passwordFile);
        }
    }

    private static String commandLine(int expectedExit, String... arguments) throws Exception {
        return commandLine(expectedExit, Map.of(), arguments);
    }

    /** Runs bin/cluster-io-integrity.sh of the provisioned server; @return its output, stdout and stderr */
    private static String commandLine(int expectedExit, Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("jboss.home"), "bin/cluster-io-integrity.sh").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("CLUSTER_IO_PASSWORD");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(expectedExit, process.waitFor(), output);
        return output;
    }
}
