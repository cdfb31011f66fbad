package org.clusterio.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.Optional;

/**
 * The bytes of one stored file, opened for serving, with what the opened bytes themselves say of them. Size, time
 * and version describe exactly what {@link #read} and {@link #channel} return, however the name is replaced, grown or
 * deleted meanwhile: an answer built from them never announces one file and sends another. Not thread-safe; the
 * caller closes it.
 */
public interface OpenedBinary extends Closeable {

    /** @return the number of bytes opened */
    long size();

    /** @return when the opened bytes were written, as precisely as the store keeps it */
    Instant lastModified();

    /**
     * @return a token that changes with every write of the name, also within one second and at the same size, and
     *         that every node serving the same bytes computes alike (so it may be an entity tag behind a shared
     *         cache); only characters allowed inside an entity tag (RFC 9110, 8.8.3)
     */
    String version();

    /** @return the opened local file, for handing all of it to the kernel; empty for stores without local files */
    Optional<FileChannel> channel();

    /**
     * @return {@code length} bytes of the opened content from {@code offset}; the caller closes it
     * @throws org.clusterio.api.IOBackendException if the store cannot deliver those bytes of this version any more
     */
    InputStream read(long offset, long length) throws IOException;

    @Override
    void close();
}
