package org.clusterio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;

class MigrateFilesToolTest {

    @Test
    void optionsBecomeTheOperationsParameters() throws Exception {
        ModelNode parameters = MigrateFilesTool.parameters(Options.parse(List.of("--from=default,default", "--to=dfs,nfs", "--dry-run", "--parallelism=8"),
                Set.of("from", "to", "parallelism"), Set.of("dry-run"), "migrate-files"));
        assertEquals("default,default", parameters.get("from").asString());
        assertEquals("dfs,nfs", parameters.get("to").asString());
        assertTrue(parameters.get("dry-run").asBoolean());
        assertEquals(8, parameters.get("parallelism").asInt());
        assertEquals(Set.of("from", "to", "dry-run", "parallelism"), parameters.keys(), "what is not said is left to the server's defaults");
        assertThrows(UsageException.class, () -> MigrateFilesTool.parameters(Options.parse(List.of("--bulk-count=0"), Set.of("bulk-count"), Set.of(), "migrate-files")));
    }

    @Test
    void theProgressLineHasTheBarTheRateAndTheTimeLeft() {
        ProgressRate rate = new ProgressRate();
        ModelNode status = status(100_000, 0, 0, 0);
        MigrateFilesTool.progressLine(status, rate, 0);
        String line = MigrateFilesTool.progressLine(status(100_000, 44_000, 500, 500), rate, 40_000);
        assertEquals("[#############-----------------]  45% 45000/100000  copied 44000, already there 500, failed 500  1125 files/s  ETA 49s", line);
    }

    @Test
    void whileTheSourceIsCountedTheBarOnlyMoves() {
        ModelNode status = status(-1, 0, 0, 0);
        status.get("listed").set(300L);
        String line = MigrateFilesTool.progressLine(status, new ProgressRate(), 3_000);
        assertEquals("[---<=>------------------------] listing, 300 files so far  copied 0, already there 0, failed 0  0 files/s", line);
    }

    @Test
    void theSummarySaysWhatWasCopiedAndWhatFailed() {
        ModelNode result = new ModelNode();
        result.get("listed").set(2001L);
        result.get("copied").set(1L);
        result.get("skipped").set(1990L);
        result.get("failed").set(10L);
        result.get("failures", "images/a.jpg").set("the bytes are missing at the source");
        ModelNode last = status(2001, 1, 1990, 10);
        last.get("description").set("default,default -> migrated,migrated (site site)");
        last.get("elapsed-seconds").set(3L);
        last.get("files-per-second").set(667.0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MigrateFilesTool.summary(new PrintStream(bytes, true, StandardCharsets.UTF_8), result, last, true);
        assertEquals(String.format("migrate-files default,default -> migrated,migrated (site site), dry run: nothing written%n"
                + "  2001 files listed in 3 s (667 files/s)%n"
                + "  would copy 1, already there 1990, failed 10%n"
                + "  failures:%n"
                + "      images/a.jpg: the bytes are missing at the source%n"), bytes.toString(StandardCharsets.UTF_8));
    }

    private static ModelNode status(long total, long copied, long skipped, long failed) {
        ModelNode status = new ModelNode();
        status.get("running").set(true);
        status.get("total").set(total);
        status.get("copied").set(copied);
        status.get("skipped").set(skipped);
        status.get("failed").set(failed);
        return status;
    }
}
