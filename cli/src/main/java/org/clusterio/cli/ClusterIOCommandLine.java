package org.clusterio.cli;

import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The command line tools of cluster-io, run by bin/cluster-io-migrate-files.sh ({@code migrate-files ...}) and
 * bin/cluster-io-integrity.sh ({@code integrity check|purge ...}) through JBoss Modules, as the module
 * {@code org.clusterio.cli}: one JVM and one management connection for the whole run, the operation's progress read
 * through that connection.
 */
public final class ClusterIOCommandLine {

    private ClusterIOCommandLine() {
    }

    public static void main(String[] arguments) throws InterruptedException {
        // the remoting and security libraries introduce themselves at INFO: not what a user of the tool needs to see
        Logger.getLogger("").setLevel(Level.WARNING);
        System.exit(run(Arrays.asList(arguments), ToolConsole.ofThisProcess()));
    }

    /** @return the exit status */
    static int run(List<String> arguments, ToolConsole console) throws InterruptedException {
        if (arguments.isEmpty() || !List.of(MigrateFilesTool.NAME, IntegrityTool.NAME).contains(arguments.get(0))) {
            console.err().println("Run as bin/cluster-io-migrate-files.sh or bin/cluster-io-integrity.sh (the first argument names the tool: "
                    + MigrateFilesTool.NAME + " or " + IntegrityTool.NAME + ")");
            return ExitStatus.NOT_RUN;
        }
        String tool = arguments.get(0);
        List<String> rest = arguments.subList(1, arguments.size());
        String usage = tool.equals(MigrateFilesTool.NAME) ? MigrateFilesTool.USAGE : IntegrityTool.USAGE;
        if (rest.contains("-h") || rest.contains("--help")) {
            console.out().print(usage);
            return ExitStatus.OK;
        }
        try {
            return tool.equals(MigrateFilesTool.NAME) ? new MigrateFilesTool(console).run(rest) : new IntegrityTool(console).run(rest);
        } catch (UsageException e) {
            console.err().println(e.getMessage() + " (see --help)");
            return ExitStatus.NOT_RUN;
        }
    }
}
