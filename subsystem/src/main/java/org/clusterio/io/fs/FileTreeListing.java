package org.clusterio.io.fs;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.clusterio.api.IOBackendException;
import org.clusterio.logging.ClusterIOLogger;

/**
 * The regular files below a directory, read lazily depth first: one open directory per level, never the tree in
 * memory. Other nodes may delete files while the listing runs, so an entry or a directory that is gone by the time
 * it is read is skipped (where {@code Files.walk} fails the whole listing). Symbolic links are neither followed nor
 * listed; entries whose names start with the hidden prefix (temporary files) are skipped.
 */
final class FileTreeListing implements Iterator<FileTreeListing.Entry>, AutoCloseable {

    /** A listed file and the attributes read when it was listed. */
    record Entry(Path path, BasicFileAttributes attributes) {
    }

    private final String hiddenPrefix;
    /** Which hidden files are listed instead of the visible ones, or null to list the visible files. */
    private final Predicate<String> hiddenListed;
    private final Deque<DirectoryStream<Path>> openDirectories = new ArrayDeque<>();
    private final Deque<Iterator<Path>> levels = new ArrayDeque<>();
    private Entry next;

    private FileTreeListing(String hiddenPrefix, Predicate<String> hiddenListed) {
        this.hiddenPrefix = hiddenPrefix;
        this.hiddenListed = hiddenListed;
    }

    /** @return the files below the directory (none if it is gone); closing the stream closes the open directories */
    static Stream<Entry> below(Path directory, String hiddenPrefix) {
        return stream(directory, new FileTreeListing(hiddenPrefix, null));
    }

    /**
     * @return the hidden regular files below the directory whose names pass the test (temporary files), found in the
     *         directories the visible listing descends into; closing the stream closes the open directories
     */
    static Stream<Entry> hiddenBelow(Path directory, String hiddenPrefix, Predicate<String> listed) {
        return stream(directory, new FileTreeListing(hiddenPrefix, listed));
    }

    private static Stream<Entry> stream(Path directory, FileTreeListing listing) {
        listing.descend(directory);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(listing, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(listing::close);
    }

    @Override
    public boolean hasNext() {
        while (next == null && !levels.isEmpty()) {
            Path entry = nextEntry(levels.peek());
            if (entry == null) {
                levels.pop();
                closeQuietly(openDirectories.pop());
            } else if (!entry.getFileName().toString().startsWith(hiddenPrefix)) {
                visit(entry, hiddenListed == null);
            } else if (hiddenListed != null && hiddenListed.test(entry.getFileName().toString())) {
                visit(entry, true);
            }
        }
        return next != null;
    }

    @Override
    public Entry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Entry entry = next;
        next = null;
        return entry;
    }

    private void visit(Path entry, boolean listFile) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return; // deleted since its directory was read
        } catch (IOException e) {
            throw failed(entry, e);
        }
        if (attributes.isDirectory()) {
            descend(entry);
        } else if (attributes.isRegularFile() && listFile) {
            next = new Entry(entry, attributes);
        }
    }

    private void descend(Path directory) {
        try {
            DirectoryStream<Path> stream = Files.newDirectoryStream(directory);
            openDirectories.push(stream);
            levels.push(stream.iterator());
        } catch (NoSuchFileException | NotDirectoryException e) {
            // deleted (or replaced by a file) since it was listed: nothing below it to list
        } catch (IOException e) {
            throw failed(directory, e);
        }
    }

    /** @return the next entry of a directory, or null at its end (or when the directory was deleted meanwhile) */
    private Path nextEntry(Iterator<Path> level) {
        try {
            return level.hasNext() ? level.next() : null;
        } catch (DirectoryIteratorException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return null;
            }
            throw failed(null, e.getCause());
        }
    }

    private static IOBackendException failed(Path path, IOException e) {
        return ClusterIOLogger.FS_LOGGER.listingFailed(path == null ? "a directory" : path.toString(), e.getMessage(), e);
    }

    @Override
    public void close() {
        while (!openDirectories.isEmpty()) {
            closeQuietly(openDirectories.pop());
        }
        levels.clear();
    }

    private static void closeQuietly(DirectoryStream<Path> stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // A directory handle that fails to close has nothing left to tell the listing.
        }
    }
}
