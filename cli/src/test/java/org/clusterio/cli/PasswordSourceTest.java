package org.clusterio.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordSourceTest {

    @TempDir
    Path directory;

    @Test
    void aFileOnlyItsOwnerReadsGivesItsFirstLine() throws Exception {
        Path file = secret("s3cret pass\r\nignored second line\n", "rw-------");
        PasswordSource source = new PasswordSource(Map.of(PasswordSource.ENVIRONMENT_VARIABLE, "from the environment"), null);
        assertArrayEquals("s3cret pass".toCharArray(), source.password("admin", Optional.of(file)), "the file wins over the environment");
        assertArrayEquals("no newline".toCharArray(), source.password("admin", Optional.of(secret("no newline", "r--------"))));
    }

    @Test
    void aFileOthersMayReadIsRefused() throws Exception {
        for (String open : List.of("rw-r-----", "rw----r--", "rw-rw-rw-")) {
            Path file = secret("s3cret", open);
            UsageException refused = assertThrows(UsageException.class, () -> new PasswordSource(Map.of(), null).password("admin", Optional.of(file)));
            assertTrue(refused.getMessage().contains("open to other users (" + open + ")") && refused.getMessage().contains("chmod 600"), refused.getMessage());
        }
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = directory.resolve("missing");
        UsageException refused = assertThrows(UsageException.class, () -> new PasswordSource(Map.of(), null).password("admin", Optional.of(missing)));
        assertTrue(refused.getMessage().startsWith("Cannot read the password file " + missing), refused.getMessage());
    }

    @Test
    void theEnvironmentComesBeforeThePrompt() throws Exception {
        List<String> asked = new ArrayList<>();
        PasswordSource source = new PasswordSource(Map.of(PasswordSource.ENVIRONMENT_VARIABLE, "from the environment"), prompt -> {
            asked.add(prompt);
            return "typed".toCharArray();
        });
        assertArrayEquals("from the environment".toCharArray(), source.password("admin", Optional.empty()));
        assertTrue(asked.isEmpty());
    }

    @Test
    void theTerminalIsAskedLast() throws Exception {
        List<String> asked = new ArrayList<>();
        PasswordSource source = new PasswordSource(Map.of(), prompt -> {
            asked.add(prompt);
            return "typed".toCharArray();
        });
        assertArrayEquals("typed".toCharArray(), source.password("admin", Optional.empty()));
        assertTrue(asked.equals(List.of("Password of admin: ")), asked.toString());
        assertThrows(UsageException.class, () -> new PasswordSource(Map.of(), prompt -> null).password("admin", Optional.empty()), "input ended");
    }

    @Test
    void withoutTerminalNorFileNorEnvironmentItSaysWhatToDo() {
        UsageException refused = assertThrows(UsageException.class, () -> new PasswordSource(Map.of(), null).password("admin", Optional.empty()));
        assertTrue(refused.getMessage().contains("--password-file") && refused.getMessage().contains(PasswordSource.ENVIRONMENT_VARIABLE), refused.getMessage());
    }

    private Path secret(String content, String permissions) throws Exception {
        Path file = Files.createTempFile(directory, "password", ".txt");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
