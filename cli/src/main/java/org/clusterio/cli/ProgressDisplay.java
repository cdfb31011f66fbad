package org.clusterio.cli;

import java.io.PrintStream;

/**
 * Where progress lines go. On a terminal one line is redrawn in place at every poll; otherwise (a log file, a pipe,
 * cron's mail) a plain line is written every {@link #PLAIN_INTERVAL_MILLIS} ms, so the output stays readable.
 */
final class ProgressDisplay {

    static final long PLAIN_INTERVAL_MILLIS = 10_000;

    private final PrintStream out;
    private final boolean terminal;
    private long lastPlainMillis = Long.MIN_VALUE;
    private int drawnWidth;

    ProgressDisplay(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void show(String line, long millis) {
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
            out.flush();
            drawnWidth = line.length();
        } else if (lastPlainMillis == Long.MIN_VALUE || millis - lastPlainMillis >= PLAIN_INTERVAL_MILLIS) {
            out.println(line);
            lastPlainMillis = millis;
        }
    }

    /** Clears the line on a terminal, so that what follows starts on a clean one. */
    void end() {
        if (terminal && drawnWidth > 0) {
            out.print("\r" + " ".repeat(drawnWidth) + "\r");
            out.flush();
            drawnWidth = 0;
        }
    }
}
