package org.clusterio.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jboss.dmr.ModelNode;

/** bin/cluster-io-integrity.sh: the subsystem's {@code :check-integrity} and {@code :purge}, with a progress line and a summary. */
final class IntegrityTool extends ToolRun {

    static final String NAME = "integrity";
    static final String CHECK = "check-integrity";
    static final String PURGE = "purge";
    /** The subsystem's findings and purge targets (org.clusterio.integrity.Finding and PurgeTarget), in its order. */
    static final List<String> FINDINGS = List.of("rows-without-bytes", "bytes-without-row", "size-mismatches", "soft-deleted-rows", "temporary-leftovers",
            "checksum-mismatches");
    static final List<String> TARGETS = List.of("orphan-files", "soft-deleted", "orphan-rows");

    static final String USAGE = """
            Usage: cluster-io-integrity.sh check [options]
                   cluster-io-integrity.sh purge [options]

            check walks a site's records and stored bytes on a running server, through its management interface, and reports
            rows without bytes, bytes without a row, size mismatches, soft-deleted rows, temporary leftovers (and with --verify
            checksum mismatches), each with a count and the first ids. It writes nothing.
            purge removes orphan files, soft-deleted rows (rows before bytes, as eZ Publish legacy's clusterpurge.php) and
            orphan rows older than a protect window. It is a dry run unless --no-dry-run is given.

            Options of both:
              --site=<name>            the site to walk (default: the subsystem's default-site)
              --metadata-and-binarydata=<meta>,<bin>
                                       the handlers that hold it (default: the site's own)
              --bulk-count=<n>         rows and files per page and lookup (default 100)
              --raw                    print the operation's reply as jboss-cli does, not the summary
            %s  -h, --help               this text
            Options of check:
              --verify                 compare stored bytes with the checksums the store keeps (S3 ETags)
            Options of purge:
              --what=<target>[,<target>...]
                                       orphan-files, soft-deleted, orphan-rows (default: all three)
              --older-than=<n>[s|m|h|d]
                                       protect window: keep what was written less long ago (default 1d)
              --dry-run                say what would be removed, remove nothing (the default)
              --no-dry-run             remove it

            Progress (rows and files checked, findings, rate) is redrawn every second on a terminal, and written as a line
            every 10 s otherwise; the same counts are the subsystem's runtime attribute "integrity-check" and lines
            CLUSTERIO0271 of the server log. Exit status: 0 when clean (check: nothing found; purge: nothing failed, nothing
            kept, and in a dry run nothing to remove), 1 when damage was found or left, or a removal failed, 2 on bad options,
            no connection, or a refused operation (one already running, no permission).

            Examples:
              cluster-io-integrity.sh check
              cluster-io-integrity.sh check --site=admin --bulk-count=1000 --verify
              cluster-io-integrity.sh purge --what=soft-deleted --older-than=30d
              cluster-io-integrity.sh purge --what=orphan-files,orphan-rows --no-dry-run --user=admin --password-file=~/.cluster-io-password
            """.formatted(ManagementOptions.HELP);

    private static final Set<String> BOTH_VALUED = Set.of("site", "metadata-and-binarydata", "bulk-count");
    private static final Set<String> CHECK_FLAGS = Set.of("raw", "verify");
    private static final Set<String> PURGE_VALUED = Set.of("what", "older-than");
    private static final Set<String> PURGE_FLAGS = Set.of("raw", "dry-run", "no-dry-run");

    IntegrityTool(ToolConsole console) {
        super(console);
    }

    int run(List<String> arguments) throws UsageException, InterruptedException {
        if (arguments.isEmpty()) {
            throw new UsageException("Name a command: check or purge");
        }
        String operationName = switch (arguments.get(0)) {
            case "check" -> CHECK;
            case "purge" -> PURGE;
            default -> throw new UsageException("Unknown command: " + arguments.get(0) + ", expected check or purge");
        };
        ModelNode parameters = new ModelNode().setEmptyObject();
        Options options = parse(operationName, arguments.subList(1, arguments.size()), parameters);
        return connected(ManagementOptions.of(options),
                connection -> integrity(connection, withParameters(connection.subsystemOperation(operationName), parameters), options.flag("raw")));
    }

    /** @return the options of the command, its operation's parameters set on {@code parameters} */
    static Options parse(String operationName, List<String> arguments, ModelNode parameters) throws UsageException {
        boolean purge = PURGE.equals(operationName);
        Set<String> valued = new HashSet<>(BOTH_VALUED);
        valued.addAll(ManagementOptions.NAMES);
        if (purge) {
            valued.addAll(PURGE_VALUED);
        }
        Options options = Options.parse(arguments, valued, purge ? PURGE_FLAGS : CHECK_FLAGS, purge ? "purge" : "check");
        options.value("site").ifPresent(site -> parameters.get("site").set(site));
        options.value("metadata-and-binarydata").ifPresent(pair -> parameters.get("metadata-and-binarydata").set(pair));
        options.positive("bulk-count").ifPresent(count -> parameters.get("bulk-count").set(count));
        if (options.flag("verify")) {
            parameters.get("verify").set(true);
        }
        if (options.value("what").isPresent()) {
            ModelNode what = parameters.get("what").setEmptyList();
            for (String target : options.value("what").orElseThrow().split(",")) {
                what.add(target.trim());
            }
        }
        if (options.value("older-than").isPresent()) {
            parameters.get("older-than").set(seconds(options.value("older-than").orElseThrow()));
        }
        if (options.flag("dry-run") && options.flag("no-dry-run")) {
            throw new UsageException("--dry-run and --no-dry-run: say one of them");
        }
        if (purge) {
            parameters.get("dry-run").set(!options.flag("no-dry-run"));
        }
        return options;
    }

