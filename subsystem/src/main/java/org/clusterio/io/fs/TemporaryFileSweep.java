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

import org.clusterio.logging.ClusterIOLogger;

/**
 * One pass over a directory tree that removes the temporary files of writes that never finished: a node killed (or
 * a disk that filled up under a crashed process) in the middle of a write leaves its hidden
 * {@value FilesystemBinarydataHandler#TEMPORARY_PREFIX}{@code *} file behind, and nothing else ever removes it.
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

    private final String handler;
    private final Instant removableBefore;
    private int removed;
    private int failed;
    private IOException firstFailure;

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
            ClusterIOLogger.ROOT_LOGGER.temporaryFilesRemoved(handler, sweep.removed, directory, maxAge);
        }
        if (sweep.failed > 0) {
            ClusterIOLogger.ROOT_LOGGER.temporaryFileSweepFailed(handler, sweep.failed, directory, sweep.firstFailure.toString(), sweep.firstFailure);
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
        if (attributes.isRegularFile() && file.getFileName().toString().startsWith(FilesystemBinarydataHandler.TEMPORARY_PREFIX)
                && attributes.lastModifiedTime().toInstant().isBefore(removableBefore)) {
            remove(file);
        }
        return FileVisitResult.CONTINUE;
    }

    private void remove(Path file) {
        try {
            // Read again just before the unlink: a writer that resumed since the directory was read keeps its file.
            BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (now.isRegularFile() && now.lastModifiedTime().toInstant().isBefore(removableBefore) && Files.deleteIfExists(file)) {
                removed++;
                ClusterIOLogger.ROOT_LOGGER.temporaryFileRemoved(handler, file, now.lastModifiedTime().toInstant(), now.size());
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
