package org.clusterio.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Stores the bytes of one site's files; a {@link BinarydataStore} opens one per site. Bound to one site's layout:
 * names are validated binary file ids such as {@code images/a/b.jpg}; directory prefixes are validated ids too.
 * Implementations are thread-safe.
 */
public interface BinarydataHandler {

    /**
     * Stores the bytes under the name, atomically: readers see either the previous complete content or the new one.
     * On failure nothing new is visible under the name.
     *
     * @param expectedSize the number of bytes the stream holds, or -1 when unknown
     * @return the number of bytes stored
     */
    long create(String name, InputStream content, long expectedSize);

    /**
     * A file for {@link #createAll}: its name, its bytes (opened when the store writes them; the store closes them),
     * and their size, or -1 when unknown.
     */
    record NewFile(String name, Supplier<InputStream> content, long expectedSize) {
    }

    /**
     * Stores several files, each as {@link #create} stores it (atomically, every file on its own: one that fails
     * does not fail the others), sharing the durability work between them where the store can: a directory store that
     * flushes writes flushes the contents of the batch, renames each file into place after its own content is flushed,
     * and then flushes each directory once. When it returns, every file not among the failures is stored as durably
     * as {@link #create} would have stored it.
     *
     * @return the failures by name, each as {@link #create} would have thrown it (the source's own failure, such as
     *         {@link org.clusterio.api.BinaryFileNotFoundException}, as it was thrown); empty when every file was stored
     */
    default Map<String, RuntimeException> createAll(List<NewFile> files) {
        Map<String, RuntimeException> failures = new LinkedHashMap<>();
        for (NewFile file : files) {
            try (InputStream content = file.content().get()) {
                create(file.name(), content, file.expectedSize());
            } catch (RuntimeException e) {
                failures.put(file.name(), e);
            } catch (IOException e) {
                // closing what was read in full: the file is stored
            }
        }
        return failures;
    }

    /**
     * @return the stored content; the caller closes it
     * @throws org.clusterio.api.BinaryFileNotFoundException if nothing is stored under the name
     */
    InputStream open(String name);

    /**
     * @return at most {@code length} bytes of the stored content from {@code offset}; the caller closes it
     * @throws org.clusterio.api.BinaryFileNotFoundException if nothing is stored under the name
     */
    InputStream open(String name, long offset, long length);

    /**
     * Opens the stored content for serving: the bytes together with the size, time and version of exactly those
     * bytes (see {@link OpenedBinary}), so that a file replaced while it is served is described as the file sent.
     *
     * @throws org.clusterio.api.BinaryFileNotFoundException if nothing is stored under the name
     */
    OpenedBinary openForServing(String name);

    /**
     * @return whether {@link #openForServing} only asks a local file system of this node, so that an IO thread may
     *         call it: a few system calls on cached directory entries, never a network round trip (NFS, S3)
     */
    default boolean opensWithoutBlocking() {
        return false;
    }

    /** @return size, modification time and MIME type of the stored content, read from the store itself */
    Optional<BinaryFileMetadata> stat(String name);

    /** Deletes what is stored under the name; nothing stored is not an error. */
    void delete(String name);

    /** Deletes everything stored below {@code prefix + "/"}. */
    void deleteDirectory(String prefix);

    /**
     * @return what is stored below {@code prefix + "/"} (everything for an empty prefix), read lazily from the store;
     *         the caller closes the stream
     */
    Stream<BinaryFileMetadata> list(String prefix);

    /**
     * @return what writes that never finished left behind in the store (a writer killed between its first byte and the
     *         publication of the file), named by their path below the site's directory, with size and time; read
     *         lazily, the caller closes the stream. None for a store that publishes whole or nothing.
     */
    default Stream<BinaryFileMetadata> listTemporaryLeftovers() {
        return Stream.empty();
    }

    /**
     * Reads the stored bytes and compares them with the checksum the store recorded when they were written.
     *
     * @return whether they match, or empty when the store keeps no checksum of this file
     */
    default Optional<Boolean> matchesStoredChecksum(String name) {
        return Optional.empty();
    }
}
