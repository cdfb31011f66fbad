package org.clusterio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OptionsTest {

    private static final Set<String> VALUED = Set.of("site", "bulk-count", "user");
    private static final Set<String> FLAGS = Set.of("verify");

    @Test
    void valuesAndFlagsAreReadAsGiven() throws Exception {
        Options options = Options.parse(List.of("--site=a=b", "--verify", "--bulk-count=7"), VALUED, FLAGS, "check");
        assertEquals(Optional.of("a=b"), options.value("site"), "only the first = separates the name");
        assertTrue(options.flag("verify"));
        assertEquals(Optional.of(7), options.positive("bulk-count"));
        assertEquals(Optional.empty(), options.value("user"));
        assertFalse(options.flag("dry-run"));
    }

    @Test
    void aPasswordOnTheCommandLineIsRefusedWithItsAlternatives() {
        for (String argument : List.of("--password=secret", "--password")) {
            UsageException refused = assertThrows(UsageException.class, () -> Options.parse(List.of("--user=admin", argument), VALUED, FLAGS, "check"));
            assertTrue(refused.getMessage().startsWith("--password is not taken on the command line"), refused.getMessage());
            assertTrue(refused.getMessage().contains("--password-file") && refused.getMessage().contains("CLUSTER_IO_PASSWORD"), refused.getMessage());
            assertFalse(refused.getMessage().contains("secret"), "the message does not repeat the password");
        }
    }

    @Test
    void unknownAndMisusedOptionsAreNamed() {
        assertEquals("Unknown option of check: --no-dry-run",
                assertThrows(UsageException.class, () -> Options.parse(List.of("--no-dry-run"), VALUED, FLAGS, "check")).getMessage());
        assertEquals("Unknown option of check: site=x",
                assertThrows(UsageException.class, () -> Options.parse(List.of("site=x"), VALUED, FLAGS, "check")).getMessage());
        assertEquals("--site takes a value: --site=<value>",
                assertThrows(UsageException.class, () -> Options.parse(List.of("--site"), VALUED, FLAGS, "check")).getMessage());
        assertEquals("--verify takes no value",
                assertThrows(UsageException.class, () -> Options.parse(List.of("--verify=yes"), VALUED, FLAGS, "check")).getMessage());
    }

    @Test
    void numbersMustBePositive() throws Exception {
        for (String bad : List.of("0", "-3", "many", "")) {
            Options options = Options.parse(List.of("--bulk-count=" + bad), VALUED, FLAGS, "check");
            UsageException refused = assertThrows(UsageException.class, () -> options.positive("bulk-count"));
            assertEquals("--bulk-count takes a whole number of at least 1: " + bad, refused.getMessage());
        }
    }
}
