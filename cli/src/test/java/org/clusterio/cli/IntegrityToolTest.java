package org.clusterio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.clusterio.integrity.Finding;
import org.clusterio.integrity.PurgeTarget;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;

class IntegrityToolTest {

    @Test
    void theClientNamesTheSubsystemsFindingsAndTargets() {
        assertEquals(Arrays.stream(Finding.values()).map(Finding::modelName).toList(), IntegrityTool.FINDINGS);
        assertEquals(Arrays.stream(PurgeTarget.values()).map(PurgeTarget::modelName).toList(), IntegrityTool.TARGETS);
    }

    @Test
    void optionsBecomeTheOperationsParameters() throws Exception {
        ModelNode check = new ModelNode().setEmptyObject();
        IntegrityTool.parse(IntegrityTool.CHECK, List.of("--site=admin", "--metadata-and-binarydata=dfs,nfs", "--bulk-count=1000", "--verify"), check);
        assertEquals("admin", check.get("site").asString());
        assertEquals("dfs,nfs", check.get("metadata-and-binarydata").asString());
        assertEquals(1000, check.get("bulk-count").asInt());
        assertTrue(check.get("verify").asBoolean());

        ModelNode purge = new ModelNode().setEmptyObject();
        IntegrityTool.parse(IntegrityTool.PURGE, List.of("--what=orphan-files, soft-deleted", "--older-than=30d"), purge);
        assertEquals(List.of("orphan-files", "soft-deleted"), ToolRun.strings(purge.get("what")));
        assertEquals(30 * 86400, purge.get("older-than").asLong());
        assertTrue(purge.get("dry-run").asBoolean(), "a purge is a dry run unless told");

        ModelNode removing = new ModelNode().setEmptyObject();
        IntegrityTool.parse(IntegrityTool.PURGE, List.of("--no-dry-run"), removing);
        assertEquals(false, removing.get("dry-run").asBoolean());
    }

    @Test
    void eachCommandTakesOnlyItsOwnOptions() {
        assertEquals("Unknown option of check: --no-dry-run", assertThrows(UsageException.class,
                () -> IntegrityTool.parse(IntegrityTool.CHECK, List.of("--no-dry-run"), new ModelNode())).getMessage());
        assertEquals("Unknown option of purge: --verify", assertThrows(UsageException.class,
                () -> IntegrityTool.parse(IntegrityTool.PURGE, List.of("--verify"), new ModelNode())).getMessage());
        assertThrows(UsageException.class, () -> IntegrityTool.parse(IntegrityTool.PURGE, List.of("--dry-run", "--no-dry-run"), new ModelNode()));
    }

    @Test
    void theProtectWindowTakesUnits() throws Exception {
        assertEquals(90, IntegrityTool.seconds("90"));
        assertEquals(90, IntegrityTool.seconds("90s"));
        assertEquals(300, IntegrityTool.seconds("5m"));
        assertEquals(7200, IntegrityTool.seconds("2h"));
        assertEquals(86400, IntegrityTool.seconds("1d"));
        for (String bad : List.of("soon", "", "d", "-1d", "1w", "1.5h")) {
            UsageException refused = assertThrows(UsageException.class, () -> IntegrityTool.seconds(bad), bad);
            assertTrue(refused.getMessage().startsWith("--older-than takes a number"), refused.getMessage());
        }
    }

    @Test
    void aCheckCountsEveryFindingAPurgeWhatItLeft() {
        ModelNode check = report(IntegrityTool.CHECK, true);
        assertEquals(0, IntegrityTool.damage(IntegrityTool.CHECK, check));
        check.get("temporary-leftovers").set(1L);
        check.get("size-mismatches").set(2L);
        assertEquals(3, IntegrityTool.damage(IntegrityTool.CHECK, check));

        ModelNode dryRun = report(IntegrityTool.PURGE, true);
        dryRun.get("temporary-leftovers").set(5L);
        assertEquals(0, IntegrityTool.damage(IntegrityTool.PURGE, dryRun), "a purge removes no leftovers: they do not count against it");
        dryRun.get("purged-orphan-files").set(4L);
        assertEquals(4, IntegrityTool.damage(IntegrityTool.PURGE, dryRun), "a dry run with something to remove");

        ModelNode removed = report(IntegrityTool.PURGE, false);
        removed.get("purged-orphan-files").set(4L);
        assertEquals(0, IntegrityTool.damage(IntegrityTool.PURGE, removed), "removed is done");
        removed.get("kept-soft-deleted").set(1L);
        removed.get("failed-orphan-rows").set(2L);
        assertEquals(3, IntegrityTool.damage(IntegrityTool.PURGE, removed));
    }

