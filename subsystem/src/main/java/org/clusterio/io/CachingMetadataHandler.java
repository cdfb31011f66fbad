package org.clusterio.io;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.clusterio.api.ClusterIOException;
import org.clusterio.cache.SharedCache;
import org.clusterio.logging.ClusterIOLogger;

/**
 * Serves a metadata handler's lookups from a shared cache, found and not-found answers alike, and invalidates on
 * every node before a write returns, so that a read after a write on any node sees the write.
 *
 * <p>Entries are keyed by the name inside the shared store (the site's internal path), so sites and nodes that
 * share a store share its entries. Each entry is tagged with the directories above it up to the site's storage
 * directory: {@link #deleteDirectory} invalidates one tag instead of every name below it. Listings are not cached.</p>
 *
 * <p>A cache that fails fails the call with {@link org.clusterio.api.IOBackendException}, as the store would. A write
 * whose invalidation fails has changed the store all the same: the exception says so, and callers must not undo
 * the write's other effects.</p>
 *
 * <p>Writers that bypass this cache (PHP nodes on the same table) are seen once an entry expires: the cache's
 * lifespan bounds how stale a lookup can be for them.</p>
 */
public final class CachingMetadataHandler implements MetadataHandler {

    private static final String ABSENT = "-";

    private final MetadataHandler delegate;
    private final SharedCache cache;
    private final String namespace;
    private final SiteLayout site;

    /**
     * @param namespace what sets this store's entries apart from other stores' in the same cache; equal for every
     *                  handler on the same store
     */
    public CachingMetadataHandler(MetadataHandler delegate, SharedCache cache, String namespace, SiteLayout site) {
        this.delegate = delegate;
        this.cache = cache;
        this.namespace = namespace;
        this.site = site;
    }

    @Override
    public BinaryFileMetadata create(BinaryFileMetadata metadata) {
        BinaryFileMetadata created = delegate.create(metadata);
        invalidated("store the metadata of '" + metadata.name() + "'", () -> cache.invalidate(List.of(key(metadata.name()))));
        return created;
    }

    /** {@inheritDoc} Every name of the batch is invalidated, written or not: a failed write may have been written. */
    @Override
    public Map<String, RuntimeException> createAll(List<BinaryFileMetadata> records) {
        Map<String, RuntimeException> failures = delegate.createAll(records);
        invalidated("store the metadata of " + records.size() + " files", () -> cache.invalidate(records.stream().map(record -> key(record.name())).toList()));
        return failures;
    }

    /** {@inheritDoc} Asked of the store, as the contract says: what is read there is never staler than the cache. */
    @Override
    public Map<String, BinaryFileMetadata> loadAll(Collection<String> names) {
        return delegate.loadAll(names);
    }

    @Override
    public Optional<BinaryFileMetadata> load(String name) {
        String payload = cache.get(key(name), directoryTags(name), () -> encode(delegate.load(name)));
        return decode(name, payload);
    }

    /** Only a current entry of the cache answers: a miss, or an entry saying the name holds nothing, is empty. */
    @Override
    public Optional<BinaryFileMetadata> loadFromMemory(String name) {
        return cache.peek(key(name)).flatMap(payload -> decode(name, payload));
    }

    @Override
    public boolean exists(String name) {
        return load(name).isPresent();
    }

    @Override
    public void checkRecordable(BinaryFileMetadata metadata) {
        delegate.checkRecordable(metadata);
    }

    @Override
    public boolean existsInStore(String name) {
        return delegate.existsInStore(name);
    }

    @Override
    public boolean delete(String name) {
        boolean deleted = delegate.delete(name);
        invalidated("delete the metadata of '" + name + "'", () -> cache.invalidate(List.of(key(name))));
        return deleted;
    }

    @Override
    public void deleteDirectory(String prefix) {
        delegate.deleteDirectory(prefix);
        invalidated("delete the metadata below '" + prefix + "'", () -> cache.invalidateTags(List.of(directoryTag(stripSlashes(site.internalPath(prefix))))));
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
    public Stream<MetadataRecord> listRecords(int pageSize) {
        return delegate.listRecords(pageSize);
    }

    @Override
    public Set<String> recorded(Collection<String> names) {
        return delegate.recorded(names);
    }

    @Override
    public boolean deleteIfUnchanged(MetadataRecord record) {
        boolean deleted = delegate.deleteIfUnchanged(record);
        if (deleted) {
            invalidated("delete the record of '" + record.name() + "'", () -> cache.invalidate(List.of(key(record.name()))));
        }
        return deleted;
    }

    private String key(String name) {
        return namespace + site.internalPath(name);
    }

    /** The tags of a name: every directory from the site's storage directory down to the name's parent. */
    private List<String> directoryTags(String name) {
        String internal = site.internalPath(name);
        String root = site.internalPrefix();
        List<String> tags = new ArrayList<>(8);
        tags.add(directoryTag(stripSlashes(root)));
        for (int slash = internal.indexOf('/', root.length()); slash > 0; slash = internal.indexOf('/', slash + 1)) {
            tags.add(directoryTag(internal.substring(0, slash)));
        }
        return tags;
    }

    private String directoryTag(String directory) {
        return namespace + "dir:" + directory;
    }

    private static String stripSlashes(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    private static String encode(Optional<BinaryFileMetadata> metadata) {
        return metadata.map(m -> m.size() + "\t" + m.mtime().getEpochSecond() + "\t" + m.mtime().getNano() + "\t" + m.mimeType()).orElse(ABSENT);
    }

    private static Optional<BinaryFileMetadata> decode(String name, String payload) {
        if (ABSENT.equals(payload)) {
            return Optional.empty();
        }
        String[] fields = payload.split("\t", 4);
        return Optional.of(new BinaryFileMetadata(name, Long.parseLong(fields[0]), Instant.ofEpochSecond(Long.parseLong(fields[1]), Long.parseLong(fields[2])), fields[3]));
    }

    /** The store has changed: a cache that cannot follow must say so, or other nodes would serve the old answer. */
    private static void invalidated(String what, Runnable invalidation) {
        try {
            invalidation.run();
        } catch (ClusterIOException e) {
            throw ClusterIOLogger.CACHE_LOGGER.cacheNotInvalidated(what, e.getMessage(), e);
        }
    }
}
