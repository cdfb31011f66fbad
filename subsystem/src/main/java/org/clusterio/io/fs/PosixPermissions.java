package org.clusterio.io.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.clusterio.logging.ClusterIOLogger;

/** Octal permission strings such as {@code 0644}, as the management model and NFS administrators write them. */
public final class PosixPermissions {

    /** Three or four octal digits; a leading fourth digit may only be 0 (no setuid, setgid or sticky bits). */
    public static final Pattern OCTAL = Pattern.compile("0?[0-7]{3}");

    private static final PosixFilePermission[] BY_BIT = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    private PosixPermissions() {
    }

    public static Set<PosixFilePermission> fromOctal(String octal) {
        if (!OCTAL.matcher(octal).matches()) {
            throw ClusterIOLogger.FS_LOGGER.notOctalPermission(octal);
        }
        int bits = Integer.parseInt(octal, 8);
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BY_BIT.length; i++) {
            if ((bits & (1 << i)) != 0) {
                permissions.add(BY_BIT[i]);
            }
        }
        return permissions;
    }

    /**
     * Applies the permissions where the file system supports POSIX permissions, and does nothing elsewhere. A link is
     * not followed (changing it fails): a file or directory replaced by a link after its creation keeps the link's
     * target untouched.
     */
    static void apply(Path path, Set<PosixFilePermission> permissions) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view != null) {
            view.setPermissions(permissions);
        }
    }
}
