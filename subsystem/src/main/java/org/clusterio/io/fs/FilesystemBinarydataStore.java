package org.clusterio.io.fs;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;

import org.clusterio.api.InvalidBinaryFileIdException;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.BinarydataHandlerProvider;
import org.clusterio.io.SiteLayout;

/**
 * A directory (local or NFS) that stores binaries for one or more sites. Each site writes below
 * {@code <root>/<path template expanded for the site>}, so two sites sharing the store never share a directory
 * unless their templates say so.
 */
public final class FilesystemBinarydataStore implements BinarydataHandlerProvider {

    private final Path root;
    private final String pathTemplate;
    private final Set<PosixFilePermission> filePermissions;
    private final Set<PosixFilePermission> directoryPermissions;
    private final boolean fsync;

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
            throw new InvalidBinaryFileIdException("The path template '" + pathTemplate + "' leads outside the root " + root + " for site " + site.name());
        }
        return new FilesystemBinarydataHandler(siteRoot, new DirectoryCreator(root, directoryPermissions), filePermissions, fsync);
    }

    public Path root() {
        return root;
    }
}
