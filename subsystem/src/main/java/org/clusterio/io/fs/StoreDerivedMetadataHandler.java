package org.clusterio.io.fs;

import java.util.Optional;
import java.util.stream.Stream;

import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.BinaryFileMetadata;
import org.clusterio.io.MetadataHandler;
import org.clusterio.io.MetadataHandlerProvider;

/**
 * The filesystem metadata handler: metadata read from the binarydata store itself (size and modification time of
 * the stored file, MIME type from its name, or from its first bytes when the name tells nothing). It keeps no
 * records of its own, so creating or deleting a record writes nothing: the binary is the record. A MIME type given
 * at create time is therefore not kept.
 */
public final class StoreDerivedMetadataHandler implements MetadataHandler {

    /** The provider behind {@code filesystem-metadata-handler} resources: it reads whatever store the site uses. */
    public static final MetadataHandlerProvider PROVIDER = (site, binarydata) -> new StoreDerivedMetadataHandler(binarydata);

    private final BinarydataHandler store;

    public StoreDerivedMetadataHandler(BinarydataHandler store) {
        this.store = store;
    }

    @Override
    public BinaryFileMetadata create(BinaryFileMetadata metadata) {
        // Report what the store really holds, so that load() after create() returns the same values.
        return store.stat(metadata.name()).orElse(metadata);
    }

    @Override
    public Optional<BinaryFileMetadata> load(String name) {
        return store.stat(name);
    }

    @Override
    public boolean exists(String name) {
        return store.stat(name).isPresent();
    }

    @Override
    public boolean delete(String name) {
        return exists(name);
    }

    @Override
    public void deleteDirectory(String prefix) {
        // Nothing of its own to delete: the binarydata handler deletes the files, and with them the metadata.
    }

    @Override
    public Stream<BinaryFileMetadata> list(String prefix) {
        return store.list(prefix);
    }

    @Override
    public boolean derivesFromStore() {
        return true;
    }
}
