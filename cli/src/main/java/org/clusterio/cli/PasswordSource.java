package org.clusterio.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the management user's password comes from, never the command line: {@code --password-file} (its first line;
 * a file that its group or other users may read is refused, as ssh refuses such a key), else the environment variable
 * {@value #ENVIRONMENT_VARIABLE}, else a prompt on the terminal that does not echo.
 */
final class PasswordSource {

    static final String ENVIRONMENT_VARIABLE = "CLUSTER_IO_PASSWORD";

    private static final Set<PosixFilePermission> OTHERS_ACCESS = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** The terminal, when there is one. */
    interface Prompt {
        /** @return what was typed, or null at the end of input */
        char[] readPassword(String prompt);
    }

    private final Map<String, String> environment;
    private final Prompt prompt;

    /** @param prompt null when there is no terminal to ask on */
    PasswordSource(Map<String, String> environment, Prompt prompt) {
        this.environment = environment;
        this.prompt = prompt;
    }

    static PasswordSource ofThisProcess() {
        Console console = System.console();
        return new PasswordSource(System.getenv(), console == null ? null : console::readPassword);
    }

    char[] password(String user, Optional<Path> file) throws UsageException {
        if (file.isPresent()) {
            return fromFile(file.get());
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null) {
            return fromEnvironment.toCharArray();
        }
        if (prompt == null) {
            throw new UsageException("No password for " + user + ": there is no terminal to ask on; use --password-file=<file> or set " + ENVIRONMENT_VARIABLE);
        }
        char[] typed = prompt.readPassword("Password of " + user + ": ");
        if (typed == null) {
            throw new UsageException("No password for " + user + ": the input ended");
        }
        return typed;
    }

    private static char[] fromFile(Path file) throws UsageException {
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (permissions.stream().anyMatch(OTHERS_ACCESS::contains)) {
                    throw new UsageException("The password file " + file + " is open to other users (" + PosixFilePermissions.toString(permissions)
                            + "): make it readable by you only (chmod 600 " + file + ")");
                }
            }
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.indexOf('\n');
            String line = end < 0 ? content : content.substring(0, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new UsageException("Cannot read the password file " + file + ": " + e);
        }
    }
}
