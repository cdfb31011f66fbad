package org.clusterio.io.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

import org.clusterio.io.OpenedBinary;

/**
 * A stored file opened for serving, with the size and modification time the file had when it was opened.
 *
 * <p>The version is the modification time to the nanosecond and the size. Both are attributes of the file itself,
 * which on an NFS share the server keeps and every client reads alike, so two nodes serving the same file give the
 * same version; the inode number (fileKey) would tell files apart just as well but is not part of it, because it is
 * local to a node's file system whenever the storage is not one share. Every write renames a new file into place
 * with a modification time later than the one it replaces (see {@link FileVersions}), so the version changes with
 * every write even within one clock tick and at the same size.</p>
 */
record OpenedFile(FileChannel file, long size, FileTime modified) implements OpenedBinary {

    @Override
    public Instant lastModified() {
        return modified.toInstant();
    }

    @Override
    public String version() {
        Instant time = modified.toInstant();
        return Long.toHexString(time.getEpochSecond()) + "." + Integer.toHexString(time.getNano()) + "-" + Long.toHexString(size);
    }

    @Override
    public Optional<FileChannel> channel() {
        return Optional.of(file);
    }

    @Override
    public InputStream read(long offset, long length) throws IOException {
        file.position(offset);
        return new BoundedInputStream(Channels.newInputStream(file), Math.min(length, Math.max(0, size - offset)));
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            // read-only: nothing was lost
        }
    }
}
