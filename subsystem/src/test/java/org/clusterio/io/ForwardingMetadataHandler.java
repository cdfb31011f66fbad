package org.clusterio.io;

import java.util.Optional;
import java.util.stream.Stream;

/** A metadata handler that hands every call to another: tests override the one call they put a fault or a hook in. */
public class ForwardingMetadataHandler implements MetadataHandler {

    private final MetadataHandler delegate;

    public ForwardingMetadataHandler(MetadataHandler delegate) {
        this.delegate = delegate;
    }

    @Override
    public BinaryFileMetadata create(BinaryFileMetadata metadata) {
        return delegate.create(metadata);
    }

    @Override
    public Optional<BinaryFileMetadata> load(String name) {
        return delegate.load(name);
    }

    @Override
    public boolean exists(String name) {
        return delegate.exists(name);
    }

    @Override
    public boolean delete(String name) {
        return delegate.delete(name);
    }

    @Override
    public void deleteDirectory(String prefix) {
        delegate.deleteDirectory(prefix);
    }

    @Override
    public Stream<BinaryFileMetadata> list(String prefix) {
        return delegate.list(prefix);
    }

    @Override
    public Stream<BinaryFileMetadata> list(String prefix, int pageSize) {
        return delegate.list(prefix, pageSize);
    }

    @Override
    public long count(String prefix) {
        return delegate.count(prefix);
    }

    @Override
    public boolean derivesFromStore() {
        return delegate.derivesFromStore();
    }
}
