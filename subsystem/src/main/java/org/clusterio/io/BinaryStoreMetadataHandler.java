package org.clusterio.io;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * Metadata read from the site's binarydata store itself, whichever it is (a directory or a bucket): size and
 * modification time of the stored bytes, MIME type from the name, or from the first bytes when the name tells nothing.
 * It keeps no records of its own, so creating or deleting a record writes nothing: the binary is the record. A MIME
 * type given at create time is therefore not kept. What a {@code filesystem-metadata-handler} resource runs: the
 * resource is named for the store it is used with most, but the handler reads an S3 bucket just as well.
 */
public final class BinaryStoreMetadataHandler implements MetadataHandler {

    /** The store of every {@code filesystem-metadata-handler} resource: it keeps nothing, and reads the site's binarydata. */
    public static final MetadataStore STORE = (site, binarydata) -> new BinaryStoreMetadataHandler(binarydata);

    private final BinarydataHandler binarydata;

    public BinaryStoreMetadataHandler(BinarydataHandler binarydata) {
        this.binarydata = binarydata;
    }

    @Override
    public BinaryFileMetadata create(BinaryFileMetadata metadata) {
        // Report what the store really holds, so that load() after create() returns the same values.
        return binarydata.stat(metadata.name()).orElse(metadata);
    }

    @Override
    public Optional<BinaryFileMetadata> load(String name) {
        return binarydata.stat(name);
    }

    @Override
    public boolean exists(String name) {
        return binarydata.stat(name).isPresent();
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
        return binarydata.list(prefix);
    }

    @Override
    public boolean derivesFromStore() {
        return true;
    }
}
