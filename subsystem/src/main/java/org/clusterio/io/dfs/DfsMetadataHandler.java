package org.clusterio.io.dfs;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.clusterio.io.BinaryFileMetadata;
import org.clusterio.io.MetadataHandler;
import org.clusterio.io.MetadataRecord;
import org.clusterio.io.SiteLayout;
import org.clusterio.logging.ClusterIOLogger;

/**
 * The DFS metadata of one site: rows of the shared table whose names start with the site's
 * {@code <var-dir>/<storage-dir>/}. Rows with {@code expired} set or a non-positive {@code mtime} do not exist for
 * readers (the legacy cluster's soft delete), so a write with a modification time the int column cannot hold as a
 * positive number is refused. Writes are one atomic upsert; deletes are hard deletes. Every statement carries the
 * store's query timeout.
 */
final class DfsMetadataHandler implements MetadataHandler {

    /** Rows fetched per round trip when listing: a page at a time, never the whole table. */
    static final int LIST_PAGE_SIZE = 500;

    private static final String VISIBLE = " and e.expired = false and e.mtime > 0";

    /**
     * The same in SQL, for the queries by name prefix: those are native, because names are compared byte for byte,
     * which HQL cannot say on MySQL (see {@link DfsDialect#nameLike}).
     */
    private static final String VISIBLE_ROW = " AND expired = false AND mtime > 0";

    private static final String COLUMNS = "name_hash, name, name_trunk, datatype, scope, size, mtime, expired, status";

    private final DfsMetadataStore store;
    private final SiteLayout site;

    DfsMetadataHandler(DfsMetadataStore store, SiteLayout site) {
        this.store = store;
        this.site = site;
    }

    @Override
    public void checkRecordable(BinaryFileMetadata metadata) {
        long mtime = metadata.mtime().getEpochSecond();
        if (mtime < 1 || mtime > Integer.MAX_VALUE) {
            // The column is an int, and readers take a row with mtime <= 0 for a deleted one: never write a row nobody sees.
            throw ClusterIOLogger.DFS_LOGGER.dfsMtimeOutOfRange(metadata.name(), mtime);
        }
    }

    @Override
    public BinaryFileMetadata create(BinaryFileMetadata metadata) {
        checkRecordable(metadata);
        String name = site.internalPath(metadata.name());
        long mtime = metadata.mtime().getEpochSecond();
        // The statement is built inside the transaction: a database that cannot be reached then fails it as not written.
        store.inTransaction("store the metadata of '" + metadata.name() + "'", session -> session.createNativeMutationQuery(store.upsertStatement())
                .setTimeout(store.queryTimeout())
                .setParameter(1, name)
                .setParameter(2, DfsNames.hash(name))
                .setParameter(3, name)
                .setParameter(4, metadata.mimeType())
                .setParameter(5, DfsNames.scope(metadata.name()))
                .setParameter(6, metadata.size())
                .setParameter(7, (int) mtime)
                .executeUpdate());
        // The table keeps whole seconds: report what a later load will return.
        return new BinaryFileMetadata(metadata.name(), metadata.size(), Instant.ofEpochSecond(mtime), metadata.mimeType());
    }

    /**
     * {@inheritDoc}
     *
     * <p>One JDBC batch of the same upsert, with the same values, as {@link #create} sends for each record, in one
     * transaction: the rows PHP nodes read are those single writes make. When the batch fails, nothing of it is
     * committed, and each record is written again on its own, so that only the records that fail on their own fail.</p>
     */
    @Override
    public Map<String, RuntimeException> createAll(List<BinaryFileMetadata> records) {
        Map<String, RuntimeException> failures = new LinkedHashMap<>();
        List<BinaryFileMetadata> recordable = new ArrayList<>(records.size());
        for (BinaryFileMetadata metadata : records) {
            try {
                checkRecordable(metadata);
                recordable.add(metadata);
            } catch (IllegalArgumentException e) {
                failures.put(metadata.name(), e);
            }
        }
        if (recordable.size() < 2) {
            failures.putAll(MetadataHandler.super.createAll(recordable));
            return failures;
        }
        try {
            store.inTransaction("store the metadata of " + recordable.size() + " files", session -> session.doReturningWork(connection -> {
                try (PreparedStatement upsert = connection.prepareStatement(store.upsertStatement())) {
                    upsert.setQueryTimeout(store.queryTimeout());
                    for (BinaryFileMetadata metadata : recordable) {
                        String name = site.internalPath(metadata.name());
                        upsert.setString(1, name);
                        upsert.setString(2, DfsNames.hash(name));
                        upsert.setString(3, name);
                        upsert.setString(4, metadata.mimeType());
                        upsert.setString(5, DfsNames.scope(metadata.name()));
                        upsert.setLong(6, metadata.size());
                        upsert.setInt(7, (int) metadata.mtime().getEpochSecond());
                        upsert.addBatch();
                    }
                    return upsert.executeBatch().length;
                }
            }));
        } catch (RuntimeException batchFailed) {
            ClusterIOLogger.DFS_LOGGER.dfsBatchWrittenOneByOne(recordable.size(), batchFailed.getMessage());
            failures.putAll(MetadataHandler.super.createAll(recordable));
        }
        return failures;
    }

