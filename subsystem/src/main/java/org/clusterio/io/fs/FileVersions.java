package org.clusterio.io.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Gives a file about to replace another a modification time later than the replaced one's, so that size and
 * modification time tell every version of a name apart (they are its entity tag, see {@link OpenedFile}). The kernel
 * stamps files from a clock that ticks every few milliseconds, and some file systems keep whole seconds only: two
 * writes of one name within a tick would otherwise look alike. Usually the new file is later already and nothing is
 * written; otherwise it is set one microsecond after the replaced file, or one second when the file system keeps
 * whole seconds.
 */
final class FileVersions {

    private FileVersions() {
    }

    static void laterThanReplaced(Path replacement, Path replaced) throws IOException {
        FileTime old;
        try {
            old = Files.readAttributes(replaced, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).lastModifiedTime();
        } catch (NoSuchFileException e) {
            return; // a new name: nothing to tell apart
        }
        if (modified(replacement).compareTo(old) > 0) {
            return;
        }
        Instant replacedAt = old.toInstant();
        Files.setLastModifiedTime(replacement, FileTime.from(replacedAt.plus(1, ChronoUnit.MICROS)));
        if (modified(replacement).compareTo(old) <= 0) {
            Files.setLastModifiedTime(replacement, FileTime.from(replacedAt.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)));
        }
    }

    private static FileTime modified(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).lastModifiedTime();
    }
}
