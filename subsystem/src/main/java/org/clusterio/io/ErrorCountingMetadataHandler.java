package org.clusterio.io;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A site's metadata handler whose storage failures count for its handler resource (see {@link BackendErrors}). Every
 * method is forwarded, the defaults too: the handlers behind it override them (a DFS table answers in one query).
 */
final class ErrorCountingMetadataHandler implements MetadataHandler {

    private final MetadataHandler handler;
    private final BackendErrors errors;

    ErrorCountingMetadataHandler(MetadataHandler handler, BackendErrors errors) {
        this.handler = handler;
        this.errors = errors;
    }

    @Override
    public BinaryFileMetadata create(BinaryFileMetadata metadata) {
        return errors.counted(() -> handler.create(metadata));
    }

    /** {@inheritDoc} Each record that failed for its storage counts, as a failed {@link #create} does. */
    @Override
    public Map<String, RuntimeException> createAll(List<BinaryFileMetadata> records) {
        return errors.countedEach(errors.counted(() -> handler.createAll(records)));
    }

    @Override
    public Map<String, BinaryFileMetadata> loadAll(Collection<String> names) {
        return errors.counted(() -> handler.loadAll(names));
    }

    @Override
    public Optional<BinaryFileMetadata> load(String name) {
        return errors.counted(() -> handler.load(name));
    }

    @Override
    public Optional<BinaryFileMetadata> loadFromMemory(String name) {
        return errors.counted(() -> handler.loadFromMemory(name));
    }

    @Override
    public boolean exists(String name) {
        return errors.counted(() -> handler.exists(name));
    }

    @Override
    public void checkRecordable(BinaryFileMetadata metadata) {
        handler.checkRecordable(metadata); // refuses a value, asking no storage
    }

    @Override
    public boolean existsInStore(String name) {
        return errors.counted(() -> handler.existsInStore(name));
    }

    @Override
    public boolean delete(String name) {
        return errors.counted(() -> handler.delete(name));
    }

    @Override
    public void deleteDirectory(String prefix) {
        errors.counted(() -> handler.deleteDirectory(prefix));
    }

    @Override
    public Stream<BinaryFileMetadata> list(String prefix) {
        return errors.counted(() -> handler.list(prefix));
    }

    @Override
    public Stream<BinaryFileMetadata> list(String prefix, int pageSize) {
        return errors.counted(() -> handler.list(prefix, pageSize));
    }

    @Override
    public long count(String prefix) {
        return errors.counted(() -> handler.count(prefix));
    }

    @Override
    public boolean derivesFromStore() {
        return handler.derivesFromStore();
    }

    @Override
    public Stream<MetadataRecord> listRecords(int pageSize) {
        return errors.counted(() -> handler.listRecords(pageSize));
    }

    @Override
    public Set<String> recorded(Collection<String> names) {
        return errors.counted(() -> handler.recorded(names));
    }

    @Override
    public boolean deleteIfUnchanged(MetadataRecord record) {
        return errors.counted(() -> handler.deleteIfUnchanged(record));
    }
}