    /** @return {@code <n>[s|m|h|d]} in seconds */
    static long seconds(String window) throws UsageException {
        String number = window;
        long unit = 1;
        if (!window.isEmpty() && "smhd".indexOf(window.charAt(window.length() - 1)) >= 0) {
            number = window.substring(0, window.length() - 1);
            unit = switch (window.charAt(window.length() - 1)) {
                case 'm' -> 60;
                case 'h' -> 3600;
                case 'd' -> 86400;
                default -> 1;
            };
        }
        if (!number.matches("[0-9]{1,12}")) {
            throw new UsageException("--older-than takes a number of seconds, minutes (m), hours (h) or days (d): " + window);
        }
        return Long.parseLong(number) * unit;
    }

    private int integrity(ManagementConnection connection, ModelNode operation, boolean raw) throws IOException, InterruptedException {
        String operationName = operation.get("operation").asString();
        ProgressRate rate = new ProgressRate();
        long[] tick = {0};
        ModelNode response = withProgress(connection, operation, "integrity-check",
                (status, millis) -> status.get("running").asBoolean(false) && operationName.equals(status.get("operation").asStringOrNull())
                        ? progressLine(status, rate, millis, tick[0]++) : null);
        if (refused(response, operationName, connection)) {
            return ExitStatus.NOT_RUN;
        }
        ModelNode result = response.get("result");
        if (raw) {
            console.out().println(response);
        } else {
            summary(console.out(), operationName, result);
        }
        return damage(operationName, result) == 0 ? ExitStatus.OK : ExitStatus.PROBLEMS;
    }

    /** @return the progress line of the {@code integrity-check} attribute: the total is unknown until the walk ends, so the bar only moves */
    static String progressLine(ModelNode status, ProgressRate rate, long millis, long tick) {
        long rows = status.get("rows-checked").asLong(0);
        rate.record(millis, rows);
        long found = FINDINGS.stream().mapToLong(finding -> status.get(finding).asLong(0)).sum();
        return String.format("%s rows %d, files %d  found %d  %.0f rows/s  %s", ProgressBar.moving(tick), rows, status.get("files-checked").asLong(0), found,
                rate.perSecond(), ProgressRate.duration(status.get("elapsed-seconds").asLong(millis / 1000)));
    }

    /**
     * @return what the exit status counts: for a check every finding; for a purge what is left that it should have
     *         removed (kept, failed, and in a dry run what it would remove). A purge removes no temporary leftovers nor
     *         mismatched files: they do not count against it.
     */
    static long damage(String operationName, ModelNode result) {
        if (CHECK.equals(operationName)) {
            return FINDINGS.stream().mapToLong(finding -> result.get(finding).asLong(0)).sum();
        }
        boolean dryRun = result.get("dry-run").asBoolean(true);
        return TARGETS.stream().mapToLong(target -> (dryRun ? result.get("purged-" + target).asLong(0) : 0)
                + result.get("kept-" + target).asLong(0) + result.get("failed-" + target).asLong(0)).sum();
    }

    static void summary(PrintStream out, String operationName, ModelNode result) {
        boolean purge = PURGE.equals(operationName);
        boolean dryRun = result.get("dry-run").asBoolean(true);
        out.println(operationName + " of " + result.get("description").asString() + (purge ? dryRun ? ", dry run: nothing removed" : ", removing" : ""));
        out.printf("  %d rows, %d files checked in %d s (%.0f rows/s)%n", result.get("rows-checked").asLong(0), result.get("files-checked").asLong(0),
                result.get("elapsed-seconds").asLong(0), result.get("rows-per-second").asDouble(0));
        long notVerifiable = result.get("not-verifiable").asLong(0);
        if (notVerifiable > 0) {
            out.println("  " + notVerifiable + " files not verifiable (their store keeps no checksum of their bytes)");
        }
        for (String finding : FINDINGS) {
            out.printf("  %-22s %d%n", finding, result.get(finding).asLong(0));
            printExamples(out, strings(result.get(finding + "-examples")), "the reply has up to 100 of them: --raw");
        }
        if (purge) {
            for (String target : TARGETS) {
                out.printf("  %-22s %s %d, kept %d (too young or changed meanwhile), failed %d%n", target, dryRun ? "would purge" : "purged",
                        result.get("purged-" + target).asLong(0), result.get("kept-" + target).asLong(0), result.get("failed-" + target).asLong(0));
                printExamples(out, strings(result.get("purged-" + target + "-examples")), "the reply has up to 100 of them: --raw");
                printExamples(out, strings(result.get("failed-" + target + "-examples")), "the reply has up to 100 of them: --raw");
            }
        }
    }
}
