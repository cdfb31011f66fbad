package org.clusterio.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.BinaryFileIds;
import org.clusterio.api.BinaryFileNotFoundException;
import org.clusterio.api.IOService;
import org.clusterio.api.SiteHandlers;
import org.clusterio.logging.ClusterIOLogger;

/**
 * The IO service of one site: a metadata handler and a binarydata handler composed so that metadata only ever
 * describes complete binaries. Writes store the binary first and record the metadata after it (a binary whose
 * metadata write failed is removed again); deletes remove the metadata first, so that no reader is sent to a
 * binary that is going away, and a binary that then fails to go is logged for :check-integrity. A create never
 * deletes a binary that a record may name: only when its metadata write certainly did not happen
 * ({@link MetadataNotWrittenException}) and the store holds no record of the id is the new binary taken back. A
 * write whose outcome is unknown keeps it, and says so in the log. Every change is told to the site's
 * {@link StoreChangeListener} (its HTTP cache) before the call returns, whether it succeeded or not.
 */
public final class SiteIOService implements IOService {

    private final SiteLayout site;
    private final UrlPrefix urlPrefix;
    private final MetadataHandler metadata;
    private final BinarydataHandler binarydata;
    private final StoreChangeListener changes;
    private final SiteHandlers handlers;
    private final MimeTypes mimeTypes = new MimeTypes();
    private final SiteStatistics statistics = new SiteStatistics();

    /** A service outside the management model (tests, benchmarks): its handlers have no resource names. */
    public SiteIOService(SiteLayout site, UrlPrefix urlPrefix, MetadataHandler metadata, BinarydataHandler binarydata) {
        this(site, urlPrefix, metadata, binarydata, StoreChangeListener.NONE);
    }

    /** A service outside the management model (tests, benchmarks): its handlers have no resource names. */
    public SiteIOService(SiteLayout site, UrlPrefix urlPrefix, MetadataHandler metadata, BinarydataHandler binarydata, StoreChangeListener changes) {
        this(site, urlPrefix, metadata, binarydata, changes, new SiteHandlers("metadata-handler", "unnamed", "binarydata-handler", "unnamed"));
    }

    public SiteIOService(SiteLayout site, UrlPrefix urlPrefix, MetadataHandler metadata, BinarydataHandler binarydata, StoreChangeListener changes,
            SiteHandlers handlers) {
        this.handlers = handlers;
        this.site = site;
        this.urlPrefix = urlPrefix;
        this.metadata = metadata;
        this.binarydata = binarydata;
        this.changes = changes;
    }

    @Override
    public String siteName() {
        return site.name();
    }

    @Override
    public SiteHandlers handlers() {
        return handlers;
    }

    @Override
    public BinaryFile create(BinaryFileCreateStruct struct) {
        return statistics.timed(IOOperation.CREATE, () -> createFile(struct));
    }

    private BinaryFile createFile(BinaryFileCreateStruct struct) {
        String id = BinaryFileIds.validate(struct.id());
        Optional<Path> file = struct.file();
        if (file.isPresent()) {
            try (InputStream content = Files.newInputStream(file.get())) {
                return store(id, content, struct);
            } catch (IOException e) {
                throw ClusterIOLogger.ROOT_LOGGER.localFileUnreadable(file.get(), e.getMessage(), e);
            }
        }
        return store(id, struct.stream().orElseThrow(), struct);
    }

