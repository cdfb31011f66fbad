package org.clusterio.test.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
 * nothing it may remove is there (temporary files are the sweep's); bad options and refused operations exit 2.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IntegrityCommandLineTestCase {

    private static final String LEFTOVER = "images/integrity-command-line/.clusterio-987654321.tmp";

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
        } finally {
            Files.deleteIfExists(leftover);
            Files.deleteIfExists(leftover.getParent());
        }
    }

    /** Runs bin/cluster-io-integrity.sh of the provisioned server; @return its output, stdout and stderr */
    private static String commandLine(int expectedExit, String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("jboss.home"), "bin/cluster-io-integrity.sh").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(expectedExit, process.waitFor(), output);
        return output;
    }
}
