package org.clusterio.io.fs;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Optional;

import org.clusterio.api.InvalidBinaryFileIdException;
import org.clusterio.logging.ClusterIOLogger;

/**
 * Maps the ids of one site to paths proven to lie inside the site's directory, whatever symbolic links the tree below
 * it holds. Every operation of the filesystem binarydata handler goes through it.
 *
 * <p><b>Trusted and untrusted parts.</b> Only the handler's root (the configured {@code path}, {@code relative-to}) is
 * configuration: it may be a link or a mount point and is resolved to its real path, the <em>real handler root</em>.
 * Everything below it is data that others write too (PHP cluster nodes create and own {@code var/<site>}, unpacked
 * archives, rsync), the directories of the expanded path template included:
 * <ul>
 * <li>the site directory is resolved to its real path, the <em>real site directory</em>, which must lie inside the real
 * handler root; when it does not (a component such as {@code var/site/storage} replaced by a link to elsewhere, a
 * cycle, a dangling link), the site holds nothing and writes to it fail;</li>
 * <li>a directory component of an id is resolved to its real path, which must lie inside the real site directory; a
 * component that is a link leading outside (or a link cycle, or a dangling link) makes the id name nothing. The path
 * handed out is made of real directories only, so using it follows no link;</li>
 * <li>the final component is never resolved: it is a name inside its real parent. A link as the final component is not
 * a stored file: readers open with {@link LinkOption#NOFOLLOW_LINKS}, and rename and unlink act on the link itself,
 * never on its target.</li>
 * </ul>
 * Directories that a write needs, those of the site directory included, are created one at a time below the real
 * handler root, and each one, created or found, is checked the same way before the next is created inside it.</p>
 *
 * <p><b>Races that remain.</b> A path is checked, then used: whoever can write to the tree can replace a checked
 * directory by a link in the microseconds between the check and the use (for a listing or a recursive delete, between
 * reading a directory and descending into it). Closing that window needs every system call to be made relative to an
 * open directory ({@code openat}, {@code mkdirat}, {@code renameat}), which Java does not offer for creating
 * directories. The defence holds against links planted beforehand, which is how links get into a store; it does not
 * hold against a process racing it with write access to the store, which can already replace every stored file.</p>
 *
 * <p><b>What is remembered.</b> Reads of existing files ({@link #existing}) remember the real site directory of their
 * last complete check, and a later read whose parent directory resolves inside it is answered with one resolution
 * of the parent: a real path has no link in it, so a parent found inside the remembered directory is inside it now.
 * When a link planted later leads the parent elsewhere, the complete check is made again and refuses it as before.
 * The configured handler root is trusted: an operator who points it elsewhere reloads the server, as for any change
 * of a handler's path.</p>
 *
 * <p>Thread-safe: it holds the configured directories and the remembered real site directory, a volatile value that
 * any complete check may replace.</p>
 */
final class ConfinedPaths {

    private final Path handlerRoot;
    private final Path siteDirectory;
    private final DirectoryCreator directories;
    /**
     * The real site directory as the last complete check found it, or null before the first: reads of ids whose
     * parent resolves inside it need not resolve the handler's root and the site directory again. Only ever a
     * result of {@link #realRoot()}, so never a directory outside the real handler root as it was then.
     */
    private volatile Path rememberedRealRoot;

    /**
     * @param handlerRoot   the handler's root as configured: absolute and normalized, possibly through links
     * @param siteDirectory the site's directory as written: the handler's root with the expanded path template, inside it
     */
    ConfinedPaths(Path handlerRoot, Path siteDirectory, DirectoryCreator directories) {
        if (!siteDirectory.startsWith(handlerRoot)) {
            throw new IllegalArgumentException(siteDirectory + " is not inside " + handlerRoot);
        }
        this.handlerRoot = handlerRoot;
        this.siteDirectory = siteDirectory;
        this.directories = directories;
    }

    Path siteDirectory() {
        return siteDirectory;
    }

    /**
     * @return the path of the id inside its real parent directory, for reading, deleting or listing; empty when the
     *         parent does not exist, is not a directory or leads outside the real root. The final component may be
     *         anything, a link included: callers do not follow it.
     * @throws InvalidBinaryFileIdException if the id, read as a path, leaves the site directory
     */
    Optional<Path> existing(String id) throws IOException {
        Path lexical = lexical(id);
        Path remembered = rememberedRealRoot;
        if (remembered != null) {
            // One walk of the path instead of three (handler root, site directory, parent): a parent whose real path
            // lies inside the real site directory found before is confined, as its real path is made of real
            // directories now. A link planted since then leads its real path elsewhere, and the whole check is made.
            Optional<Path> parent = realDirectoryInside(lexical.getParent(), remembered);
            if (parent.isPresent()) {
                return Optional.of(parent.get().resolve(lexical.getFileName().toString()));
            }
        }
        Optional<Path> root = realRoot();
        if (root.isEmpty()) {
            return Optional.empty();
        }
        rememberedRealRoot = root.get();
        Optional<Path> parent = realDirectoryInside(lexical.getParent(), root.get());
        return parent.map(directory -> directory.resolve(lexical.getFileName().toString()));
    }

