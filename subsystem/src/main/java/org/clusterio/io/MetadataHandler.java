package org.clusterio.io;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps what is known about each stored file of one site: its size, modification time and MIME type. A
 * {@link MetadataStore} opens one per site. Names are validated binary file ids. Implementations are thread-safe.
 */
public interface MetadataHandler {

    /**
     * Records a file whose bytes are already stored completely; replaces any earlier record of the same name.
     *
     * @throws MetadataNotWrittenException when it is certain that nothing was written; any other failure leaves the
     *         outcome unknown
     * @throws IllegalArgumentException before anything is written, for metadata the store cannot hold
     */
    BinaryFileMetadata create(BinaryFileMetadata metadata);

    Optional<BinaryFileMetadata> load(String name);

    /**
     * Records several files as {@link #create} records each, in as few round trips as the store can (a DFS table: one
     * JDBC batch in one transaction). A record that fails does not fail the others: a store that writes them together
     * writes them again one at a time when the batch fails, so that only the failing records are not written.
     *
     * @return the failures by name, each as {@link #create} would have thrown it (an {@link IllegalArgumentException}
     *         for metadata the store cannot hold); empty when every record was written
     */
    default Map<String, RuntimeException> createAll(List<BinaryFileMetadata> records) {
        Map<String, RuntimeException> failures = new LinkedHashMap<>();
        for (BinaryFileMetadata metadata : records) {
            try {
                create(metadata);
            } catch (RuntimeException e) {
                failures.put(metadata.name(), e);
            }
        }
        return failures;
    }

    /**
     * @return what {@link #load} returns for each of the names that has a record, read from the store itself (never
     *         from a cache) in one round trip where the store can
     */
    default Map<String, BinaryFileMetadata> loadAll(Collection<String> names) {
        Map<String, BinaryFileMetadata> found = new HashMap<>();
        for (String name : names) {
            load(name).ifPresent(metadata -> found.put(name, metadata));
        }
        return found;
    }

    boolean exists(String name);

    /**
     * A lookup that never waits for a store: what a storage filter may ask on an IO thread, which must not block.
     *
     * @return the record when this node's memory holds it (a current entry of a persistence cache); empty when only
     *         the store could answer, or when the name is known to hold nothing (the caller then asks {@link #load})
     */
    default Optional<BinaryFileMetadata> loadFromMemory(String name) {
        return Optional.empty();
    }

    /**
     * Refuses, before anything is written anywhere, metadata that {@link #create} would refuse (a value the store
     * cannot hold).
     *
     * @throws IllegalArgumentException saying why
     */
    default void checkRecordable(BinaryFileMetadata metadata) {
        // most stores hold any metadata
    }

    /**
     * @return whether the store itself holds a record of the name now, asked of the store and never of a cache: what
     *         decides that nothing names a binary before it is deleted
     */
    default boolean existsInStore(String name) {
        return exists(name);
    }

    /** @return whether a record was deleted */
    boolean delete(String name);

    /** Deletes the records of every file below {@code prefix + "/"}. */
    void deleteDirectory(String prefix);

    /**
     * @return the records below {@code prefix + "/"} (all of them for an empty prefix), read lazily, never all held
     *         in memory; the caller closes the stream
     */
    Stream<BinaryFileMetadata> list(String prefix);

    /**
     * The same as {@link #list(String)}, read from the store {@code pageSize} records at a time where the store reads in
     * pages (a database), so that long runs hold one page at most.
     */
    default Stream<BinaryFileMetadata> list(String prefix, int pageSize) {
        return list(prefix);
    }

    /** @return how many records {@link #list(String)} would return, counted without holding them */
    default long count(String prefix) {
        try (Stream<BinaryFileMetadata> records = list(prefix)) {
            return records.count();
        }
    }

    /**
     * @return whether the records are read from the binarydata store itself, so that {@link #create} stores nothing of
     *         its own and modification times are those of the stored bytes
     */
    default boolean derivesFromStore() {
        return false;
    }

    /**
     * @return every record of the site, soft-deleted ones included, read {@code pageSize} at a time where the store
     *         reads in pages; the caller closes the stream. Stores without soft deletes list what {@link #list} does.
     */
    default Stream<MetadataRecord> listRecords(int pageSize) {
        return list("", pageSize).map(MetadataRecord::of);
    }

    /**
     * @return those of the names that have a record in the store itself, soft-deleted ones included (asked in one
     *         round trip where the store can): what tells bytes that nothing names
     */
    default Set<String> recorded(Collection<String> names) {
        Set<String> found = new HashSet<>();
        for (String name : names) {
            if (existsInStore(name)) {
                found.add(name);
            }
        }
        return found;
    }

    /**
     * Deletes the record of the name only while it is still the one that was read (same stored {@code mtime}): a file
     * stored again since, or a soft-deleted record brought back, is kept. Deleting what is gone already is no error.
     *
     * @return whether a record was deleted
     */
    default boolean deleteIfUnchanged(MetadataRecord record) {
        Optional<BinaryFileMetadata> current = load(record.name());
        return current.isPresent() && current.get().mtime().getEpochSecond() == record.mtime() && delete(record.name());
    }
}
