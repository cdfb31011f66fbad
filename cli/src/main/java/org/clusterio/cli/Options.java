package org.clusterio.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code --name=value} and {@code --flag} options of one command line, checked against the options the command
 * takes. A password is never one of them: whatever is on a command line is visible to every user of the machine
 * ({@code ps}, {@code /proc/<pid>/cmdline}) and stays in the shell's history.
 */
final class Options {

    static final String PASSWORD_REFUSED = "--password is not taken on the command line, where other users of the machine see it (ps) and the shell history keeps it:"
            + " use --password-file=<file readable only by you>, the environment variable " + PasswordSource.ENVIRONMENT_VARIABLE
            + ", or type it when asked";

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param valued the names (without {@code --}) of the options that take a value
     * @param flags the names of the options that take none
     * @param command what the options belong to, for the message naming an unknown one
     */
    static Options parse(List<String> arguments, Set<String> valued, Set<String> flags, String command) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            String name = argument.startsWith("--") ? argument.substring(2, equals < 0 ? argument.length() : equals) : null;
            if ("password".equals(name)) {
                throw new UsageException(PASSWORD_REFUSED);
            }
            if (name != null && equals < 0 && flags.contains(name)) {
                values.put(name, "true");
            } else if (name != null && equals > 0 && valued.contains(name)) {
                values.put(name, argument.substring(equals + 1));
            } else if (name != null && equals < 0 && valued.contains(name)) {
                throw new UsageException(argument + " takes a value: " + argument + "=<value>");
            } else if (name != null && equals > 0 && flags.contains(name)) {
                throw new UsageException(argument.substring(0, equals) + " takes no value");
            } else {
                throw new UsageException("Unknown option of " + command + ": " + argument);
            }
        }
        return new Options(values);
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    /** @return the value as a number of at least 1, or empty when the option is not given */
    Optional<Integer> positive(String name) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return Optional.of(number);
            }
        } catch (NumberFormatException e) {
            // reported below, with the option's name
        }
        throw new UsageException("--" + name + " takes a whole number of at least 1: " + value);
    }
}
