package org.clusterio.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;

/** What both tools do around their operations: connect, report a refused operation or a lost connection, exit 2 for them. */
abstract class ToolRun {

    /** What a tool does once connected. */
    interface Work {
        int run(ManagementConnection connection) throws IOException, InterruptedException;
    }

    /** The progress line of a value of the progress attribute, or null when it is not (yet) of this run. */
    interface ProgressLine {
        String of(ModelNode status, long millis);
    }

    protected final ToolConsole console;

    ToolRun(ToolConsole console) {
        this.console = console;
    }

    /** @return the exit status: the work's, or {@link ExitStatus#NOT_RUN} when the server cannot be reached */
    int connected(ManagementOptions options, Work work) throws UsageException, InterruptedException {
        ManagementConnection connection = ManagementConnection.open(options, console.passwords());
        try {
            return work.run(connection);
        } catch (IOException e) {
            console.err().println("Cannot run the operation through the management interface at " + connection.target() + ": " + message(e));
            return ExitStatus.NOT_RUN;
        } finally {
            try {
                connection.close();
            } catch (IOException closing) {
                // the run is over, its outcome reported: a connection that does not close cleanly changes nothing
            }
        }
    }

    /** @return the operation's response, having shown its progress while it ran */
    ModelNode withProgress(ManagementConnection connection, ModelNode operation, String attribute, ProgressLine line) throws IOException, InterruptedException {
        ProgressDisplay display = new ProgressDisplay(console.out(), console.terminal());
        long started = System.nanoTime();
        ModelNode response = new PolledOperation(connection, console.pollMillis()).run(operation, attribute, status -> {
            long millis = (System.nanoTime() - started) / 1_000_000;
            String shown = line.of(status, millis);
            if (shown != null) {
                display.show(shown, millis);
            }
        });
        display.end();
        return response;
    }

    /** @return true, having said what the server answered, when the operation did not succeed */
    boolean refused(ModelNode response, String operation, ManagementConnection connection) {
        if ("success".equals(response.get("outcome").asStringOrNull())) {
            return false;
        }
        ModelNode failure = response.get("failure-description");
        console.err().println(operation + " refused by " + connection.target() + ": " + (failure.getType() == ModelType.STRING ? failure.asString() : failure.toString()));
        return true;
    }

    /** Prints the first ten of the ids, indented, and a note when there are more. */
    static void printExamples(PrintStream out, List<String> examples, String more) {
        examples.stream().limit(10).forEach(example -> out.println("      " + example));
        if (examples.size() > 10) {
            out.println("      ... (" + more + ")");
        }
    }

    /** @return the operation, with the parameters set */
    static ModelNode withParameters(ModelNode operation, ModelNode parameters) {
        for (String name : parameters.keys()) {
            operation.get(name).set(parameters.get(name));
        }
        return operation;
    }

    static List<String> strings(ModelNode list) {
        return list.isDefined() ? list.asList().stream().map(ModelNode::asString).toList() : List.of();
    }

    /** The controller client's messages name the cause last: the connection refused, the authentication failed. */
    private static String message(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
        }
        return message.toString();
    }
}
