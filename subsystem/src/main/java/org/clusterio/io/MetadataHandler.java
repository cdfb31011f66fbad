package org.clusterio.io;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps what is known about each stored file of one site: its size, modification time and MIME type. Names are
 * validated binary file ids. Implementations are thread-safe.
 */
public interface MetadataHandler {

    /** Records a file whose bytes are already stored completely; replaces any earlier record of the same name. */
    BinaryFileMetadata create(BinaryFileMetadata metadata);

    Optional<BinaryFileMetadata> load(String name);

    boolean exists(String name);

    /** @return whether a record was deleted */
    boolean delete(String name);

    /** Deletes the records of every file below {@code prefix + "/"}. */
    void deleteDirectory(String prefix);

    /**
     * @return the records below {@code prefix + "/"} (all of them for an empty prefix), read lazily, never all held
     *         in memory; the caller closes the stream
     */
    Stream<BinaryFileMetadata> list(String prefix);
}