    private BinaryFile store(String id, InputStream content, BinaryFileCreateStruct struct) {
        InputStream input = content;
        // A declared type often is the browser's claim for an upload: it counts no more than the content does.
        String mimeType = mimeTypes.checked(id, struct.mimeType().orElse(null));
        if (mimeType.equals(MimeTypes.UNKNOWN) && struct.mimeType().isEmpty()) {
            // Peek at the head of the stream without consuming it, so that the type is known before anything is stored.
            BufferedInputStream buffered = new BufferedInputStream(content, MimeTypes.SNIFF_LENGTH);
            mimeType = detectMimeType(id, buffered);
            input = buffered;
        }
        // Asking first also means that an unreachable metadata store fails the create before any storage is touched.
        boolean replacing = metadata.exists(id);
        long size = binarydata.create(id, input, struct.size().orElse(-1));
        try {
            return toBinaryFile(metadata.create(new BinaryFileMetadata(id, size, Instant.now(), mimeType)));
        } catch (MetadataNotWrittenException e) {
            takeBackUnlessRecorded(id, replacing, e);
            throw e.failure(); // callers get the API's exception: the SPI's says only what the service needed to know
        } catch (IllegalArgumentException e) {
            takeBackUnlessRecorded(id, replacing, e);
            throw e;
        } catch (RuntimeException e) {
            // The write may have committed (an acknowledgement lost on the way back, a cache that could not follow):
            // a record may name the new bytes, so they stay.
            ClusterIOLogger.ROOT_LOGGER.keptBinaryOfFailedWrite(site.name(), id, e);
            throw e;
        } finally {
            // The bytes under the id changed once the binary was stored, whatever became of the record.
            changes.fileChanged(site.internalPath(id));
        }
    }

    /**
     * After a metadata write that certainly did not happen: deletes the new binary when no record names it. The store
     * itself is asked (not a cache), because another writer may have recorded the id since the check before the
     * write; a record keeps the binary. A store that cannot say (it is what just failed, typically) keeps it only when
     * the id had a record before this write: a new id's bytes go, so that an outage leaves no binary without metadata.
     * That risks one thing only, another node recording the same new id at that very moment of the outage.
     */
    private void takeBackUnlessRecorded(String id, boolean replacing, RuntimeException failure) {
        boolean recorded;
        try {
            recorded = replacing || metadata.existsInStore(id);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            recorded = false;
        }
        if (recorded) {
            // The record names this id: the new bytes are better than none. Its size and time are stale until the
            // next write; :check-integrity lists the mismatch.
            ClusterIOLogger.ROOT_LOGGER.staleMetadata(site.name(), id, failure);
            return;
        }
        try {
            binarydata.delete(id);
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
            ClusterIOLogger.ROOT_LOGGER.orphanedBinary(site.name(), id, cleanup);
        }
    }

    private String detectMimeType(String id, BufferedInputStream in) {
        byte[] head = new byte[MimeTypes.SNIFF_LENGTH];
        try {
            in.mark(MimeTypes.SNIFF_LENGTH);
            int length = 0;
            for (int read; length < head.length && (read = in.read(head, length, head.length - length)) > 0; ) {
                length += read;
            }
            in.reset();
            return mimeTypes.detect(id, head, length);
        } catch (IOException e) {
            throw ClusterIOLogger.ROOT_LOGGER.contentUnreadable(e.getMessage(), e);
        }
    }

    @Override
    public BinaryFile load(String id) {
        return find(id).orElseThrow(() -> new BinaryFileNotFoundException(id));
    }

    @Override
    public Optional<BinaryFile> find(String id) {
        return statistics.timed(IOOperation.LOAD, () -> metadata.load(BinaryFileIds.validate(id)).map(this::toBinaryFile));
    }

    @Override
    public BinaryFile loadByUri(String uri) {
        String id = urlPrefix.idFromUri(uri).orElseThrow(() -> ClusterIOLogger.ROOT_LOGGER.uriOutsideUrlPrefix(uri, urlPrefix.toString(), site.name()));
        return load(id);
    }

    @Override
    public InputStream open(BinaryFile file) {
        return statistics.timed(IOOperation.OPEN, () -> binarydata.open(BinaryFileIds.validate(file.id())));
    }

