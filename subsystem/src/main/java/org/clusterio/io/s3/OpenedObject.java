package org.clusterio.io.s3;

import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;

import org.clusterio.io.OpenedBinary;

/**
 * One version of an object, as a HEAD request found it: its size, time and S3 entity tag. Its bytes are read with
 * If-Match on that tag, so that an object replaced after the HEAD is never sent under the old object's size and tag:
 * S3 refuses the read (412) and the request fails as the store's failure (503), to be retried.
 *
 * <p>The version is the object's S3 entity tag: the store computes it, every node reads the same one, and it changes
 * with the content (an identical replacement keeps it, which is right: it is the same representation).</p>
 */
record OpenedObject(long size, Instant lastModified, String eTag, BiFunction<Long, Long, InputStream> reader) implements OpenedBinary {

    @Override
    public String version() {
        // S3 quotes its tags; what is inside is hex digits and a dash, kept to the characters an entity tag allows.
        return eTag.replaceAll("[^0-9A-Za-z._-]", "");
    }

    @Override
    public Optional<FileChannel> channel() {
        return Optional.empty();
    }

    @Override
    public InputStream read(long offset, long length) {
        return reader.apply(offset, length);
    }

    @Override
    public void close() {
        // nothing held between the HEAD and a read
    }
}
