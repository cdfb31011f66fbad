package org.clusterio.cli;

/** A command line the tool cannot run: bad or unknown options, a refused way of passing a password. Exit status 2. */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