    @Override
    public InputStream open(BinaryFile file, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw ClusterIOLogger.ROOT_LOGGER.negativeRange(offset, length);
        }
        return statistics.timed(IOOperation.OPEN, () -> binarydata.open(BinaryFileIds.validate(file.id()), offset, length));
    }

    /**
     * @return the file's bytes opened for serving, described by themselves rather than by the record
     * @throws BinaryFileNotFoundException if the store holds nothing under the record's id (an orphan record)
     */
    public OpenedBinary openForServing(BinaryFile file) {
        return statistics.timed(IOOperation.OPEN, () -> binarydata.openForServing(BinaryFileIds.validate(file.id())));
    }

    /**
     * @return the record when this node's memory holds it, without waiting for the metadata store (see
     *         {@link MetadataHandler#loadFromMemory}); empty when only the store could answer
     */
    public Optional<BinaryFile> loadFromMemory(String id) {
        long start = System.nanoTime();
        Optional<BinaryFile> found = metadata.loadFromMemory(BinaryFileIds.validate(id)).map(this::toBinaryFile);
        if (found.isPresent()) {
            // Only an answer counts as a load: otherwise the caller's load follows, and counts for itself.
            statistics.of(IOOperation.LOAD).record(start, false);
        }
        return found;
    }

    /** @return whether {@link #openForServing} asks a local file system only (see {@link BinarydataHandler#opensWithoutBlocking}) */
    public boolean opensWithoutBlocking() {
        return binarydata.opensWithoutBlocking();
    }

    /** @return the id of a URI of this site, or empty when the URI does not start with the site's url-prefix */
    public Optional<String> idFromUri(String uri) {
        return urlPrefix.idFromUri(uri);
    }

    @Override
    public boolean exists(String id) {
        return statistics.timed(IOOperation.EXISTS, () -> metadata.exists(BinaryFileIds.validate(id)));
    }

    @Override
    public String mimeType(String id) {
        return load(id).mimeType();
    }

    @Override
    public void delete(BinaryFile file) {
        statistics.timed(IOOperation.DELETE, () -> deleteFile(file));
    }

    private void deleteFile(BinaryFile file) {
        String id = BinaryFileIds.validate(file.id());
        try {
            metadata.delete(id);
            deleteBinary(id, id, binarydata::delete);
        } finally {
            // Also after a failure: a part may be gone (the record, so readers get 404), and a purge too many is harmless.
            changes.fileChanged(site.internalPath(id));
        }
    }

    @Override
    public void deleteDirectory(String path) {
        statistics.timed(IOOperation.DELETE, () -> deleteFiles(path));
    }

    private void deleteFiles(String path) {
        String prefix = directory(path);
        try {
            metadata.deleteDirectory(prefix);
            deleteBinary(prefix, prefix + "/", binarydata::deleteDirectory);
        } finally {
            changes.directoryDeleted(site.internalPath(prefix));
        }
    }

    /** The second step of a delete: the record is gone, so bytes that stay are an orphan to report. */
    private void deleteBinary(String id, String logged, Consumer<String> delete) {
        try {
            delete.accept(id);
        } catch (RuntimeException e) {
            ClusterIOLogger.ROOT_LOGGER.orphanedBinary(site.name(), logged, e);
            throw e;
        }
    }

    @Override
    public String internalPath(String id) {
        return site.internalPath(BinaryFileIds.validate(id));
    }

    @Override
    public String externalPath(String internalPath) {
        return BinaryFileIds.validate(site.externalPath(internalPath));
    }

    @Override
    public Stream<BinaryFile> list(String prefix) {
        return metadata.list(prefix.isEmpty() ? "" : directory(prefix)).map(this::toBinaryFile);
    }

    /** @return what the site's operations did since it started */
    public SiteStatistics statistics() {
        return statistics;
    }

    /** @return the layout of the site this service stores files for */
    public SiteLayout site() {
        return site;
    }

    /** A directory path is an id, optionally with one trailing slash. */
    private static String directory(String path) {
        return BinaryFileIds.validate(path != null && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    /**
     * The record's type is checked again on the way out: rows written by PHP cluster nodes (which sniff content) or
     * before this policy may hold {@code text/html} for {@code images/evil.jpg}.
     */
    private BinaryFile toBinaryFile(BinaryFileMetadata stored) {
        return new BinaryFile(stored.name(), stored.size(), stored.mtime(), urlPrefix.uriFor(stored.name()), mimeTypes.checked(stored.name(), stored.mimeType()));
    }
}
