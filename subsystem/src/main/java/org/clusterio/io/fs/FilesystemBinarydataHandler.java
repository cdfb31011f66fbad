package org.clusterio.io.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.clusterio.api.BinaryFileNotFoundException;
import org.clusterio.api.IOBackendException;
import org.clusterio.api.InvalidBinaryFileIdException;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.BinaryFileMetadata;
import org.clusterio.io.MimeTypes;

/**
 * Stores one site's binaries as files below a directory. A write goes to a hidden temporary file in the target's
 * own directory (so the rename cannot cross file systems), is optionally flushed, and is then renamed over the
 * target atomically: readers on any node see the old file or the new one, never a partial one.
 */
final class FilesystemBinarydataHandler implements BinarydataHandler {

    /** Prefix of temporary files: hidden, and never a valid stored name because ids never start a segment with it. */
    static final String TEMPORARY_PREFIX = ".clusterio-";
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path siteRoot;
    private final DirectoryCreator directories;
    private final Set<PosixFilePermission> filePermissions;
    private final boolean fsync;
    private final MimeTypes mimeTypes = new MimeTypes();

    FilesystemBinarydataHandler(Path siteRoot, DirectoryCreator directories, Set<PosixFilePermission> filePermissions, boolean fsync) {
        this.siteRoot = siteRoot;
        this.directories = directories;
        this.filePermissions = filePermissions;
        this.fsync = fsync;
    }

    @Override
    public long create(String name, InputStream content, long expectedSize) {
        Path target = resolve(name);
        Path temporary = null;
        try {
            directories.createDirectories(target.getParent());
            temporary = Files.createTempFile(target.getParent(), TEMPORARY_PREFIX, ".tmp");
            long written = write(content, temporary);
            if (expectedSize >= 0 && written != expectedSize) {
                throw new IOException("the content held " + written + " bytes where " + expectedSize + " were declared");
            }
            PosixPermissions.apply(temporary, filePermissions);
            moveAtomically(temporary, target);
            temporary = null;
            if (fsync) {
                syncDirectory(target.getParent());
            }
            return written;
        } catch (IOException e) {
            throw new IOBackendException("Could not store '" + name + "' in " + siteRoot + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private long write(InputStream content, Path temporary) throws IOException {
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = Channels.newOutputStream(channel);
            byte[] buffer = new byte[BUFFER_SIZE];
            long written = 0;
            for (int read; (read = content.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
                written += read;
            }
            if (fsync) {
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
            return Files.newInputStream(resolveForReading(name));
        } catch (NoSuchFileException e) {
            throw new BinaryFileNotFoundException(name);
        } catch (IOException e) {
            throw new IOBackendException("Could not open '" + name + "' in " + siteRoot + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String name, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(resolveForReading(name), StandardOpenOption.READ);
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
            throw new IOBackendException("Could not open '" + name + "' in " + siteRoot + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<FileChannel> openChannel(String name) {
        try {
            return Optional.of(FileChannel.open(resolveForReading(name), StandardOpenOption.READ));
        } catch (NoSuchFileException e) {
            throw new BinaryFileNotFoundException(name);
        } catch (IOException e) {
            throw new IOBackendException("Could not open '" + name + "' in " + siteRoot + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<BinaryFileMetadata> stat(String name) {
        Path path = resolve(name);
        try {
            // A symbolic link is never a stored file: the store writes none, and one could point anywhere.
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(metadata(name, path, attributes));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IOBackendException("Could not read the attributes of '" + name + "' in " + siteRoot + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String name) {
        try {
            Files.deleteIfExists(resolve(name));
        } catch (IOException e) {
            throw new IOBackendException("Could not delete '" + name + "' in " + siteRoot + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void deleteDirectory(String prefix) {
        Path directory = resolve(prefix);
        try {
            if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                Files.walkFileTree(directory, new RecursiveDelete());
            }
        } catch (IOException e) {
            throw new IOBackendException("Could not delete the directory '" + prefix + "' in " + siteRoot + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Stream<BinaryFileMetadata> list(String prefix) {
        Path directory = prefix.isEmpty() ? siteRoot : resolve(prefix);
        if (!Files.isDirectory(directory)) {
            return Stream.empty();
        }
        try {
            // Files.walk reads directories as the stream is consumed; closing the stream closes them.
            Stream<Path> files = Files.walk(directory);
            return files.filter(path -> !path.getFileName().toString().startsWith(TEMPORARY_PREFIX))
                    .map(this::statListed)
                    .flatMap(Optional::stream);
        } catch (IOException e) {
            throw new IOBackendException("Could not list '" + prefix + "' in " + siteRoot + ": " + e.getMessage(), e);
        }
    }

    private Optional<BinaryFileMetadata> statListed(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(metadata(siteRoot.relativize(path).toString().replace(java.io.File.separatorChar, '/'), path, attributes));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // deleted while the listing ran
        } catch (IOException e) {
            throw new IOBackendException("Could not read the attributes of " + path + ": " + e.getMessage(), e);
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
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(MimeTypes.SNIFF_LENGTH);
            return mimeTypes.detect(name, head, head.length);
        } catch (IOException e) {
            return MimeTypes.UNKNOWN;
        }
    }

    /**
     * Maps a validated id to the file whose bytes may be read: its real path, after every symbolic link, must still
     * be inside the site's directory (itself possibly a link to an NFS mount), so that a link planted in the tree
     * cannot hand out a byte from elsewhere. Such a file does not exist for readers.
     */
    private Path resolveForReading(String name) throws IOException {
        Path real = resolve(name).toRealPath();
        if (!real.startsWith(siteRoot.toRealPath())) {
            throw new NoSuchFileException(name, null, "leads outside the storage directory");
        }
        return real;
    }

    /** Maps a validated id to its file, refusing anything that would end up outside the site's directory. */
    private Path resolve(String name) {
        Path path = siteRoot.resolve(name).normalize();
        if (!path.startsWith(siteRoot) || path.equals(siteRoot)) {
            throw new InvalidBinaryFileIdException("The id '" + name + "' does not name a file inside the storage directory");
        }
        return path;
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
