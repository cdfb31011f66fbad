package org.clusterio.io.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.BinarydataStore;
import org.clusterio.io.ReadinessProbe;
import org.clusterio.io.SiteLayout;
import org.clusterio.logging.ClusterIOLogger;

/**
 * A directory (local or NFS) that stores binaries for one or more sites. Each site writes below
 * {@code <root>/<path template expanded for the site>}, so two sites sharing the store never share a directory
 * unless their templates say so. Only the root is configuration; the directories of the expanded template are data
 * that PHP cluster nodes write too, and links there never lead the store outside its root (see {@link ConfinedPaths}).
 *
 * <p>Once {@link #startSweeping started}, the store removes the temporary files that writers killed in the middle of a
 * write leave behind (see {@link TemporaryFileSweep}), until it is {@link #close() closed}.</p>
 */
public final class FilesystemBinarydataStore implements BinarydataStore, ReadinessProbe, AutoCloseable {

    private final Path root;
    private final String pathTemplate;
    private final Set<PosixFilePermission> filePermissions;
    private final Set<PosixFilePermission> directoryPermissions;
    private final boolean fsync;
    private volatile TemporaryFileSweeper sweeper;

    /**
     * @param root                 the store's root directory; created on first write if missing
     * @param pathTemplate         a relative path below the root, with {@code $var_dir$} and {@code $storage_dir$}
     * @param filePermissions      permissions of stored files
     * @param directoryPermissions permissions of directories the store creates
     * @param fsync                whether every write is flushed to stable storage before it becomes visible
     */
    public FilesystemBinarydataStore(Path root, String pathTemplate, Set<PosixFilePermission> filePermissions,
            Set<PosixFilePermission> directoryPermissions, boolean fsync) {
        this.root = root.toAbsolutePath().normalize();
        this.pathTemplate = Objects.requireNonNull(pathTemplate, "pathTemplate");
        this.filePermissions = Set.copyOf(filePermissions);
        this.directoryPermissions = Set.copyOf(directoryPermissions);
        this.fsync = fsync;
    }

    @Override
    public BinarydataHandler forSite(SiteLayout site) {
        Path siteRoot = root.resolve(site.expand(pathTemplate)).normalize();
        if (!siteRoot.startsWith(root)) {
            throw ClusterIOLogger.FS_LOGGER.pathTemplateOutsideRoot(pathTemplate, root, site.name());
        }
        return new FilesystemBinarydataHandler(root, siteRoot, new DirectoryCreator(root, directoryPermissions), filePermissions, fsync);
    }

    public Path root() {
        return root;
    }

    /**
     * Whether the root takes a new file now: creates the root if it is missing (as the first write would), then
     * creates and deletes an empty temporary file in it, named as a write's temporary file so that the sweep removes
     * one left behind. A full disk, a read-only mount or a root that cannot be a directory fails it.
     */
    @Override
    public Map<String, String> probe(Duration timeout) throws IOException {
        new DirectoryCreator(root, directoryPermissions).createDirectories(root);
        Files.delete(Files.createTempFile(root, FilesystemBinarydataHandler.TEMPORARY_PREFIX, FilesystemBinarydataHandler.TEMPORARY_SUFFIX));
        return Map.of("path", root.toString());
    }

    /**
     * Removes the temporary files of interrupted writes below the real root (a site directory that a link leads
     * elsewhere is no part of the store, and is not swept): now, in the background, and then periodically until
     * {@link #close()}.
     *
     * @param handlerName names the store in log messages
     * @param maxAge      how long a temporary file must have been left unmodified before it is removed; writers on
     *                    other nodes sharing the directory are protected by it too, so it must exceed the longest
     *                    pause of a live write (a stalled upload) plus the clock difference between nodes
     * @return this store
     */
    public FilesystemBinarydataStore startSweeping(String handlerName, Duration maxAge) {
        synchronized (this) {
            if (sweeper != null) {
                throw new IllegalStateException("The store of " + handlerName + " sweeps already");
            }
            sweeper = new TemporaryFileSweeper(handlerName, root, maxAge);
        }
        return this;
    }

    /** Stops sweeping; a sweep that is running ends at its next directory. The handlers stay usable. */
    @Override
    public synchronized void close() {
        if (sweeper != null) {
            sweeper.close();
            sweeper = null;
        }
    }
}
