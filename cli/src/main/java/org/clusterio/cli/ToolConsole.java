package org.clusterio.cli;

import java.io.PrintStream;

/**
 * What a run of a tool writes to and reads from: the summary and progress on {@code out}, errors on {@code err},
 * whether {@code out} is a terminal (progress redrawn in place), the password source, and how often progress is read.
 */
record ToolConsole(PrintStream out, PrintStream err, boolean terminal, PasswordSource passwords, long pollMillis) {

    /** On a terminal progress moves every second; in a log a line every 10 s is enough, and read as often. */
    static ToolConsole ofThisProcess() {
        boolean terminal = System.console() != null;
        return new ToolConsole(System.out, System.err, terminal, PasswordSource.ofThisProcess(), terminal ? 1_000 : 2_000);
    }
}