    /** {@inheritDoc} One query for the whole collection, by primary key. */
    @Override
    public Map<String, BinaryFileMetadata> loadAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, String> byHash = new HashMap<>();
        ids.forEach(id -> byHash.put(DfsNames.hash(site.internalPath(id)), id));
        List<DfsFile> rows = store.read("load the metadata of " + ids.size() + " files", session -> session
                .createSelectionQuery("from DfsFile e where e.nameHash in :hashes" + VISIBLE, DfsFile.class)
                .setTimeout(store.queryTimeout())
                .setParameterList("hashes", byHash.keySet())
                .getResultList());
        Map<String, BinaryFileMetadata> found = new HashMap<>();
        for (DfsFile row : rows) {
            String id = byHash.get(row.getNameHash());
            if (id != null) {
                found.put(id, new BinaryFileMetadata(id, row.getSize(), Instant.ofEpochSecond(row.getMtime()), row.getDatatype()));
            }
        }
        return found;
    }

    @Override
    public Optional<BinaryFileMetadata> load(String id) {
        String hash = DfsNames.hash(site.internalPath(id));
        return store.read("load the metadata of '" + id + "'", session -> session
                .createSelectionQuery("from DfsFile e where e.nameHash = :hash" + VISIBLE, DfsFile.class)
                .setTimeout(store.queryTimeout())
                .setParameter("hash", hash)
                .uniqueResultOptional())
                .map(this::toMetadata);
    }

    @Override
    public boolean exists(String id) {
        String hash = DfsNames.hash(site.internalPath(id));
        return store.read("look up '" + id + "'", session -> session
                .createSelectionQuery("select count(*) from DfsFile e where e.nameHash = :hash" + VISIBLE, Long.class)
                .setTimeout(store.queryTimeout())
                .setParameter("hash", hash)
                .getSingleResult()) > 0;
    }

    @Override
    public boolean delete(String id) {
        String hash = DfsNames.hash(site.internalPath(id));
        return store.inTransaction("delete the metadata of '" + id + "'", session -> session
                .createMutationQuery("delete from DfsFile e where e.nameHash = :hash")
                .setTimeout(store.queryTimeout())
                .setParameter("hash", hash)
                .executeUpdate()) > 0;
    }

    @Override
    public void deleteDirectory(String prefix) {
        String pattern = DfsNames.belowDirectory(site.internalPath(prefix));
        store.inTransaction("delete the metadata below '" + prefix + "'", session -> session
                .createNativeMutationQuery("DELETE FROM " + store.tableSql() + " WHERE " + store.dialect().nameLike())
                .setTimeout(store.queryTimeout())
                .setParameter(1, pattern)
                .executeUpdate());
    }

    @Override
    public Stream<BinaryFileMetadata> list(String prefix) {
        return list(prefix, LIST_PAGE_SIZE);
    }

    @Override
    public Stream<BinaryFileMetadata> list(String prefix, int pageSize) {
        Iterator<DfsFile> rows = new PagedRows(belowDirectory(prefix), pageSize, VISIBLE_ROW);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL), false).map(this::toMetadata);
    }

    /** {@inheritDoc} The rows PHP nodes soft-deleted ({@code expired} set, or a non-positive {@code mtime}) too. */
    @Override
    public Stream<MetadataRecord> listRecords(int pageSize) {
        Iterator<DfsFile> rows = new PagedRows(belowDirectory(""), pageSize, "");
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .map(row -> new MetadataRecord(site.externalPath(row.getName()), row.getSize(), row.getMtime(), row.isExpired()));
    }

    @Override
    public Set<String> recorded(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Map<String, String> byHash = new HashMap<>();
        ids.forEach(id -> byHash.put(DfsNames.hash(site.internalPath(id)), id));
        List<String> hashes = store.read("look up " + ids.size() + " names", session -> session
                .createSelectionQuery("select e.nameHash from DfsFile e where e.nameHash in :hashes", String.class)
                .setTimeout(store.queryTimeout())
                .setParameterList("hashes", byHash.keySet())
                .getResultList());
        Set<String> found = new HashSet<>();
        hashes.forEach(hash -> found.add(byHash.get(hash)));
        return found;
    }

    /** {@inheritDoc} One conditional delete: the row goes only while its {@code mtime} is the one read. */
    @Override
    public boolean deleteIfUnchanged(MetadataRecord record) {
        String hash = DfsNames.hash(site.internalPath(record.name()));
        return store.inTransaction("delete the record of '" + record.name() + "'", session -> session
                .createMutationQuery("delete from DfsFile e where e.nameHash = :hash and e.mtime = :mtime")
                .setTimeout(store.queryTimeout())
                .setParameter("hash", hash)
                .setParameter("mtime", (int) record.mtime())
                .executeUpdate()) > 0;
    }

    @Override
    public long count(String prefix) {
        String pattern = belowDirectory(prefix);
        return store.read("count the metadata below '" + prefix + "'", session -> session
                .createNativeQuery("SELECT COUNT(*) FROM " + store.tableSql() + " WHERE " + store.dialect().nameLike() + VISIBLE_ROW, Long.class)
                .setTimeout(store.queryTimeout())
                .setParameter(1, pattern)
                .getSingleResult());
    }

    /** The LIKE pattern of the rows below a directory of the site (the whole site for an empty prefix). */
    private String belowDirectory(String prefix) {
        String directory = prefix.isEmpty() ? site.internalPrefix().substring(0, site.internalPrefix().length() - 1) : site.internalPath(prefix);
        return DfsNames.belowDirectory(directory);
    }

    private BinaryFileMetadata toMetadata(DfsFile row) {
        return new BinaryFileMetadata(site.externalPath(row.getName()), row.getSize(), Instant.ofEpochSecond(row.getMtime()), row.getDatatype());
    }

    /**
     * Reads the rows below a directory a page at a time, by primary key (keyset paging: each page starts after the
     * last hash seen, so rows added or deleted meanwhile never make the listing skip or repeat the others).
     */
    private final class PagedRows implements Iterator<DfsFile> {

        private final String pattern;
        private final int pageSize;
        private final String condition;
        private List<DfsFile> page = List.of();
        private int next;
        private String lastHash = "";
        private boolean exhausted;

        /** @param condition SQL that rows must also meet, appended to the query ({@link #VISIBLE_ROW} or nothing) */
        PagedRows(String pattern, int pageSize, String condition) {
            this.pattern = pattern;
            this.pageSize = pageSize;
            this.condition = condition;
        }

        @Override
        public boolean hasNext() {
            if (next < page.size()) {
                return true;
            }
            if (exhausted) {
                return false;
            }
            page = fetch();
            next = 0;
            exhausted = page.size() < pageSize;
            if (!page.isEmpty()) {
                lastHash = page.get(page.size() - 1).getNameHash();
            }
            return !page.isEmpty();
        }

        @Override
        public DfsFile next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.get(next++);
        }

        private List<DfsFile> fetch() {
            String after = lastHash;
            return new ArrayList<>(store.read("list the metadata below " + pattern, session -> session
                    .createNativeQuery("SELECT " + COLUMNS + " FROM " + store.tableSql() + " WHERE " + store.dialect().nameLike() + " AND name_hash > ?2"
                            + condition + " ORDER BY name_hash", DfsFile.class)
                    .setTimeout(store.queryTimeout())
                    .setParameter(1, pattern)
                    .setParameter(2, after)
                    .setMaxResults(pageSize)
                    .getResultList()));
        }
    }
}
