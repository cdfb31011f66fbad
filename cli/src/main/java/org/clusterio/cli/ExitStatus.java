package org.clusterio.cli;

/** The exit statuses both tools document. */
final class ExitStatus {

    /** Done, and nothing to report: every file migrated, nothing found, nothing left. */
    static final int OK = 0;
    /** Done, with problems: failed files, findings, something a purge kept or could not remove. */
    static final int PROBLEMS = 1;
    /** Not done: bad options, no connection, or the server refused the operation. */
    static final int NOT_RUN = 2;

    private ExitStatus() {
    }
}