    /**
     * @return the real path of a directory named by a prefix, for listing or deleting it: a link inside the site
     *         directory is resolved to the directory it names, like the directory components of any id; empty when it
     *         does not exist, is no directory, or is not strictly below the real site directory (a link to the site
     *         directory or above it names no directory of its own, so that deleting it cannot delete the site)
     * @throws InvalidBinaryFileIdException if the prefix, read as a path, leaves the site directory
     */
    Optional<Path> existingDirectory(String prefix) throws IOException {
        Path lexical = lexical(prefix);
        Optional<Path> root = realRoot();
        if (root.isEmpty()) {
            return Optional.empty();
        }
        return realDirectoryInside(lexical, root.get()).filter(real -> !real.equals(root.get()));
    }

    /**
     * @return the real site directory when it is a directory inside the real handler root; empty when the site has
     *         written nothing yet, or when a link below the handler's root leads it elsewhere
     */
    Optional<Path> realRoot() throws IOException {
        Optional<Path> handler = realHandlerRoot();
        return handler.isEmpty() ? Optional.empty() : realDirectoryInside(siteDirectory, handler.get());
    }

    private Optional<Path> realHandlerRoot() throws IOException {
        try {
            Path real = handlerRoot.toRealPath(); // the configured part: links there are the operator's
            return Files.isDirectory(real) ? Optional.of(real) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Creates the missing directories of the id's parent, inside the real root, and returns the id's path inside its
     * real parent, for a write: the caller creates its file next to it and renames it over the returned path.
     *
     * @throws OutsideStorageException if an existing directory component leads outside the real root
     * @throws InvalidBinaryFileIdException if the id, read as a path, leaves the site directory
     */
    Path forWriting(String id) throws IOException {
        Path lexical = lexical(id);
        String fileName = lexical.getFileName().toString();
        Optional<Path> site = realRoot();
        Optional<Path> parent = site.isEmpty() ? Optional.empty() : realDirectoryInside(lexical.getParent(), site.get());
        if (parent.isPresent()) {
            return parent.get().resolve(fileName); // the common case: the directory exists already
        }
        if (!Files.isDirectory(handlerRoot)) {
            directories.createDirectories(handlerRoot); // the configured part: links there are the operator's
        }
        Path handler = handlerRoot.toRealPath();
        Path realSite = createInside(handler, handlerRoot.relativize(siteDirectory), handler, id);
        return createInside(realSite, siteDirectory.relativize(lexical.getParent()), realSite, id).resolve(fileName);
    }

    /**
     * Creates the missing directories of a relative path below a real directory, one at a time, each checked to be a
     * real directory inside the confining one before the next is created in it.
     *
     * @return the real path of the last directory
     */
    private Path createInside(Path realStart, Path relative, Path confinement, String id) throws IOException {
        Path current = realStart;
        for (Path component : relative) {
            if (component.toString().isEmpty()) {
                continue; // relativizing a path against itself gives the empty path
            }
            Path next = current.resolve(component.toString());
            directories.createConfined(next); // mkdir never follows a link: an existing link is left as it is
            current = realDirectoryInside(next, confinement).orElseThrow(() -> new OutsideStorageException(id, next, confinement));
        }
        return current;
    }

    /** @return the real path of the directory when it exists, is a directory and lies inside the root */
    private static Optional<Path> realDirectoryInside(Path directory, Path root) throws IOException {
        Path real;
        try {
            real = directory.toRealPath();
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        }
        if (!real.startsWith(root) || !Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(real);
    }

    /**
     * Maps a validated id to its path as written, refusing anything that would end up outside the site's directory or
     * on it; no file system access.
     */
    Path lexical(String id) {
        Path path = siteDirectory.resolve(id).normalize();
        if (!path.startsWith(siteDirectory) || path.equals(siteDirectory)) {
            throw ClusterIOLogger.FS_LOGGER.idOutsideStorage(id);
        }
        return path;
    }

    /** A directory that a write needs is a link leading outside the storage (or is not a directory at all). */
    static final class OutsideStorageException extends FileSystemException {

        private static final long serialVersionUID = 1L;

        private final String root;

        OutsideStorageException(String id, Path directory, Path root) {
            super(directory.toString(), null, "the directory of '" + id + "' is not a directory inside " + root);
            this.root = root.toString();
        }

        String root() {
            return root;
        }
    }
}
