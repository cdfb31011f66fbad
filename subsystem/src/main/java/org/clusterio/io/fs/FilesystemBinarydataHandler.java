package org.clusterio.io.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.clusterio.api.BinaryFileIds;
import org.clusterio.api.BinaryFileNotFoundException;
import org.clusterio.api.IOBackendException;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.BinaryFileMetadata;
import org.clusterio.io.MimeTypes;
import org.clusterio.logging.ClusterIOLogger;

/**
 * Stores one site's binaries as files below a directory. A write goes to a hidden temporary file in the target's
 * own directory (so the rename cannot cross file systems), is optionally flushed, and is then renamed over the
 * target atomically: readers on any node see the old file or the new one, never a partial one.
 *
 * <p>Every operation reaches its files through {@link ConfinedPaths}: none follows a symbolic link out of the site's
 * directory, and a link is never a stored file. What lies behind a link that leads outside does not exist for
 * reads, listings and deletes; a write through one fails with {@link IOBackendException} (see {@link #create}).</p>
 *
 * <p>Longer than 250 lines because it implements the whole {@link BinarydataHandler} contract for one directory tree;
 * confinement, listing, versions, deletes and the sweep are classes of their own ({@link ConfinedPaths},
 * {@link FileTreeListing}, {@link FileVersions}, {@link RecursiveDelete}, {@link TemporaryFileSweep}).</p>
 */
final class FilesystemBinarydataHandler implements BinarydataHandler {

    /** Prefix of temporary files: hidden, and never a valid stored name because ids never start a segment with it. */
    static final String TEMPORARY_PREFIX = BinaryFileIds.RESERVED_PREFIX;

    /** The suffix of the temporary files a write creates; between prefix and suffix the JDK puts digits only. */
    static final String TEMPORARY_SUFFIX = ".tmp";
    private static final int BUFFER_SIZE = 64 * 1024;
    /** How often a file replaced while it is opened for serving is opened again before the request fails (503). */
    static final int OPEN_ATTEMPTS = 3;

    private final ConfinedPaths paths;
    /** Whether the site directory lies on a local file system; null until it exists (see {@link #opensWithoutBlocking}). */
    private volatile Boolean localFileSystem;
    private final Set<PosixFilePermission> filePermissions;
    private final boolean fsync;
    private final MimeTypes mimeTypes = new MimeTypes();

