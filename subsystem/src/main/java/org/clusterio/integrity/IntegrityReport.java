package org.clusterio.integrity;

import java.util.ArrayList;
import java.util.List;

import org.jboss.dmr.ModelNode;

/**
 * The management results of checks and purges: the replies of {@code :check-integrity} and {@code :purge}, and the
 * subsystem's {@code integrity-check} attribute, all of one flat shape. For each {@link Finding} its count and the
 * ids of its first examples; for a purge, for each {@link PurgeTarget}: purged (with examples), kept, failed (with
 * {@code <id>: <reason>}).
 */
public final class IntegrityReport {

    public static final String OPERATION = "operation";
    public static final String DESCRIPTION = "description";
    public static final String RUNNING = "running";
    public static final String DRY_RUN = "dry-run";
    public static final String STARTED = "started";
    public static final String ROWS_CHECKED = "rows-checked";
    public static final String FILES_CHECKED = "files-checked";
    public static final String NOT_VERIFIABLE = "not-verifiable";
    public static final String ELAPSED_SECONDS = "elapsed-seconds";
    public static final String ROWS_PER_SECOND = "rows-per-second";

    private IntegrityReport() {
    }

    /** @return the names of the count fields (LONG) of every report */
    public static List<String> countFields() {
        List<String> fields = new ArrayList<>(List.of(ROWS_CHECKED, FILES_CHECKED, NOT_VERIFIABLE, ELAPSED_SECONDS));
        for (Finding finding : Finding.values()) {
            fields.add(finding.modelName());
        }
        for (PurgeTarget target : PurgeTarget.values()) {
            fields.add(purged(target));
            fields.add(kept(target));
            fields.add(failed(target));
        }
        return fields;
    }

    /** @return the names of the example fields (lists of ids) of every report */
    public static List<String> exampleFields() {
        List<String> fields = new ArrayList<>();
        for (Finding finding : Finding.values()) {
            fields.add(finding.examplesName());
        }
        for (PurgeTarget target : PurgeTarget.values()) {
            fields.add(purged(target) + "-examples");
            fields.add(failed(target) + "-examples");
        }
        return fields;
    }

    public static String purged(PurgeTarget target) {
        return "purged-" + target.modelName();
    }

    public static String kept(PurgeTarget target) {
        return "kept-" + target.modelName();
    }

    public static String failed(PurgeTarget target) {
        return "failed-" + target.modelName();
    }

    /** @return everything the run found and did (the replies and the attribute) */
    public static ModelNode of(IntegrityProgress progress) {
        ModelNode report = new ModelNode();
        report.get(OPERATION).set(progress.operation());
        report.get(DESCRIPTION).set(progress.description());
        report.get(RUNNING).set(progress.running());
        report.get(DRY_RUN).set(progress.dryRun());
        report.get(STARTED).set(progress.started().toString());
        report.get(ROWS_CHECKED).set(progress.rowsChecked());
        report.get(FILES_CHECKED).set(progress.filesChecked());
        report.get(NOT_VERIFIABLE).set(progress.notVerifiable());
        for (Finding finding : Finding.values()) {
            report.get(finding.modelName()).set(progress.count(finding));
            list(report.get(finding.examplesName()), progress.examples(finding));
        }
        if (IntegrityRunner.PURGE.equals(progress.operation())) {
            for (PurgeTarget target : PurgeTarget.values()) {
                report.get(purged(target)).set(progress.purged(target));
                list(report.get(purged(target) + "-examples"), progress.purgedExamples(target));
                report.get(kept(target)).set(progress.kept(target));
                report.get(failed(target)).set(progress.failed(target));
                list(report.get(failed(target) + "-examples"), progress.failures(target));
            }
        }
        report.get(ELAPSED_SECONDS).set(progress.elapsed().toSeconds());
        report.get(ROWS_PER_SECOND).set(progress.rowsPerSecond());
        return report;
    }

    private static void list(ModelNode node, List<String> values) {
        node.setEmptyList();
        values.forEach(node::add);
    }
}
