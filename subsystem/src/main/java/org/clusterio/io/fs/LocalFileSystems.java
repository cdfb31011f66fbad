package org.clusterio.io.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Tells file systems on this node's own disks or memory from network ones. A storage filter opens files of a local
 * one on Undertow's IO thread, where an NFS server that stalls would stall every connection of that thread: only
 * the types named here count as local, anything else (nfs, nfs4, cifs, smb3, fuse mounts of object stores, types
 * this list does not know) as remote.
 */
final class LocalFileSystems {

    private static final Set<String> LOCAL_TYPES = Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "zfs", "f2fs", "tmpfs", "overlay", "apfs");

    private LocalFileSystems() {
    }

    /** @return whether the existing directory lies on a file system of a local type */
    static boolean isLocal(Path directory) throws IOException {
        return LOCAL_TYPES.contains(Files.getFileStore(directory).type().toLowerCase(Locale.ROOT));
    }
}