    FilesystemBinarydataHandler(Path handlerRoot, Path siteRoot, DirectoryCreator directories, Set<PosixFilePermission> filePermissions,
            boolean fsync) {
        this.paths = new ConfinedPaths(handlerRoot, siteRoot, directories);
        this.filePermissions = filePermissions;
        this.fsync = fsync;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A directory of the name that is a link leading outside the site's directory fails the write with an
     * {@link IOBackendException} that names the link, and nothing is written: the id is valid (another store, or this
     * one without the link, stores it), it is the store that holds something an operator must remove. A link as the
     * final component is replaced by the stored file, never written through.</p>
     */
    @Override
    public long create(String name, InputStream content, long expectedSize) {
        Path temporary = null;
        try {
            Path target = paths.forWriting(name);
            temporary = Files.createTempFile(target.getParent(), TEMPORARY_PREFIX, TEMPORARY_SUFFIX);
            long written = write(content, temporary, fsync);
            if (expectedSize >= 0 && written != expectedSize) {
                throw new IOException("the content held " + written + " bytes where " + expectedSize + " were declared");
            }
            PosixPermissions.apply(temporary, filePermissions);
            FileVersions.laterThanReplaced(temporary, target);
            moveAtomically(temporary, target);
            temporary = null;
            if (fsync) {
                syncDirectory(target.getParent());
            }
            return written;
        } catch (IOException e) {
            throw storeFailed(name, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private IOBackendException storeFailed(String name, IOException e) {
        if (e instanceof ConfinedPaths.OutsideStorageException outside) {
            return ClusterIOLogger.FS_LOGGER.directoryLeavesTheStorage(name, outside.getFile(), outside.root(), outside);
        }
        return ClusterIOLogger.FS_LOGGER.fileStoreFailed(name, siteRoot(), e.getMessage(), e);
    }

    /**
     * {@inheritDoc}
     *
     * <p>With fsync, in four steps: every file is written to its temporary name, then every temporary file is flushed
     * (fdatasync), then each is renamed over its target, then each directory that received one is flushed once. A
     * rename never comes before its own content's flush, so a crash leaves each name with its old file or its new
     * complete one, as {@link #create} does; and a directory that receives several files of the batch is flushed once
     * for all of them. Without fsync each file is stored as {@link #create} stores it.</p>
     */
    @Override
    public Map<String, RuntimeException> createAll(List<NewFile> files) {
        if (!fsync) {
            return BinarydataHandler.super.createAll(files);
        }
        Map<String, RuntimeException> failures = new LinkedHashMap<>();
        List<Staged> staged = new ArrayList<>(files.size());
        try {
            for (NewFile file : files) {
                stage(file, failures).ifPresent(staged::add);
            }
            for (Staged file : staged) {
                if (!failures.containsKey(file.name())) {
                    try (FileChannel channel = FileChannel.open(file.temporary(), StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                        channel.force(false);
                    } catch (IOException e) {
                        failures.put(file.name(), storeFailed(file.name(), e));
                    }
                }
            }
            Set<Path> directories = new LinkedHashSet<>();
            for (Staged file : staged) {
                if (!failures.containsKey(file.name())) {
                    try {
                        FileVersions.laterThanReplaced(file.temporary(), file.target());
                        moveAtomically(file.temporary(), file.target());
                        file.published();
                        directories.add(file.target().getParent());
                    } catch (IOException e) {
                        failures.put(file.name(), storeFailed(file.name(), e));
                    }
                }
            }
            directories.forEach(FilesystemBinarydataHandler::syncDirectory);
            return failures;
        } finally {
            staged.forEach(file -> deleteQuietly(file.leftover()));
        }
    }

    /** Writes one file of a batch to its temporary name, unflushed; a failure is put in the map. */
    private Optional<Staged> stage(NewFile file, Map<String, RuntimeException> failures) {
        Path temporary = null;
        try (InputStream content = file.content().get()) {
            Path target = paths.forWriting(file.name());
            temporary = Files.createTempFile(target.getParent(), TEMPORARY_PREFIX, TEMPORARY_SUFFIX);
            long written = write(content, temporary, false);
            if (file.expectedSize() >= 0 && written != file.expectedSize()) {
                throw new IOException("the content held " + written + " bytes where " + file.expectedSize() + " were declared");
            }
            PosixPermissions.apply(temporary, filePermissions);
            Staged staged = new Staged(file.name(), temporary, target);
            temporary = null;
            return Optional.of(staged);
        } catch (IOException e) {
            failures.put(file.name(), storeFailed(file.name(), e));
        } catch (RuntimeException e) {
            failures.put(file.name(), e);
        } finally {
            deleteQuietly(temporary);
        }
        return Optional.empty();
    }

    /** A file of a batch written to its temporary name, to be renamed to its target. */
    private static final class Staged {

        private final String name;
        private final Path temporary;
        private final Path target;
        private boolean published;

        Staged(String name, Path temporary, Path target) {
            this.name = name;
            this.temporary = temporary;
            this.target = target;
        }

        String name() {
            return name;
        }

        Path temporary() {
            return temporary;
        }

        Path target() {
            return target;
        }

        void published() {
            published = true;
        }

        /** @return the temporary file while it was not renamed: what is left to delete */
        Path leftover() {
            return published ? null : temporary;
        }
    }

    private long write(InputStream content, Path temporary, boolean flush) throws IOException {
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
            OutputStream out = Channels.newOutputStream(channel);
            byte[] buffer = new byte[BUFFER_SIZE];
            long written = 0;
            for (int read; (read = content.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
                written += read;
            }
            if (flush) {
                // fdatasync: the content and what is needed to read it back (its size); the mtime can wait.
                channel.force(false);
            }
            return written;
        }
    }

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target.getParent() + " cannot rename files atomically", e);
        }
    }

    /** Makes the rename itself durable; directories can be opened for reading and forced on Linux. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open directories; the file's content is flushed already.
        }
    }

    @Override
    public InputStream open(String name) {
        try {
            return Channels.newInputStream(openForReading(name));
        } catch (NoSuchFileException e) {
            throw new BinaryFileNotFoundException(name);
        } catch (IOException e) {
            throw ClusterIOLogger.FS_LOGGER.fileOpenFailed(name, siteRoot(), e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String name, long offset, long length) {
        try {
            FileChannel channel = openForReading(name);
            try {
                channel.position(offset);
                return new BoundedInputStream(Channels.newInputStream(channel), length);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (NoSuchFileException e) {
            throw new BinaryFileNotFoundException(name);
        } catch (IOException e) {
            throw ClusterIOLogger.FS_LOGGER.fileOpenFailed(name, siteRoot(), e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Java cannot ask an open file for its modification time (there is no fstat), so the file's attributes are read
     * by name just before and just after it is opened: when both name the same file (same fileKey, time and size) and
     * the opened channel has that size, the opened file is that file, because writers only ever rename new files into
     * place and a name never returns to a file it named before. A file replaced in between is opened again, a few
     * times at most. On NFS the open revalidates the file's attributes with the server (close-to-open consistency),
     * so the second read sees the server's size and time, the same on every node; a first read from a stale
     * attribute cache disagrees with it and costs one more attempt.</p>
     */
    @Override
    public OpenedFile openForServing(String name) {
        try {
            for (int attempt = 1; attempt <= OPEN_ATTEMPTS; attempt++) {
                Optional<OpenedFile> opened = openUnchanged(name);
                if (opened.isPresent()) {
                    return opened.get();
                }
            }
            throw ClusterIOLogger.FS_LOGGER.fileChangingWhileOpened(name, siteRoot().toString(), OPEN_ATTEMPTS);
        } catch (NoSuchFileException e) {
            throw new BinaryFileNotFoundException(name);
        } catch (IOException e) {
            throw ClusterIOLogger.FS_LOGGER.fileOpenFailed(name, siteRoot(), e.getMessage(), e);
        }
    }

    /** @return the file opened, or empty when it was replaced while being opened */
    private Optional<OpenedFile> openUnchanged(String name) throws IOException {
        // The name is confined once: the path handed out is made of real directories, and the file's own
        // component is never followed, so the same path names the same file for the three calls.
        Path path = storedFile(name);
        BasicFileAttributes before = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        FileChannel channel = openForReading(name, path);
        try {
            BasicFileAttributes after = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (sameFile(before, after) && channel.size() == after.size()) {
                return Optional.of(new OpenedFile(channel, after.size(), after.lastModifiedTime()));
            }
        } catch (NoSuchFileException e) {
            // deleted right after the open: the next attempt finds it gone, or its replacement
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        channel.close();
        return Optional.empty();
    }

    private static boolean sameFile(BasicFileAttributes before, BasicFileAttributes after) {
        return Objects.equals(before.fileKey(), after.fileKey()) && before.lastModifiedTime().equals(after.lastModifiedTime())
                && before.size() == after.size();
    }

    /**
     * Known once the site directory exists, from the file system it lies on; a mount made later below it is the
     * operator's change and takes a reload, like a change of the handler's path.
     */
    @Override
    public boolean opensWithoutBlocking() {
        Boolean known = localFileSystem;
        if (known == null) {
            try {
                Optional<Path> root = paths.realRoot();
                if (root.isEmpty()) {
                    return false; // nothing stored yet: asked again next time
                }
                known = LocalFileSystems.isLocal(root.get());
            } catch (IOException e) {
                return false;
            }
            localFileSystem = known;
        }
        return known;
    }

    @Override
    public Optional<BinaryFileMetadata> stat(String name) {
        try {
            Optional<Path> found = paths.existing(name);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Path path = found.get();
            // A symbolic link is never a stored file: the store writes none, and one could point anywhere.
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(metadata(name, path, attributes));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw ClusterIOLogger.FS_LOGGER.fileAttributesUnreadable(name, siteRoot(), e.getMessage(), e);
        }
    }

    @Override
    public void delete(String name) {
        try {
            Optional<Path> found = paths.existing(name);
            if (found.isPresent()) {
                Files.deleteIfExists(found.get()); // unlink: a link is removed, never its target
            }
        } catch (IOException e) {
            throw ClusterIOLogger.FS_LOGGER.fileDeleteFailed(name, siteRoot(), e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A prefix that is a link to a directory inside the site's directory deletes that directory, as reads and writes
     * through the link reach its files; a link leading outside (or to the site directory itself) names nothing.</p>
     */
    @Override
    public void deleteDirectory(String prefix) {
        try {
            Optional<Path> directory = paths.existingDirectory(prefix);
            if (directory.isPresent()) {
                Files.walkFileTree(directory.get(), new RecursiveDelete()); // links inside are deleted, not followed
            }
        } catch (IOException e) {
            throw ClusterIOLogger.FS_LOGGER.directoryDeleteFailed(prefix, siteRoot(), e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A prefix that is a link to a directory inside the site's directory lists that directory, under the prefix's
     * names; links below the prefix are never descended into.</p>
     */
    @Override
    public Stream<BinaryFileMetadata> list(String prefix) {
        try {
            Optional<Path> found = prefix.isEmpty() ? paths.realRoot() : paths.existingDirectory(prefix);
            if (found.isEmpty()) {
                return Stream.empty();
            }
            Path directory = found.get();
            String namePrefix = prefix.isEmpty() ? "" : prefix + "/";
            // Read as the stream is consumed; closing the stream closes the directories. Links are neither listed nor
            // descended into, and entries deleted while the listing runs are skipped.
            return FileTreeListing.below(directory, TEMPORARY_PREFIX)
                    .map(file -> metadata(namePrefix + directory.relativize(file.path()).toString().replace(java.io.File.separatorChar, '/'), file.path(), file.attributes()));
        } catch (IOException e) {
            throw ClusterIOLogger.FS_LOGGER.directoryListFailed(prefix, siteRoot(), e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The temporary files of writes killed before their rename: exactly the names {@link TemporaryFileSweep}
     * removes, whatever their age (the sweep removes them once they are older than its maximum age).</p>
     */
    @Override
    public Stream<BinaryFileMetadata> listTemporaryLeftovers() {
        try {
            Optional<Path> found = paths.realRoot();
            if (found.isEmpty()) {
                return Stream.empty();
            }
            Path directory = found.get();
            return FileTreeListing.hiddenBelow(directory, TEMPORARY_PREFIX, TemporaryFileSweep::isTemporaryFileName)
                    .map(file -> new BinaryFileMetadata(directory.relativize(file.path()).toString().replace(java.io.File.separatorChar, '/'),
                            file.attributes().size(), file.attributes().lastModifiedTime().toInstant(), MimeTypes.UNKNOWN));
        } catch (IOException e) {
            throw ClusterIOLogger.FS_LOGGER.directoryListFailed("", siteRoot(), e.getMessage(), e);
        }
    }

    /** The MIME type comes from the name, and from at most the first bytes of the file when the name tells nothing. */
    private BinaryFileMetadata metadata(String name, Path path, BasicFileAttributes attributes) {
        String mimeType = mimeTypes.fromName(name);
        if (mimeType.equals(MimeTypes.UNKNOWN)) {
            mimeType = sniff(name, path);
        }
        return new BinaryFileMetadata(name, attributes.size(), attributes.lastModifiedTime().toInstant(), mimeType);
    }

    private String sniff(String name, Path path) {
        try (InputStream in = Files.newInputStream(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            byte[] head = in.readNBytes(MimeTypes.SNIFF_LENGTH);
            return mimeTypes.detect(name, head, head.length);
        } catch (IOException e) {
            return MimeTypes.UNKNOWN;
        }
    }

    /** The file an id names inside the site's directory, confined (no link out of it is followed). */
    private Path storedFile(String name) throws IOException {
        return paths.existing(name).orElseThrow(() -> new NoSuchFileException(name, null, "not a file inside the storage directory"));
    }

    /**
     * Opens the stored file of a validated id: a regular file inside the site's directory (itself inside the handler's
     * real root), reached through real directories, and not a link itself, so that a link planted in the tree cannot
     * hand out a byte from elsewhere. Anything else does not exist for readers.
     */
    private FileChannel openForReading(String name) throws IOException {
        return openForReading(name, storedFile(name));
    }

    /** Opens the confined path of a validated id, as {@link #openForReading(String)}. */
    private static FileChannel openForReading(String name, Path path) throws IOException {
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(name, null, "not a stored file");
        }
        try {
            return FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            if (Files.isSymbolicLink(path)) { // replaced by a link since the check: O_NOFOLLOW refused it
                throw new NoSuchFileException(name, null, "not a stored file");
            }
            throw e;
        }
    }

    private Path siteRoot() {
        return paths.siteDirectory();
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // The original failure is what the caller needs to see; a stray temporary file is hidden and harmless.
            }
        }
    }
}