    @Test
    void theSummaryListsEachFindingWithItsFirstTenIds() {
        ModelNode check = report(IntegrityTool.CHECK, true);
        check.get("rows-checked").set(1_000_000L);
        check.get("files-checked").set(100_000L);
        check.get("elapsed-seconds").set(48L);
        check.get("rows-per-second").set(20833.3);
        check.get("rows-without-bytes").set(12L);
        for (int i = 0; i < 12; i++) {
            check.get("rows-without-bytes-examples").add("images/" + i + ".jpg");
        }
        String summary = summary(IntegrityTool.CHECK, check);
        assertTrue(summary.startsWith(String.format("check-integrity of dfs,nfs (site site)%n  1000000 rows, 100000 files checked in 48 s (20833 rows/s)%n")), summary);
        assertTrue(summary.contains(String.format("  rows-without-bytes     12%n      images/0.jpg%n")), summary);
        assertTrue(summary.contains("      images/9.jpg") && !summary.contains("images/10.jpg"), summary);
        assertTrue(summary.contains("      ... (the reply has up to 100 of them: --raw)"), summary);
        assertTrue(summary.contains(String.format("  checksum-mismatches    0%n")), summary);

        ModelNode purge = report(IntegrityTool.PURGE, true);
        purge.get("purged-orphan-files").set(2L);
        String dryRun = summary(IntegrityTool.PURGE, purge);
        assertTrue(dryRun.startsWith("purge of dfs,nfs (site site), dry run: nothing removed"), dryRun);
        assertTrue(dryRun.contains("  orphan-files           would purge 2, kept 0 (too young or changed meanwhile), failed 0"), dryRun);
    }

    @Test
    void theProgressLineCountsRowsFilesAndFindings() {
        ModelNode status = report(IntegrityTool.CHECK, true);
        status.get("running").set(true);
        status.get("rows-checked").set(0L);
        ProgressRate rate = new ProgressRate();
        IntegrityTool.progressLine(status, rate, 0, 0);
        status.get("rows-checked").set(412_000L);
        status.get("files-checked").set(7L);
        status.get("soft-deleted-rows").set(2L);
        status.get("bytes-without-row").set(1L);
        status.get("elapsed-seconds").set(20L);
        assertEquals("[------------<=>---------------] rows 412000, files 7  found 3  20600 rows/s  20s",
                IntegrityTool.progressLine(status, rate, 20_000, 12));
    }

    private static String summary(String operation, ModelNode result) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        IntegrityTool.summary(new PrintStream(bytes, true, StandardCharsets.UTF_8), operation, result);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A clean report, as the subsystem's IntegrityReport shapes it. */
    private static ModelNode report(String operation, boolean dryRun) {
        ModelNode report = new ModelNode();
        report.get("operation").set(operation);
        report.get("description").set("dfs,nfs (site site)");
        report.get("running").set(false);
        report.get("dry-run").set(dryRun);
        for (String finding : IntegrityTool.FINDINGS) {
            report.get(finding).set(0L);
            report.get(finding + "-examples").setEmptyList();
        }
        if (IntegrityTool.PURGE.equals(operation)) {
            for (String target : IntegrityTool.TARGETS) {
                report.get("purged-" + target).set(0L);
                report.get("kept-" + target).set(0L);
                report.get("failed-" + target).set(0L);
            }
        }
        return report;
    }
}
