package org.clusterio.io;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** A site's binarydata handler whose storage failures count for its handler resource (see {@link BackendErrors}). */
final class ErrorCountingBinarydataHandler implements BinarydataHandler {

    private final BinarydataHandler handler;
    private final BackendErrors errors;

    ErrorCountingBinarydataHandler(BinarydataHandler handler, BackendErrors errors) {
        this.handler = handler;
        this.errors = errors;
    }

    @Override
    public long create(String name, InputStream content, long expectedSize) {
        return errors.counted(() -> handler.create(name, content, expectedSize));
    }

    /** {@inheritDoc} Each file that failed for its storage counts, as a failed {@link #create} does. */
    @Override
    public Map<String, RuntimeException> createAll(List<NewFile> files) {
        return errors.countedEach(errors.counted(() -> handler.createAll(files)));
    }

    @Override
    public InputStream open(String name) {
        return errors.counted(() -> handler.open(name));
    }

    @Override
    public InputStream open(String name, long offset, long length) {
        return errors.counted(() -> handler.open(name, offset, length));
    }

    @Override
    public OpenedBinary openForServing(String name) {
        return errors.counted(() -> handler.openForServing(name));
    }

    @Override
    public boolean opensWithoutBlocking() {
        return handler.opensWithoutBlocking();
    }

    @Override
    public Optional<BinaryFileMetadata> stat(String name) {
        return errors.counted(() -> handler.stat(name));
    }

    @Override
    public void delete(String name) {
        errors.counted(() -> handler.delete(name));
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
    public Stream<BinaryFileMetadata> listTemporaryLeftovers() {
        return errors.counted(handler::listTemporaryLeftovers);
    }

    @Override
    public Optional<Boolean> matchesStoredChecksum(String name) {
        return errors.counted(() -> handler.matchesStoredChecksum(name));
    }
}
