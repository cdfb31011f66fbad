package org.clusterio.io.fs;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Creates directories with the configured permissions (the process umask would otherwise decide them), tolerating
 * other nodes creating the same directories at the same time. Below the store's root it is only called by
 * {@link ConfinedPaths}, one directory at a time, so that no directory is created through a link.
 */
final class DirectoryCreator {

    private final Path root;
    private final Set<PosixFilePermission> permissions;

    DirectoryCreator(Path root, Set<PosixFilePermission> permissions) {
        this.root = root;
        this.permissions = permissions;
    }

    /**
     * Creates the missing directories of the configured root, following the links the operator put on the way;
     * permissions are applied to the root itself, not to its parents.
     */
    void createDirectories(Path directory) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path dir = directory; dir != null && !Files.isDirectory(dir); dir = dir.getParent()) {
            missing.push(dir);
        }
        while (!missing.isEmpty()) {
            Path dir = missing.pop();
            if (!create(dir, dir.startsWith(root)) && !Files.isDirectory(dir)) {
                throw new FileAlreadyExistsException(dir.toString(), null, "exists and is not a directory");
            }
        }
    }

    /**
     * Creates one directory below the store's root (mkdir never follows a link in its last component) with the
     * configured permissions. The caller names it by its real parent, which is why it is not compared with the root
     * as configured: that may be reached through links.
     *
     * @return false if something exists under the name already: the caller checks what it is
     */
    boolean createConfined(Path directory) throws IOException {
        return create(directory, true);
    }

    private boolean create(Path directory, boolean applyPermissions) throws IOException {
        try {
            Files.createDirectory(directory);
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        if (applyPermissions) {
            PosixPermissions.apply(directory, permissions);
        }
        return true;
    }
}
