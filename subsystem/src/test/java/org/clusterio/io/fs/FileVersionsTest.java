package org.clusterio.io.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files on the build machine's file system: a replacement is always later than the file it replaces. */
class FileVersionsTest {

    @TempDir
    Path directory;

    @Test
    void aReplacementStampedLikeTheReplacedFileIsMadeLater() throws Exception {
        Instant tick = Instant.parse("2026-12-01T20:00:00.123456789Z");
        for (Instant replacementTime : new Instant[] { tick, tick.minusSeconds(3) }) { // the same clock tick; a clock set back
            Path replaced = file("replaced", tick);
            Path replacement = file("replacement", replacementTime);
            FileVersions.laterThanReplaced(replacement, replaced);
            Instant made = Files.getLastModifiedTime(replacement).toInstant();
            assertTrue(made.isAfter(Files.getLastModifiedTime(replaced).toInstant()), made + " after " + tick);
            assertTrue(made.isBefore(tick.plusSeconds(2)), "no further ahead than needed: " + made);
        }
    }

    @Test
    void aLaterReplacementAndANewNameAreLeftAlone() throws Exception {
        Instant tick = Instant.parse("2026-12-01T20:00:00.5Z");
        Path replaced = file("replaced", tick);
        Path replacement = file("replacement", tick.plusMillis(1));
        FileVersions.laterThanReplaced(replacement, replaced);
        assertEquals(tick.plusMillis(1), Files.getLastModifiedTime(replacement).toInstant());
        FileVersions.laterThanReplaced(replacement, directory.resolve("none"));
        assertEquals(tick.plusMillis(1), Files.getLastModifiedTime(replacement).toInstant());
    }

    private Path file(String name, Instant modified) throws Exception {
        Path file = Files.writeString(directory.resolve(name), name);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
