package org.clusterio.io.fs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.clusterio.logging.ClusterIOLogger;

/**
 * One pass over a directory tree that removes the temporary files of writes that never finished: a node killed (or
 * a disk that filled up under a crashed process) in the middle of a write leaves its hidden
 * {@value FilesystemBinarydataHandler#TEMPORARY_PREFIX}<i>digits</i>{@value FilesystemBinarydataHandler#TEMPORARY_SUFFIX}
 * file behind, and nothing else ever removes it.
 *
 * <p>Only that exact name is removed: before the sweep existed, ids starting with the prefix were stored like any
 * other (and other tools write such names), so any other file whose name starts with the prefix is data. Those are
 * kept and named in one warning per sweep.</p>
 *
 * <p>Safe next to live writers on this node and on others sharing the tree over NFS: a file is removed only when it
 * was last modified more than the maximum age ago. A live writer modifies its file with every buffer it writes, so
 * the age measures how long a write has been idle, not how long it has run. Links are neither followed nor removed,
 * and a file or directory that another node removes during the walk is skipped.</p>
 *
 * <p>The walk reads one directory at a time as it descends (it never holds the list of files), and is stopped by
 * interrupting its thread.</p>
 */
final class TemporaryFileSweep extends SimpleFileVisitor<Path> {

    /** What {@code Files.createTempFile(directory, prefix, suffix)} names a file: the JDK puts an unsigned number between. */
    private static final Pattern TEMPORARY_FILE_NAME = Pattern.compile(
            Pattern.quote(FilesystemBinarydataHandler.TEMPORARY_PREFIX) + "\\d+" + Pattern.quote(FilesystemBinarydataHandler.TEMPORARY_SUFFIX));

    /** How many of the kept look-alikes the warning names. */
    private static final int NAMED_LOOK_ALIKES = 5;

    private final String handler;
    private final Instant removableBefore;
    private int removed;
    private int failed;
    private IOException firstFailure;
    private int keptLookAlikes;
    private final List<Path> firstLookAlikes = new ArrayList<>();

    private TemporaryFileSweep(String handler, Instant removableBefore) {
        this.handler = handler;
        this.removableBefore = removableBefore;
    }

    /**
     * Walks the directory (itself resolved through links: it is configuration) and removes the temporary files older
     * than the maximum age; logs what it removed and what it could not.
     *
     * @return the number of files removed
     */
    static int sweep(String handler, Path directory, Duration maxAge) {
        TemporaryFileSweep sweep = new TemporaryFileSweep(handler, Instant.now().minus(maxAge));
        try {
            Files.walkFileTree(directory.toRealPath(), sweep);
        } catch (NoSuchFileException e) {
            return 0; // nothing written yet
        } catch (IOException e) {
            sweep.failedOn(e);
        }
        if (sweep.removed > 0) {
            ClusterIOLogger.FS_LOGGER.temporaryFilesRemoved(handler, sweep.removed, directory, maxAge);
        }
        if (sweep.keptLookAlikes > 0) {
            ClusterIOLogger.FS_LOGGER.temporaryFileLookAlikesKept(handler, sweep.keptLookAlikes, directory, FilesystemBinarydataHandler.TEMPORARY_PREFIX,
                    FilesystemBinarydataHandler.TEMPORARY_PREFIX + "<digits>" + FilesystemBinarydataHandler.TEMPORARY_SUFFIX, sweep.firstLookAlikes.toString());
        }
        if (sweep.failed > 0) {
            ClusterIOLogger.FS_LOGGER.temporaryFileSweepFailed(handler, sweep.failed, directory, sweep.firstFailure.toString(), sweep.firstFailure);
        }
        return sweep.removed;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
        return Thread.currentThread().isInterrupted() ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        // The attributes are the link's own (the walk follows no link): a link is not a regular file and is skipped.
        String name = file.getFileName().toString();
        if (!attributes.isRegularFile() || !name.startsWith(FilesystemBinarydataHandler.TEMPORARY_PREFIX)) {
            return FileVisitResult.CONTINUE;
        }
        if (!isTemporaryFileName(name)) {
            keptLookAlike(file);
        } else if (attributes.lastModifiedTime().toInstant().isBefore(removableBefore)) {
            remove(file);
        }
        return FileVisitResult.CONTINUE;
    }

    /** Whether the name is one the handler gives its temporary files, and nothing else. */
    static boolean isTemporaryFileName(String name) {
        return TEMPORARY_FILE_NAME.matcher(name).matches();
    }

    private void keptLookAlike(Path file) {
        keptLookAlikes++;
        if (firstLookAlikes.size() < NAMED_LOOK_ALIKES) {
            firstLookAlikes.add(file);
        }
    }

    private void remove(Path file) {
        try {
            // Read again just before the unlink: a writer that resumed since the directory was read keeps its file.
            BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (now.isRegularFile() && now.lastModifiedTime().toInstant().isBefore(removableBefore) && Files.deleteIfExists(file)) {
                removed++;
                ClusterIOLogger.FS_LOGGER.temporaryFileRemoved(handler, file, now.lastModifiedTime().toInstant(), now.size());
            }
        } catch (NoSuchFileException e) {
            // removed by the sweep of another node, or renamed by its writer: nothing left to do
        } catch (IOException e) {
            failedOn(e);
        }
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
        if (!(e instanceof NoSuchFileException)) {
            failedOn(e); // a directory this node may not read: the rest of the tree is still swept
        }
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path directory, IOException e) {
        if (e != null && !(e instanceof NoSuchFileException)) {
            failedOn(e);
        }
        return FileVisitResult.CONTINUE;
    }

    private void failedOn(IOException e) {
        failed++;
        if (firstFailure == null) {
            firstFailure = e;
        }
    }
}
