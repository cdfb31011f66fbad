package org.clusterio.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jboss.dmr.ModelNode;
import org.jboss.dmr.Property;

/** bin/cluster-io-migrate-files.sh: the subsystem's {@code :migrate-files} and {@code :list-io-handlers}, with a progress bar. */
final class MigrateFilesTool extends ToolRun {

    static final String NAME = "migrate-files";
    static final String USAGE = """
            Usage: cluster-io-migrate-files.sh [options]

            Copies every file of a site from one pair of handlers (<metadata handler>,<binarydata handler>) to another, on a
            running server, through its management interface (Ibexa DXP's ezplatform:io:migrate-files). Files already identical
            at the destination are skipped, so a run that was interrupted resumes when run again. The source is never changed.

            Options:
              --list-io-handlers       print the configured metadata and binarydata handlers, and exit
              --from=<meta>,<binary>   handlers to copy from (default: the site's own)
              --to=<meta>,<binary>     handlers to copy to (default: the first other handler of each kind)
              --site=<name>            the site whose files are copied (default: the subsystem's default-site)
              --dry-run                list and compare, write nothing, report what would be copied
              --verify                 compare SHA-256 checksums, and read every copy back
              --bulk-count=<n>         files per page and batch (default 100)
              --parallelism=<n>        pages migrated at once (default 4)
              --raw                    print the operation's reply as jboss-cli does, not the summary
            %s  -h, --help               this text

            Progress (files done, rate, time left) is redrawn every second on a terminal, and written as a line every 10 s
            otherwise; the same counts are the subsystem's runtime attribute "migration" and lines CLUSTERIO0009 of the server
            log. Exit status: 0 when every file was migrated (or, with --dry-run, checked), 1 when some failed (their ids are
            printed), 2 on bad options, no connection, or a refused operation.

            Examples:
              cluster-io-migrate-files.sh --list-io-handlers
              cluster-io-migrate-files.sh --from=default,default --to=dfs,nfs --dry-run
              cluster-io-migrate-files.sh --from=dfs,nfs --to=dfs,aws_s3 --verify
              CLUSTER_IO_PASSWORD=... cluster-io-migrate-files.sh --controller=dc.example.com --user=admin --host=primary --server=server-one
            """.formatted(ManagementOptions.HELP);

    private static final Set<String> VALUED = Set.of("from", "to", "site", "bulk-count", "parallelism");
    private static final Set<String> FLAGS = Set.of("list-io-handlers", "dry-run", "verify", "raw");

    MigrateFilesTool(ToolConsole console) {
        super(console);
    }

    int run(List<String> arguments) throws UsageException, InterruptedException {
        Set<String> valued = new HashSet<>(VALUED);
        valued.addAll(ManagementOptions.NAMES);
        Options options = Options.parse(arguments, valued, FLAGS, NAME);
        ManagementOptions management = ManagementOptions.of(options);
        if (options.flag("list-io-handlers")) {
            return connected(management, this::listHandlers);
        }
        ModelNode parameters = parameters(options);
        return connected(management, connection -> migrate(connection, withParameters(connection.subsystemOperation(NAME), parameters), options.flag("raw")));
    }

    /** @return the operation's parameters from the options */
    static ModelNode parameters(Options options) throws UsageException {
        ModelNode operation = new ModelNode().setEmptyObject();
        for (String pair : List.of("from", "to", "site")) {
            options.value(pair).ifPresent(value -> operation.get(pair).set(value));
        }
        for (String flag : List.of("dry-run", "verify")) {
            if (options.flag(flag)) {
                operation.get(flag).set(true);
            }
        }
        for (String number : List.of("bulk-count", "parallelism")) {
            options.positive(number).ifPresent(value -> operation.get(number).set(value));
        }
        return operation;
    }

    private int listHandlers(ManagementConnection connection) throws IOException {
        ModelNode response = connection.execute(connection.subsystemOperation("list-io-handlers"));
        if (refused(response, "list-io-handlers", connection)) {
            return ExitStatus.NOT_RUN;
        }
        console.out().println("Configured metadata handlers: " + String.join(", ", strings(response.get("result", "metadata-handlers"))));
        console.out().println("Configured binary data handlers: " + String.join(", ", strings(response.get("result", "binarydata-handlers"))));
        return ExitStatus.OK;
    }

    private int migrate(ManagementConnection connection, ModelNode operation, boolean raw) throws IOException, InterruptedException {
        ProgressRate rate = new ProgressRate();
        ModelNode response = withProgress(connection, operation, "migration",
                (status, millis) -> status.get("running").asBoolean(false) ? progressLine(status, rate, millis) : null);
        if (refused(response, NAME, connection)) {
            return ExitStatus.NOT_RUN;
        }
        ModelNode result = response.get("result");
        if (raw) {
            console.out().println(response);
        } else {
            ModelNode last = connection.execute(connection.readAttributeOperation("migration")).get("result");
            summary(console.out(), result, last, operation.get("dry-run").asBoolean(false));
        }
        return result.get("failed").asLong(0) == 0 ? ExitStatus.OK : ExitStatus.PROBLEMS;
    }

    /** @return the progress line of the {@code migration} attribute; records the count in {@code rate} */
    static String progressLine(ModelNode status, ProgressRate rate, long millis) {
        long total = status.get("total").asLong(-1);
        long copied = status.get("copied").asLong(0);
        long skipped = status.get("skipped").asLong(0);
        long failed = status.get("failed").asLong(0);
        long done = copied + skipped + failed;
        rate.record(millis, done);
        String counts = String.format("copied %d, already there %d, failed %d  %.0f files/s", copied, skipped, failed, rate.perSecond());
        if (total <= 0) {
            return ProgressBar.moving(millis / 1000) + " listing, " + status.get("listed").asLong(0) + " files so far  " + counts;
        }
        String left = rate.secondsLeft(total).stream().mapToObj(ProgressRate::duration).findFirst().orElse("?");
        return String.format("%s %3d%% %d/%d  %s  ETA %s", ProgressBar.of(done, total), ProgressBar.percent(done, total), done, total, counts, left);
    }

    /**
     * @param result the reply of migrate-files
     * @param last the migration attribute read after it ended (its description and time), undefined if unreadable
     */
    static void summary(PrintStream out, ModelNode result, ModelNode last, boolean dryRun) {
        String description = last.hasDefined("description") ? last.get("description").asString() : "";
        out.println(NAME + (description.isEmpty() ? "" : " " + description) + (dryRun ? ", dry run: nothing written" : ""));
        long listed = result.get("listed").asLong(0);
        if (last.hasDefined("elapsed-seconds")) {
            out.printf("  %d files listed in %d s (%.0f files/s)%n", listed, last.get("elapsed-seconds").asLong(), last.get("files-per-second").asDouble(0));
        } else {
            out.printf("  %d files listed%n", listed);
        }
        long failed = result.get("failed").asLong(0);
        out.printf("  %s %d, already there %d, failed %d%n", dryRun ? "would copy" : "copied", result.get("copied").asLong(0), result.get("skipped").asLong(0), failed);
        if (failed > 0) {
            out.println("  failures:");
            List<String> failures = result.get("failures").isDefined()
                    ? result.get("failures").asPropertyList().stream().map(MigrateFilesTool::failure).toList() : List.of();
            printExamples(out, failures, failed + " in all; the reply has up to 1000 of them: --raw");
        }
    }

    private static String failure(Property property) {
        return property.getName() + ": " + property.getValue().asString();
    }
}
