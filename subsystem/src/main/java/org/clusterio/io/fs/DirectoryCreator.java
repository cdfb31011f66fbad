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
 * Creates the missing directories of a path with the configured permissions (the process umask would otherwise
 * decide them), tolerating other nodes creating the same directories at the same time.
 */
final class DirectoryCreator {

    private final Path root;
    private final Set<PosixFilePermission> permissions;

    DirectoryCreator(Path root, Set<PosixFilePermission> permissions) {
        this.root = root;
        this.permissions = permissions;
    }

    void createDirectories(Path directory) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path dir = directory; dir != null && !Files.isDirectory(dir); dir = dir.getParent()) {
            missing.push(dir);
        }
        while (!missing.isEmpty()) {
            Path dir = missing.pop();
            try {
                Files.createDirectory(dir);
                if (dir.startsWith(root)) {
                    PosixPermissions.apply(dir, permissions);
                }
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(dir)) {
                    throw e;
                }
            }
        }
    }
}
